import { SensitivePodSecurityGroups } from "../components/node-pool/pod-security-group";
import type { Tenant } from "../components/tenant";
import type { InClusterContext } from "./in-cluster";

/**
 * The sensitive tier's pod SG (audit W6): a SecurityGroupPolicy in every namespace of a `sensitive` tenant, after the
 * namespaces exist. None when no tenant is sensitive.
 */
export function sensitivePodSecurity(ctx: InClusterContext, tenants: readonly Tenant[]): SensitivePodSecurityGroups | undefined {
  const sensitive = tenants.filter((t) => t.config.tier === "sensitive");
  const namespaces = sensitive.flatMap((t) => t.config.namespaces);
  if (namespaces.length === 0) return undefined;
  return new SensitivePodSecurityGroups(`${ctx.environment}-sensitive-pod-sg`, { namespaces, securityGroupId: ctx.sensitivePodSecurityGroupId }, { provider: ctx.provider, dependsOn: [...ctx.dependsOn, ...sensitive] });
}
