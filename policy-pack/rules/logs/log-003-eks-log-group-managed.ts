import { quietGet, UNKNOWN } from "../../core/fields";
import { nativeStackRule } from "../../core/native";
import { cannotVerify } from "../../core/unknowns";
import { eksLogGroupName, LOG_TYPES } from "./types";

/** LOG-003: the EKS control-plane log group is declared in the stack and created before the cluster. */
export const log003 = nativeStackRule({
  id: "LOG-003",
  name: "eks-log-group-managed",
  description: "A cluster with control-plane logging needs a LogGroup named /aws/eks/<cluster name>/cluster in the stack, and must dependsOn it.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["logs", "aws"],
  seed: ["S1 §5.10", "S3"],
  upstream: "@pulumi/aws eks.Cluster docs (dependsOn the log group so EKS does not auto-create it); CloudWatch Logs user guide \"Encrypt log data using AWS KMS\" (log data is always encrypted; kmsKeyId adds a customer-managed key)",
  remediation: "Declare aws.cloudwatch.LogGroup {name: `/aws/eks/${clusterName}/cluster`, kmsKeyId, retentionInDays: 365} and pass it in the cluster's dependsOn.",
  resourceTypes: [LOG_TYPES.cluster, LOG_TYPES.logGroup],
  check(resources, report) {
    const groups = resources.filter((r) => r.type === LOG_TYPES.logGroup);
    for (const cluster of resources) {
      if (cluster.type !== LOG_TYPES.cluster) continue;
      const types = quietGet(cluster.props, "enabledClusterLogTypes");
      if (types === UNKNOWN) {
        report({ urn: cluster.urn, ...cannotVerify("enabledClusterLogTypes") });
        continue;
      }
      if (!Array.isArray(types) || types.length === 0) continue;
      const name = quietGet(cluster.props, "name");
      if (name === UNKNOWN) {
        report({ urn: cluster.urn, ...cannotVerify("name") });
        continue;
      }
      if (typeof name !== "string" || name === "") {
        report({ urn: cluster.urn, message: "name is absent: the cluster log group /aws/eks/<name>/cluster cannot be declared ahead", remediation: "Set name on the cluster explicitly." });
        continue;
      }
      const expected = eksLogGroupName(name);
      const named = groups.map((g) => ({ group: g, name: quietGet(g.props, "name") }));
      const group = named.find((n) => n.name === expected)?.group;
      const unknownNames = named.filter((n) => n.name === UNKNOWN).map((n) => n.group.name);
      if (!group && unknownNames.length > 0) {
        report({ urn: cluster.urn, ...cannotVerify(`name of log group ${unknownNames.join(", ")} (one may be ${expected})`) });
      } else if (!group) {
        report({ urn: cluster.urn, message: `no aws.cloudwatch.LogGroup named ${expected} in the stack: EKS would create it itself, encrypted only with the CloudWatch Logs service-owned key (no customer-managed KMS key) and never expiring` });
      } else if (!cluster.dependencies.includes(group.urn)) {
        report({
          urn: cluster.urn,
          message: `cluster ${cluster.name} does not depend on log group ${group.name} (${expected}); EKS may create the group first`,
          remediation: `Add the log group to the cluster's dependsOn.`,
        });
      }
    }
  },
});
