/**
 * The MFA-gated trust policy of a platform admin role, as a JSON literal (so the pack, the IAM simulation
 * tests and docs read exactly what IAM receives), and the limits it is built within.
 *
 * Shape (AWS IAM User Guide, "Configuring MFA-protected API access" and the `aws:MultiFactorAuthPresent` /
 * `aws:MultiFactorAuthAge` global condition keys): the trusted accounts' root as `Principal.AWS` (which
 * delegates to the account, not to its root user) narrowed by `ArnEquals aws:PrincipalArn` to the configured
 * users/roles, plus `Bool aws:MultiFactorAuthPresent = true` (absent for long-term access keys, so a plain
 * `Bool`, never `BoolIfExists`) and `NumericLessThanEquals aws:MultiFactorAuthAge <= max` (absent without MFA,
 * so it fails closed too).
 */

/** Default longest time since the MFA sign-in that still admits an assume-role, in seconds (1 hour). */
export const DEFAULT_MAX_MFA_AGE_SECONDS = 3600;
/** Bounds of the MFA age: 5 minutes to 12 hours (the longest role session). */
export const MFA_AGE_BOUNDS = { min: 300, max: 43200 } as const;
/** Default (and recommended) maximum session duration of an admin role: 1 hour, IAM's minimum. */
export const DEFAULT_ADMIN_SESSION_SECONDS = 3600;
/** IAM's bounds for a role's `maxSessionDuration` (1 to 12 hours). */
export const SESSION_DURATION_BOUNDS = { min: 3600, max: 43200 } as const;

/**
 * An IAM user or role ARN that may be trusted to assume an admin role (no wildcards, no account root:
 * the trust names people, not accounts). Paths are allowed (`role/aws-reserved/sso.amazonaws.com/...`).
 */
export const TRUSTED_PRINCIPAL_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Inputs of {@link mfaAdminTrustPolicy}. */
export interface MfaTrustInput {
  /** IAM users/roles allowed to assume the role (each must match {@link TRUSTED_PRINCIPAL_ARN}). */
  readonly trustedPrincipalArns: readonly string[];
  /** Longest MFA age admitted, in seconds ({@link MFA_AGE_BOUNDS}). */
  readonly maxMfaAgeSeconds: number;
}

/** `arn:<partition>:iam::<account>:root` of a principal's account. */
export function accountRootOf(principalArn: string): string {
  const [, partition, , , account] = principalArn.split(":");
  return `arn:${partition}:iam::${account}:root`;
}

/** Problems with a trust input, each naming the field (empty when valid). */
export function mfaTrustProblems(input: MfaTrustInput): string[] {
  const problems: string[] = [];
  if (input.trustedPrincipalArns.length === 0) problems.push("trustedPrincipalArns is empty: name at least one IAM user or role allowed to assume the role");
  input.trustedPrincipalArns.forEach((arn, i) => {
    if (!TRUSTED_PRINCIPAL_ARN.test(arn)) problems.push(`trustedPrincipalArns[${i}] "${arn}" must be an IAM user or role ARN such as arn:aws:iam::123456789012:user/breakglass-alice (no wildcards, no :root)`);
  });
  const age = input.maxMfaAgeSeconds;
  if (!Number.isInteger(age) || age < MFA_AGE_BOUNDS.min || age > MFA_AGE_BOUNDS.max) {
    problems.push(`maxMfaAgeSeconds ${age} must be an integer from ${MFA_AGE_BOUNDS.min} to ${MFA_AGE_BOUNDS.max}`);
  }
  return problems;
}

/** The trust policy document (object form) of an MFA-gated admin role. */
export function mfaAdminTrustDocument(input: MfaTrustInput): { Version: string; Statement: Record<string, unknown>[] } {
  const roots = [...new Set(input.trustedPrincipalArns.map(accountRootOf))].sort();
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AssumeWithFreshMfa",
        Effect: "Allow",
        Principal: { AWS: roots.length === 1 ? roots[0] : roots },
        Action: "sts:AssumeRole",
        Condition: {
          Bool: { "aws:MultiFactorAuthPresent": "true" },
          NumericLessThanEquals: { "aws:MultiFactorAuthAge": String(input.maxMfaAgeSeconds) },
          ArnEquals: { "aws:PrincipalArn": [...input.trustedPrincipalArns] },
        },
      },
    ],
  };
}

/** The trust policy of an MFA-gated admin role, as the JSON text the role's `assumeRolePolicy` takes. */
export function mfaAdminTrustPolicy(input: MfaTrustInput): string {
  return JSON.stringify(mfaAdminTrustDocument(input));
}
