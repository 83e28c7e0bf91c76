import { UNKNOWN } from "../../core/fields";
import { nativeStackRule } from "../../core/native";
import { cannotVerify } from "../../core/unknowns";
import { describeIdentity, identitiesOf, poolOf, shared } from "./pool-isolation";
import { NODE_TYPES } from "./types";

const ROLE = "aws:iam/role:Role";

/** NODE-009: the sensitive pool's node role is its own (audit W6). */
export const node009 = nativeStackRule({
  id: "NODE-009",
  name: "sensitive-pool-own-node-role",
  description:
    "A node group labelled <poolLabelKey>=sensitive must not share its node IAM role with a node group of another pool: the node credentials of a general node (readable by any host-network or escaped pod) would also be a sensitive node's.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.6", "S2"],
  upstream: "EKS best practices (isolate sensitive workloads on dedicated nodes); Amazon EKS node IAM role",
  remediation: "Give the sensitive pool its own node role with the same managed policies (infra/pools.ts: roleNames.sensitiveNode), e.g. nodeRoleArn: sensitiveRole.arn.",
  resourceTypes: [NODE_TYPES.nodeGroup, ROLE],
  check(resources, report, config) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const groups = resources.filter((r) => r.type === NODE_TYPES.nodeGroup);
    const others = groups.filter((g) => poolOf(g, config) === "other").map((g) => ({ g, roles: identitiesOf(g, "nodeRoleArn", "nodeRoleArn", byUrn, [ROLE]) }));
    for (const group of groups) {
      const pool = poolOf(group, config);
      if (pool === UNKNOWN) {
        report({ urn: group.urn, ...cannotVerify(`labels["${config.poolLabelKey}"]`) });
        continue;
      }
      if (pool !== "sensitive") continue;
      const mine = identitiesOf(group, "nodeRoleArn", "nodeRoleArn", byUrn, [ROLE]);
      if (mine.unknown) {
        report({ urn: group.urn, ...cannotVerify("nodeRoleArn") });
        continue;
      }
      for (const other of others) {
        const common = shared(mine.keys, other.roles.keys);
        if (common.length === 0) continue;
        report({
          urn: group.urn,
          message: `the sensitive node group shares its node role (${common.map((k) => describeIdentity(k, byUrn)).join(", ")}) with node group ${other.g.name}: a general node's credentials are a sensitive node's`,
        });
      }
    }
  },
});
