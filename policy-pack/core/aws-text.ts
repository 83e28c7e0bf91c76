/**
 * Length and character-set limits AWS APIs put on names and descriptions, as data plus pure checks. Each
 * limit carries the API reference it comes from, so a rule can cite it and a component can sanitise or
 * validate against the very same table.
 */

/** EC2 `GroupName`/`GroupDescription` and `IpRange.Description`: `a-zA-Z0-9`, space and `._-:/()#,@[]+=&;{}!$*`. */
export const EC2_TEXT_WITH_AMPERSAND = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

/** EC2 `UserIdGroupPair.Description` and `PrefixListId.Description`: the same set without `&`. */
export const EC2_TEXT_NO_AMPERSAND = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]*$/;

/** Longest EC2 security-group name, group description or rule description. */
export const EC2_TEXT_MAX = 255;

/** EC2 API references for the two character sets. */
export const EC2_TEXT_DOCS = {
  group: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  ipRange: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html",
  groupPair: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html",
  prefixList: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrefixListId.html",
} as const;

/** Characters of `text` outside `allowed` (a `^[...]*$` class), de-duplicated, for a message. */
export function badCharacters(text: string, allowed: RegExp): string[] {
  return [...new Set([...text].filter((c) => !allowed.test(c)))];
}

/** Replace every character EC2 rejects in a rule description (the stricter, no-`&` set) and cut to 255. */
export function sanitizeEc2Description(text: string): string {
  return [...text]
    .map((c) => (EC2_TEXT_NO_AMPERSAND.test(c) ? c : c === "&" ? "and" : ""))
    .join("")
    .slice(0, EC2_TEXT_MAX);
}

/** How the provider fills a name the program leaves out. */
export type AutoName =
  /** Pulumi auto-naming: `<logical name>-<7 random hex>` (8 characters appended). */
  | "pulumi"
  /** No auto-naming: the name is required or has a fixed default. */
  | "none";

/** Characters Pulumi appends when it auto-names (`-` plus 7 random hex digits). */
export const PULUMI_AUTONAME_SUFFIX = 8;

/** Characters the AWS provider appends to a `namePrefix` (a 26-character unique id). */
export const NAME_PREFIX_SUFFIX = 26;

/** The limits on one name-like field of one resource type. */
export interface NameSpec {
  readonly type: string;
  /** Input property holding the name. */
  readonly field: string;
  /** Input property holding a prefix the provider completes, if the type has one. */
  readonly prefixField?: string;
  readonly min: number;
  readonly max: number;
  /** The whole name must match (anchored). */
  readonly pattern: RegExp;
  /** The allowed form in words, for messages. */
  readonly allowed: string;
  /** One allowed character (anchored class), to name offending characters in messages. */
  readonly chars?: RegExp;
  readonly autoName: AutoName;
  /** Extra API constraint (reserved prefixes, required prefixes); returns a problem or undefined. */
  readonly extra?: (name: string) => string | undefined;
  /** AWS API reference the limit comes from. */
  readonly doc: string;
}

const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_NAME_TEXT = "letters, digits and _+=,.@-";
const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
/** One or more characters, none of them a control character (Unicode category Cc, which includes ASCII 0-31 and 127). */
const NO_CONTROL_CHARACTERS = /^\P{Cc}+$/u;

