import { parsePolicy, principalRoleArns } from "../../core/arns";
import { CreationOrder, graphMissing, label } from "../../core/creation-order";
import { quietGet, UNKNOWN } from "../../core/fields";
import { stackRule, type StackResource } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";

/** Service and role name of a service-linked role ARN (`…:role/aws-service-role/<service>/<RoleName>`). */
export function serviceLinkedRoleOf(arn: string): { service: string; roleName: string } | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:role\/aws-service-role\/([^/]+)\/([^/]+)$/.exec(arn);
  return m ? { service: m[1], roleName: m[2] } : undefined;
}

/** The stack's ServiceLinkedRole for `service` (custom suffix `RoleName_<suffix>` must match). */
function slrFor(service: string, roleName: string, slrs: readonly StackResource[]): StackResource | undefined {
  const suffix = roleName.includes("_") ? roleName.slice(roleName.indexOf("_") + 1) : undefined;
  return slrs.find((s) => {
    if (quietGet(s.props, "awsServiceName") !== service) return false;
    const custom = quietGet(s.props, "customSuffix");
    return (custom === undefined || custom === null || custom === "" ? undefined : custom) === suffix;
  });
}

/** ORD-003: a KMS key policy naming a service-linked role is created after that role exists. */
export const ord003 = stackRule({
  id: "ORD-003",
  name: "service-linked-role-before-key-policy",
  description:
    "A KMS key policy that names a service-linked role (role/aws-service-role/…) is created after the stack's aws.iam.ServiceLinkedRole for it; with none in the stack the role must already exist in the account (advisory, mandatory when pack config freshAccount is true), since KMS rejects policies with principals that do not exist.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["ordering", "kms", "aws"],
  seed: ["S1 §5.1"],
  upstream:
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html · https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html · https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html",
  remediation:
    'Create the role in the stack (new aws.iam.ServiceLinkedRole("…", {awsServiceName: "<service>"}), imported where it already exists) and give the key dependsOn on it.',
  resourceTypes: [KEY, KEY_POLICY, SLR],
  check(resources, report, config) {
    const slrs = resources.filter((r) => r.type === SLR);
    const order = new CreationOrder(resources);
    for (const key of resources) {
      if (key.type !== KEY && key.type !== KEY_POLICY) continue;
      const doc = quietGet(key.props, "policy");
      if (doc === UNKNOWN) {
        report({ ...cannotVerify("policy"), urn: key.urn });
        continue;
      }
      const policy = parsePolicy(doc);
      if (!policy) continue;
      for (const arn of [...new Set(principalRoleArns(policy))]) {
        const linked = serviceLinkedRoleOf(arn);
        if (!linked) continue;
        const slr = slrFor(linked.service, linked.roleName, slrs);
        const unknownSlr = slrs.find((s) => quietGet(s.props, "awsServiceName") === UNKNOWN || quietGet(s.props, "customSuffix") === UNKNOWN);
        if (!slr && unknownSlr) {
          report({ ...cannotVerify("awsServiceName"), urn: unknownSlr.urn });
          continue;
        }
        if (!slr) {
          report({
            urn: key.urn,
            advisory: !config.freshAccount,
            message: `${label(key)} names the service-linked role ${linked.roleName} (${linked.service}) but the stack does not create it: it must exist in the account before the key is created, or CreateKey/PutKeyPolicy fails with MalformedPolicyDocumentException${config.freshAccount ? " (pack config freshAccount: it does not exist yet)" : ""}`,
            remediation: `Add new aws.iam.ServiceLinkedRole("…", {awsServiceName: "${linked.service}"}) (import it where it exists) and dependsOn on it for ${key.name}.`,
          });
          continue;
        }
        if (!order.recorded) {
          report(graphMissing(`that ${label(key)} is created after ${label(slr)}`, key.urn));
          continue;
        }
        if (!order.isBefore(slr.urn, key.urn)) {
          report({
            urn: key.urn,
            message: `${label(key)} names ${linked.roleName} but is not ordered after ${label(slr)}: KMS can see the policy before the role exists and reject it`,
            remediation: `Add dependsOn: [${slr.name}] to ${key.name}.`,
          });
        }
      }
    }
  },
});
