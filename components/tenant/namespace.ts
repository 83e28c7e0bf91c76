/** Namespace metadata of a tenant namespace: PSA labels, tenant/tier labels, and justified weakenings. */
import { PSA_LABELS } from "../../policy-pack/baseline/labels";
import { psaLabels, tenantLabels } from "../../policy-pack/baseline/tenancy";
import { exemptionKey } from "../../policy-pack/core/exemptions";
import type { TenantConfig } from "./config";

/** Rules a justified Pod Security weakening exempts the namespace from (via the exemption annotation). */
export const PSA_WEAKENING_RULES = ["NS-001", "NS-002"] as const;

/** Labels and annotations of the tenant namespace `namespace`. */
export interface NamespaceMetadata {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * Metadata of one tenant namespace. Pod Security is `restricted` for enforce/audit/warn, pinned to
 * `pssVersion`; a configured weakening lowers all three modes and carries the justification as the
 * `hardened-cluster.io/exempt.NS-00x` annotation so the pack lists it instead of failing.
 */
export function namespaceMetadata(tenant: TenantConfig, namespace: string): NamespaceMetadata {
  const labels = { ...psaLabels(tenant.pssVersion), ...tenantLabels(tenant.name, tenant.tier) };
  const annotations: Record<string, string> = {};
  if (tenant.podSecurity) {
    labels[PSA_LABELS.enforce] = tenant.podSecurity.level;
    labels[PSA_LABELS.audit] = tenant.podSecurity.level;
    labels[PSA_LABELS.warn] = tenant.podSecurity.level;
    for (const rule of PSA_WEAKENING_RULES) annotations[exemptionKey(rule)] = tenant.podSecurity.justification;
  }
  return { name: namespace, labels, annotations };
}
