import { CreationOrder, graphMissing, label } from "../../core/creation-order";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { grantsOf, GRANTS, ROLE, roleNamedBy } from "./joins";

/** Resources that assume (or hand to a service) an IAM role at creation, and the input naming it. */
export const ASSUMERS: Readonly<Record<string, string>> = {
  "aws:codebuild/project:Project": "serviceRole",
  "aws:eks/cluster:Cluster": "roleArn",
  "aws:eks/nodeGroup:NodeGroup": "nodeRoleArn",
  "aws:eks/addon:Addon": "serviceAccountRoleArn",
};

/** ORD-001: a role's inline policies and attachments exist before anything that assumes the role is created. */
export const ord001 = stackRule({
  id: "ORD-001",
  name: "role-grants-before-assumer",
  description:
    "A CodeBuild project, EKS cluster, node group or add-on that uses an IAM role of the stack is created after every inline policy and policy attachment of that role (the APIs check the role's permissions at create time).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["ordering", "aws"],
  seed: ["S1 §5.1"],
  upstream:
    "https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html · https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html · https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group",
  remediation: "Add dependsOn: [<every RolePolicy / RolePolicyAttachment of the role>] to the resource that uses the role (or keep the policies that do not need later resources in a separate policy it depends on).",
  resourceTypes: [...Object.keys(ASSUMERS), ROLE, ...Object.keys(GRANTS)],
  check(resources, report) {
    const roles = resources.filter((r) => r.type === ROLE);
    const order = new CreationOrder(resources);
    for (const consumer of resources) {
      const field = ASSUMERS[consumer.type];
      if (!field) continue;
      const join = roleNamedBy(consumer, field, roles);
      if (join.kind === "unknown") {
        report({ ...cannotVerify(field), urn: consumer.urn });
        continue;
      }
      if (join.kind === "none") continue;
      const grants = grantsOf(join.role, resources);
      if (grants.length === 0) continue;
      if (!order.recorded) {
        report(graphMissing(`that ${label(consumer)} is created after the policies of role ${join.role.name}`, consumer.urn));
        continue;
      }
      const missing = grants.filter((g) => !order.isBefore(g.urn, consumer.urn));
      if (missing.length === 0) continue;
      report({
        urn: consumer.urn,
        message: `${label(consumer)} uses role ${join.role.name} (${field}) but is not ordered after ${missing.map(label).join(", ")}: it can be created before the role has its permissions, and the create call (or the first nodes/pods) fails`,
        remediation: `Add dependsOn on ${missing.map(label).join(", ")} to ${label(consumer)}.`,
      });
    }
  },
});
