import { CreationOrder, graphMissing, label } from "../../core/creation-order";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { ROLE, roleNamedBy } from "./joins";

const ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";

/** ORD-004: an access entry whose principal is a role of the stack is created after that role. */
export const ord004 = stackRule({
  id: "ORD-004",
  name: "access-entry-after-principal",
  description:
    "An EKS access entry whose principalArn is an IAM role created by the same stack is ordered after that role: EKS requires an existing principal and binds the entry to its role ID, so a literal ARN without a dependency can fail or silently break when the role is replaced.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["ordering", "eks", "aws"],
  seed: ["S1 §5.1"],
  upstream: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html · https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html",
  remediation: "Pass the role's arn output as principalArn (or add dependsOn: [role]) to the access entry.",
  resourceTypes: [ACCESS_ENTRY, ROLE],
  check(resources, report) {
    const roles = resources.filter((r) => r.type === ROLE);
    if (roles.length === 0) return;
    const order = new CreationOrder(resources);
    for (const entry of resources) {
      if (entry.type !== ACCESS_ENTRY) continue;
      const join = roleNamedBy(entry, "principalArn", roles);
      if (join.kind === "unknown") {
        report({ ...cannotVerify("principalArn"), urn: entry.urn });
        continue;
      }
      if (join.kind === "none") continue;
      if (!order.recorded) {
        report(graphMissing(`that ${label(entry)} is created after role ${join.role.name}`, entry.urn));
        continue;
      }
      if (order.isBefore(join.role.urn, entry.urn)) continue;
      report({
        urn: entry.urn,
        message: `${label(entry)} names role ${join.role.name} of this stack as principalArn but is not ordered after it: it can be created before the role exists, and a replaced role leaves the entry bound to the old role ID`,
        remediation: `Use ${join.role.name}.arn as principalArn (or add dependsOn: [${join.role.name}]) on ${entry.name}.`,
      });
    }
  },
});