/** Name limits of every AWS resource type the blueprint creates (and common siblings). */
export const NAME_SPECS: readonly NameSpec[] = [
  {
    type: "aws:iam/role:Role", field: "name", prefixField: "namePrefix", min: 1, max: 64, pattern: IAM_NAME, allowed: IAM_NAME_TEXT, chars: /^[\w+=,.@-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
  },
  {
    type: "aws:iam/policy:Policy", field: "name", prefixField: "namePrefix", min: 1, max: 128, pattern: IAM_NAME, allowed: IAM_NAME_TEXT, chars: /^[\w+=,.@-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html",
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy", field: "name", prefixField: "namePrefix", min: 1, max: 128, pattern: IAM_NAME, allowed: IAM_NAME_TEXT, chars: /^[\w+=,.@-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
  },
  {
    type: "aws:iam/instanceProfile:InstanceProfile", field: "name", prefixField: "namePrefix", min: 1, max: 128, pattern: IAM_NAME, allowed: IAM_NAME_TEXT, chars: /^[\w+=,.@-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html",
  },
  {
    type: "aws:cloudwatch/eventRule:EventRule", field: "name", prefixField: "namePrefix", min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, allowed: "letters, digits and ._-", chars: /^[.\-_A-Za-z0-9]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup", field: "name", prefixField: "namePrefix", min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allowed: "letters, digits and ._-/#", chars: /^[.\-_/#A-Za-z0-9]$/, autoName: "pulumi",
    extra: (n) => (n.startsWith("aws/") ? "log group names cannot start with aws/" : undefined),
    doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  },
  {
    type: "aws:cloudwatch/logMetricFilter:LogMetricFilter", field: "name", min: 1, max: 512, pattern: /^[^:*]+$/, allowed: "any characters except : and *", autoName: "none",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html",
  },
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm", field: "name", min: 1, max: 255, pattern: NO_CONTROL_CHARACTERS, allowed: "printable UTF-8 (no control characters)", autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
  },
  {
    type: "aws:kms/alias:Alias", field: "name", prefixField: "namePrefix", min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/, allowed: "alias/ followed by letters, digits and :/_-", chars: /^[a-zA-Z0-9:/_-]$/, autoName: "none",
    extra: (n) => (!n.startsWith("alias/") ? "must begin with alias/" : n.startsWith("alias/aws/") ? "alias/aws/ is reserved for AWS managed keys" : undefined),
    doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
  },
  {
    type: "aws:ecr/repository:Repository", field: "name", min: 2, max: 256, pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    allowed: "lowercase path segments of [a-z0-9] joined by single . _ or -, separated by /", chars: /^[a-z0-9._/-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
  },
  {
    type: "aws:codebuild/project:Project", field: "name", min: 2, max: 150, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/, allowed: "a letter or digit, then letters, digits, - and _", chars: /^[A-Za-z0-9_-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html",
  },
  {
    type: "aws:eks/cluster:Cluster", field: "name", min: 1, max: 100, pattern: EKS_NAME, allowed: "a letter or digit, then letters, digits, - and _", chars: /^[A-Za-z0-9_-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html",
  },
  {
    type: "aws:eks/nodeGroup:NodeGroup", field: "nodeGroupName", prefixField: "nodeGroupNamePrefix", min: 1, max: 63, pattern: EKS_NAME, allowed: "a letter or digit, then letters, digits, - and _", chars: /^[A-Za-z0-9_-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html",
  },
  {
    type: "aws:eks/addon:Addon", field: "addonName", min: 1, max: 100, pattern: /^[0-9A-Za-z][A-Za-z0-9_.-]*$/, allowed: "an add-on name from `aws eks describe-addon-versions`", autoName: "none",
    doc: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAddon.html",
  },
  {
    type: "aws:sns/topic:Topic", field: "name", prefixField: "namePrefix", min: 1, max: 256, pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, allowed: "letters, digits, - and _ (plus .fifo for FIFO topics)", chars: /^[A-Za-z0-9_.-]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
  },
  {
    type: "aws:signer/signingProfile:SigningProfile", field: "name", prefixField: "namePrefix", min: 2, max: 64, pattern: /^[a-zA-Z0-9_]+$/, allowed: "letters, digits and _", chars: /^[a-zA-Z0-9_]$/, autoName: "pulumi",
    doc: "https://docs.aws.amazon.com/signer/latest/api/API_PutSigningProfile.html",
  },
];

/** Name limits of an EC2 security group (`GroupName`). */
export const SG_NAME_SPEC: NameSpec = {
    type: "aws:ec2/securityGroup:SecurityGroup", field: "name", prefixField: "namePrefix", min: 1, max: 255, pattern: EC2_TEXT_WITH_AMPERSAND, allowed: "letters, digits, space and ._-:/()#,@[]+=&;{}!$*", chars: EC2_TEXT_WITH_AMPERSAND, autoName: "pulumi",
    extra: (n) => (n.startsWith("sg-") ? "security group names cannot start with sg-" : undefined),
    doc: EC2_TEXT_DOCS.group,
  };

/** The name a resource will get: the explicit name, a prefix plus provider suffix, or Pulumi's auto-name. */
export type EffectiveName =
  | { readonly kind: "explicit"; readonly name: string }
  | { readonly kind: "prefix"; readonly prefix: string; readonly suffix: number }
  | { readonly kind: "autoname"; readonly prefix: string; readonly suffix: number }
  | { readonly kind: "none" };

/** Problems with a name under `spec` (empty when it is valid). Generated suffixes are letters/digits and count toward length. */
export function nameProblems(spec: NameSpec, effective: EffectiveName): string[] {
  if (effective.kind === "none") return [];
  const text = effective.kind === "explicit" ? effective.name : effective.prefix;
  const length = text.length + (effective.kind === "explicit" ? 0 : effective.suffix);
  const problems: string[] = [];
  if (length > spec.max) {
    const how = effective.kind === "explicit" ? "" : ` (${text.length} + ${effective.suffix} generated characters)`;
    problems.push(`is ${length} characters${how}, above the limit of ${spec.max}`);
  }
  if (length < spec.min) problems.push(`is ${length} characters, below the minimum of ${spec.min}`);
  // A generated suffix is `-` plus hex (Pulumi) or digits (prefix), so check the visible text plus a sample suffix.
  const sample = effective.kind === "explicit" ? text : `${text}${effective.kind === "autoname" ? "-" : ""}${"0".repeat(Math.max(0, effective.suffix - (effective.kind === "autoname" ? 1 : 0)))}`;
  if (text.length > 0 && !spec.pattern.test(sample)) {
    const bad = spec.chars ? badCharacters(text, spec.chars) : [];
    problems.push(`does not match the allowed form (${spec.allowed})${bad.length > 0 ? `; offending characters: ${bad.map((c) => JSON.stringify(c)).join(" ")}` : ""}`);
  }
  const extra = spec.extra?.(text);
  if (extra) problems.push(extra);
  return problems;
}
