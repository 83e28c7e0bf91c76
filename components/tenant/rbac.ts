import { createHash } from "node:crypto";
/** Tenant RBAC naming: Kubernetes groups per tenant role and the access entries that map IAM principals to them. */
import { TENANT_ROLES, type TenantRole } from "../../policy-pack/baseline/tenancy";
import type { TenantConfig } from "./config";

/** The Kubernetes group of a tenant role: `<tenant>:<role>` (never `system:masters` or any `system:` group). */
export function tenantGroup(tenant: string, role: TenantRole): string {
  return `${tenant}:${role}`;
}

/** One EKS access entry to create: the principal and the tenant group it joins. */
export interface TenantAccessEntry {
  /** Pulumi resource name, stable under reordering of the principal lists. */
  readonly resourceName: string;
  readonly principalArn: string;
  readonly role: TenantRole;
  readonly group: string;
}

/** Pulumi-name-safe suffix of an IAM ARN: `<account>-<path/name>` with other characters replaced by `-`. */
export function principalSlug(arn: string): string {
  const [, , , , account = "", resource = ""] = arn.split(":");
  const name = resource.replace(/^(role|user)\//, "");
  const readable = `${account}-${name}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  // IAM names are case-sensitive and may contain + = , . @ _ ; the hash keeps distinct ARNs distinct.
  return readable === `${account}-${name}` ? readable : `${readable}-${createHash("sha256").update(arn).digest("hex").slice(0, 8)}`;
}

/** The access entries of a tenant: one per principal, in role order. */
export function tenantAccessEntries(tenant: TenantConfig): TenantAccessEntry[] {
  return TENANT_ROLES.flatMap((role) =>
    tenant.roles[role].map((principalArn) => ({
      resourceName: `${tenant.name}-${role}-${principalSlug(principalArn)}`,
      principalArn,
      role,
      group: tenantGroup(tenant.name, role),
    })),
  );
}
