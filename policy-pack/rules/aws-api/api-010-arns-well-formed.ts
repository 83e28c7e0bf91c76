import { ARN_DOC, arnProblems, looksLikeArn, parsePolicy, policyArns, SECRET_ARN_DOC, stringsIn } from "../../core/arns";
import { fieldReader, UNKNOWN } from "../../core/fields";
import { resourceRule, type Report } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

/** Input fields that hold a policy document (JSON text or object), per type. */
const POLICY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "aws:iam/role:Role": ["assumeRolePolicy"],
  "aws:iam/policy:Policy": ["policy"],
  "aws:iam/rolePolicy:RolePolicy": ["policy"],
  "aws:kms/key:Key": ["policy"],
  "aws:kms/keyPolicy:KeyPolicy": ["policy"],
  "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy"],
  "aws:ecr/registryPolicy:RegistryPolicy": ["policy"],
  "aws:sns/topicPolicy:TopicPolicy": ["policy"],
  "aws:secretsmanager/secretPolicy:SecretPolicy": ["policy"],
};

/** Types whose inputs carry ARNs (role, key, principal, target, policy ARNs) besides the policy documents. */
const ARN_INPUT_TYPES = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
  "aws:codebuild/project:Project",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:eks/addon:Addon",
  "aws:eks/accessEntry:AccessEntry",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:ec2/flowLog:FlowLog",
  "aws:sns/topic:Topic",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:ecr/repository:Repository",
  "aws:guardduty/detector:Detector",
];

function judgeArn(where: string, arn: string, report: Report, inPolicy: boolean): void {
  for (const problem of arnProblems(arn, inPolicy)) {
    const secret = arn.includes(":secretsmanager:");
    report({
      message: `${where} ${JSON.stringify(arn)} ${problem} (${secret ? SECRET_ARN_DOC : ARN_DOC})`,
      remediation: secret
        ? "Use the secret's full ARN (ending in -XXXXXX) as the input, and in IAM policies the name followed by -?????? (arn:aws:secretsmanager:<region>:<account>:secret:<name>-??????)."
        : "Write ARNs as arn:<partition>:<service>:<region>:<12-digit account>:<resource> (region empty for IAM), or build them from the resource's arn output.",
    });
  }
}

/** API-010: every ARN in inputs and policy documents is well-formed; Secrets Manager ARNs keep their suffix. */
export const api010 = resourceRule({
  id: "API-010",
  name: "arns-well-formed",
  description:
    "ARNs in resource inputs and in IAM, KMS, ECR, SNS and Secrets Manager policy documents have the form arn:partition:service:region:account:resource; Secrets Manager secret ARNs in policies end in their 6-character suffix or -??????.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "aws"],
  seed: ["S1 §5.1"],
  upstream: `${ARN_DOC} · ${SECRET_ARN_DOC}`,
  remediation: "Build ARNs from resource outputs or pulumi.interpolate with all six parts; for secrets use the full ARN or <name>-?????? in policies.",
  resourceTypes: [...Object.keys(POLICY_FIELDS), ...ARN_INPUT_TYPES],
  check(resource, report) {
    const get = fieldReader(resource.props, report);
    const policyFields = POLICY_FIELDS[resource.type] ?? [];
    for (const field of policyFields) {
      const doc = get(field);
      if (doc === UNKNOWN || doc === undefined || doc === null) continue;
      const policy = parsePolicy(doc);
      if (!policy) continue;
      for (const { path, value } of policyArns(policy)) judgeArn(`${field} ${path}`, value, report, true);
    }
    // ARN-valued inputs anywhere else (roleArn, principalArn, serviceRole, kmsKeyArn, targets, ...).
    const props = readMaybeUnknown(() => Object.keys(resource.props ?? {}));
    if (!props.known) {
      report(cannotVerify("inputs"));
      return;
    }
    for (const key of props.value) {
      if (policyFields.includes(key) || key === "tags" || key === "tagsAll") continue;
      const value = get(key);
      if (value === UNKNOWN) continue;
      const found = readMaybeUnknown(() => stringsIn(value, key));
      if (!found.known) {
        report(cannotVerify(key));
        continue;
      }
      for (const s of found.value) if (looksLikeArn(s.value)) judgeArn(s.path, s.value, report, false);
    }
  },
});
