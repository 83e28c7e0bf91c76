import type * as pulumi from "@pulumi/pulumi";
import { MfaAdminRole } from "../components/admin-access";
import { roleArn } from "../components/cluster/iam";
import { adminRoleName } from "./schema-admin-roles";
import type { PlatformConfig } from "./schema";

/** A platform admin role as the pack config and the outputs name it. */
export interface AdminRoleRef {
  readonly name: string;
  readonly roleName: string;
  readonly roleArn: string;
}

/** The platform-created admin roles of a stack (deterministic names and ARNs, known before creation). */
export function adminRolesFor(config: PlatformConfig): AdminRoleRef[] {
  return config.adminRoles.roles.map((r) => {
    const roleName = adminRoleName(config.clusterName, r.name);
    return { name: r.name, roleName, roleArn: roleArn(config.accountId, roleName) };
  });
}

/** What {@link composeAdminAccess} needs from the rest of the platform. */
export interface AdminAccessContext {
  readonly config: PlatformConfig;
  readonly region: string;
  /** The EKS cluster the access entries are created on (after it). */
  readonly cluster: pulumi.Resource;
  /** Alert topic told about every assume of an admin role. */
  readonly alertTopicArn: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

/**
 * The MFA-gated cluster-admin roles of `hardened-cluster:adminRoles` (AWS layer, every environment): role,
 * access entry + `AmazonEKSClusterAdminPolicy`, and an alarm on each assume. Returns them by config name.
 */
export function composeAdminAccess(ctx: AdminAccessContext): Record<string, MfaAdminRole> {
  const { config } = ctx;
  const roles: Record<string, MfaAdminRole> = {};
  for (const [i, ref] of adminRolesFor(config).entries()) {
    const role = config.adminRoles.roles[i];
    roles[ref.name] = new MfaAdminRole(ref.roleName, {
      clusterName: config.clusterName,
      cluster: ctx.cluster,
      roleName: ref.roleName,
      accountId: config.accountId,
      region: ctx.region,
      trustedPrincipalArns: role.trustedPrincipalArns,
      maxMfaAgeSeconds: config.adminRoles.maxMfaAgeSeconds,
      maxSessionDurationSeconds: config.adminRoles.maxSessionDurationSeconds,
      alertTopicArn: ctx.alertTopicArn,
      tags: ctx.tags,
    });
  }
  return roles;
}
