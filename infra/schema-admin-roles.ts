import { z } from "zod";
import { DEFAULT_ADMIN_SESSION_SECONDS, DEFAULT_MAX_MFA_AGE_SECONDS, MFA_AGE_BOUNDS, SESSION_DURATION_BOUNDS, TRUSTED_PRINCIPAL_ARN } from "../components/admin-access/trust";

/**
 * `hardened-cluster:adminRoles`: the cluster-admin roles the platform creates (components/admin-access
 * MfaAdminRole), each assumable only by the listed IAM users/roles and only with a fresh MFA sign-in (EKS-009).
 * External cluster admins (`hardened-cluster:admins`) stay possible but are advisory (EKS-009X: their trust is not visible).
 */

const seconds = (bounds: { min: number; max: number }, what: string, fix: string) =>
  z
    .number({ invalid_type_error: "must be a number of seconds" })
    .refine((n) => Number.isInteger(n) && n >= bounds.min && n <= bounds.max, (n) => ({
      message: `${n} is outside ${bounds.min}-${bounds.max} seconds (${what}): must be a whole number of seconds from ${bounds.min} to ${bounds.max}`,
      params: { fix },
    }));

const trustedPrincipal = z.string().refine((arn) => TRUSTED_PRINCIPAL_ARN.test(arn), {
  message: "must be an IAM user or role ARN such as arn:aws:iam::123456789012:user/breakglass-alice (no wildcards, no :root)",
  params: { fix: "list the exact ARN of each IAM user (with an MFA device) or role allowed to assume the admin role" },
});

/** One platform-created admin role. */
export const adminRoleSchema = z
  .object({
    /** Short name; the IAM role is `<clusterName>-admin-<name>`. */
    name: z.string().regex(/^[a-z][a-z0-9-]{0,17}$/, "must start with a lower-case letter and use at most 18 lower-case letters, digits and hyphens"),
    /** IAM users (with MFA devices) or roles allowed to assume the role. */
    trustedPrincipalArns: z.array(trustedPrincipal).refine((a) => a.length > 0, { message: "must list at least one IAM user or role", params: { fix: "name the break-glass IAM users allowed to assume the role" } }),
    justification: z.string().trim().min(20, "justification must say why in at least 20 characters"),
  })
  .strict();

/** The `adminRoles` key. */
export const adminRolesConfigSchema = z
  .object({
    /** Longest `aws:MultiFactorAuthAge` admitted by every admin role's trust policy. Default 3600. */
    maxMfaAgeSeconds: seconds(MFA_AGE_BOUNDS, "aws:MultiFactorAuthAge", `use a value from ${MFA_AGE_BOUNDS.min} to ${MFA_AGE_BOUNDS.max}; ${DEFAULT_MAX_MFA_AGE_SECONDS} (one hour) is the default`).default(DEFAULT_MAX_MFA_AGE_SECONDS),
    /** `maxSessionDuration` of every admin role. Default 3600 (IAM's minimum). */
    maxSessionDurationSeconds: seconds(SESSION_DURATION_BOUNDS, "IAM maxSessionDuration", `use a value from ${SESSION_DURATION_BOUNDS.min} to ${SESSION_DURATION_BOUNDS.max}; ${DEFAULT_ADMIN_SESSION_SECONDS} is the default`).default(DEFAULT_ADMIN_SESSION_SECONDS),
    roles: z.array(adminRoleSchema).default([]),
  })
  .strict()
  .default({});

/** The parsed `adminRoles` config. */
export type AdminRolesConfig = z.infer<typeof adminRolesConfigSchema>;

/** The IAM role name of a platform admin role. */
export function adminRoleName(clusterName: string, name: string): string {
  return `${clusterName}-admin-${name}`;
}

/** One cross-key problem: config path under `hardened-cluster:`, message, fix. */
export interface AdminRolesIssue {
  readonly path: (string | number)[];
  readonly message: string;
  readonly fix: string;
}

/**
 * Problems across keys: duplicate role names, an admin role that is also an external admin or a tenant role
 * (EKS allows one access entry per principal), a role trusting another admin role (MFA would not carry over).
 */
export function adminRolesIssues(c: {
  clusterName: string;
  accountId: string;
  adminRoles: AdminRolesConfig;
  admins: readonly { roleArn: string }[];
  tenants: readonly { roles: Record<"admin" | "developer" | "viewer", readonly string[]> }[];
}): AdminRolesIssue[] {
  const issues: AdminRolesIssue[] = [];
  const arns = new Map<string, number>();
  c.adminRoles.roles.forEach((r, i) => {
    const arn = `arn:aws:iam::${c.accountId}:role/${adminRoleName(c.clusterName, r.name)}`;
    if (arns.has(arn)) issues.push({ path: ["adminRoles", "roles", i, "name"], message: `${r.name} is listed twice`, fix: "give every admin role a unique name" });
    arns.set(arn, i);
    if (c.admins.some((a) => a.roleArn === arn)) {
      issues.push({ path: ["adminRoles", "roles", i, "name"], message: `${arn} is also listed in hardened-cluster:admins; EKS allows one access entry per principal`, fix: "remove it from hardened-cluster:admins: the platform creates it" });
    }
  });
  c.adminRoles.roles.forEach((r, i) => {
    r.trustedPrincipalArns.forEach((p, j) => {
      if (arns.has(p)) issues.push({ path: ["adminRoles", "roles", i, "trustedPrincipalArns", j], message: `${p} is itself a platform admin role: a role session carries no MFA device of its own`, fix: "trust the IAM users (with MFA devices) who may assume the role" });
    });
  });
  c.tenants.forEach((t, i) => {
    for (const role of ["admin", "developer", "viewer"] as const) {
      t.roles[role].forEach((arn, j) => {
        if (arns.has(arn)) issues.push({ path: ["tenants", i, "roles", role, j], message: `${arn} is a platform admin role (hardened-cluster:adminRoles); EKS allows one access entry per principal`, fix: "use a separate role for tenant access" });
      });
    }
  });
  return issues;
}
