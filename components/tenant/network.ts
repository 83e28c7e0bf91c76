/** The NetworkPolicies of a tenant namespace, as plain data built from the tenancy baseline. */
import {
  defaultDenyPolicySpec,
  dnsEgressPolicySpec,
  intraTenantPolicySpec,
  TENANT_POLICY_NAMES,
  type NetworkPolicySpecData,
} from "../../policy-pack/baseline/tenancy";
import { LABEL_PREFIX } from "../../policy-pack/baseline/labels";
import { exemptionKey } from "../../policy-pack/core/exemptions";
import { ANY_DESTINATION_CIDRS, type TenantConfig } from "./config";

/** Name of the optional egress-allowlist policy. */
export const EGRESS_ALLOWLIST_POLICY = "allow-egress-allowlist";

/** Annotation listing why each allowlisted CIDR is open. */
export const EGRESS_JUSTIFICATION_ANNOTATION = `${LABEL_PREFIX}egress-justifications`;

/** One NetworkPolicy to create: its name, spec and annotations. */
export interface TenantNetworkPolicy {
  readonly name: string;
  readonly spec: NetworkPolicySpecData;
  readonly annotations: Record<string, string>;
}

/**
 * The policies of every namespace of `tenant`: default-deny-all (both directions, no rules), DNS egress to
 * kube-dns only, traffic within the tenant's own namespaces, and — only when configured — an egress allowlist
 * of CIDR/port pairs. An allowlisted `0.0.0.0/0`/`::/0` carries its justification as the NP-002 exemption.
 */
export function tenantNetworkPolicies(tenant: TenantConfig): TenantNetworkPolicy[] {
  const policies: TenantNetworkPolicy[] = [
    { name: TENANT_POLICY_NAMES.defaultDeny, spec: defaultDenyPolicySpec(), annotations: {} },
    { name: TENANT_POLICY_NAMES.dnsEgress, spec: dnsEgressPolicySpec(), annotations: {} },
    { name: TENANT_POLICY_NAMES.intraTenant, spec: intraTenantPolicySpec(tenant.namespaces), annotations: {} },
  ];
  if (tenant.egress.length > 0) {
    const annotations: Record<string, string> = {
      [EGRESS_JUSTIFICATION_ANNOTATION]: JSON.stringify(tenant.egress.map((e) => ({ cidr: e.cidr, justification: e.justification }))),
    };
    const open = tenant.egress.filter((e) => (ANY_DESTINATION_CIDRS as readonly string[]).includes(e.cidr));
    if (open.length > 0) annotations[exemptionKey("NP-002")] = open.map((e) => e.justification).join("; ");
    policies.push({
      name: EGRESS_ALLOWLIST_POLICY,
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: tenant.egress.map((e) => ({
          to: [{ ipBlock: { cidr: e.cidr } }],
          ports: e.ports.map((p) => ({ protocol: p.protocol, port: p.port })),
        })),
      },
      annotations,
    });
  }
  return policies;
}
