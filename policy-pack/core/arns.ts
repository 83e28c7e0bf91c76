/**
 * ARN shape checks (`arn:partition:service:region:account:resource`) and the IAM/KMS/ECR/SNS policy
 * documents ARNs hide in. Pure functions; the rules decide which fields to read.
 */

/** The ARN format reference. */
export const ARN_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html";

/** Secrets Manager ARN format (the 6-character suffix). */
export const SECRET_ARN_DOC = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html";

const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);

/**
 * Problems with one ARN (empty when well-formed). Wildcards (`*`, `?`) are allowed inside a segment, as IAM
 * allows them. `inPolicy`: the ARN is a policy `Resource`, where a Secrets Manager ARN must carry its
 * 6-character suffix (or `-??????`) to match anything; as an API input a partial secret ARN is accepted.
 */
export function arnProblems(arn: string, inPolicy = false): string[] {
  if (arn === "*") return [];
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return [`is not of the form arn:partition:service:region:account:resource`];
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(":");
  const problems: string[] = [];
  const wild = (s: string) => /[*?]/.test(s);
  if (!PARTITIONS.has(partition) && !wild(partition)) problems.push(`has unknown partition "${partition}"`);
  if (!/^[a-z0-9*?-]+$/.test(service)) problems.push(`has an invalid service "${service}"`);
  if (region !== "" && !wild(region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) problems.push(`has an invalid region "${region}"`);
  if (account !== "" && !wild(account) && !/^\d{12}$/.test(account) && account !== "aws") problems.push(`has an invalid account "${account}" (12 digits expected)`);
  if (resource === "") problems.push(`has an empty resource part`);
  if (service === "secretsmanager" && inPolicy) problems.push(...secretArnProblems(resource));
  return problems;
}

/** Secrets Manager: `secret:<name>-<6 random characters>`; in a policy `-??????` (or a trailing `*`) stands for the suffix. */
function secretArnProblems(resource: string): string[] {
  const m = /^secret:(.+)$/.exec(resource);
  if (!m) return [];
  const name = m[1];
  if (/-[A-Za-z0-9]{6}$/.test(name) || name.endsWith("-??????") || name.endsWith("*")) return [];
  return [`names secret "${name}" without its 6-character suffix: use the full ARN (…-AbCdEf) or end it with -?????? in IAM policies`];
}

/** True for a string that looks like it is meant to be an ARN. */
export function looksLikeArn(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("arn:");
}

/** Every string found anywhere in `value` with its dotted path (arrays as `[i]`). */
export function stringsIn(value: unknown, path = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => stringsIn(v, path === "" ? k : `${path}.${k}`));
  }
  return [];
}

/** Parse a policy document given as JSON text or an object; undefined when it is neither. */
export function parsePolicy(doc: unknown): Record<string, unknown> | undefined {
  if (typeof doc === "string") {
    try {
      const parsed: unknown = JSON.parse(doc);
      return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return doc !== null && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
}

/** The statements of a policy document (a single statement object counts as a list of one). */
export function statementsOf(policy: Record<string, unknown>): Record<string, unknown>[] {
  const s = policy.Statement;
  const list = Array.isArray(s) ? s : s !== undefined ? [s] : [];
  return list.filter((x): x is Record<string, unknown> => x !== null && typeof x === "object");
}

/** The ARNs a policy names in Resource/NotResource and in AWS principals, with where they are. */
export function policyArns(policy: Record<string, unknown>): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  statementsOf(policy).forEach((st, i) => {
    for (const key of ["Resource", "NotResource"]) {
      for (const s of stringsIn(st[key], `Statement[${i}].${key}`)) if (looksLikeArn(s.value)) out.push(s);
    }
    for (const key of ["Principal", "NotPrincipal"]) {
      for (const s of stringsIn(st[key], `Statement[${i}].${key}`)) if (looksLikeArn(s.value)) out.push(s);
    }
  });
  return out;
}

/** The IAM role ARNs (`arn:…:iam::<account>:role/<path><name>`) a policy names as AWS principals. */
export function principalRoleArns(policy: Record<string, unknown>): string[] {
  return statementsOf(policy).flatMap((st) => stringsIn(st.Principal).map((s) => s.value).filter((v) => /^arn:[^:]+:iam::[^:]*:role\//.test(v)));
}
