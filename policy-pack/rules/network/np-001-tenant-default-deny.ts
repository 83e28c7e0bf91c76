import { TENANT_POLICY_NAMES } from "../../baseline/tenancy";
import { stackRule } from "../../core/rule";
import { NAMESPACE_TYPE, byNamespace, findTenants, ownedTenants } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { NETWORK_POLICY_TYPE, isDefaultDenyAll } from "./netpol";

/** NP-001: every tenant namespace of the stack has a default-deny-all NetworkPolicy. */
export const np001 = stackRule({
  id: "NP-001",
  name: "tenant-default-deny",
  description: "Every tenant namespace has a NetworkPolicy selecting all pods that denies all ingress and egress.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["network", "tenancy"],
  seed: ["S4", "S1 §5.7", "S0", "S3"],
  upstream: "@pulumi/kubernetes NetworkPolicySpec.policyTypes",
  remediation: `Add NetworkPolicy "${TENANT_POLICY_NAMES.defaultDeny}" with spec {podSelector: {}, policyTypes: ["Ingress", "Egress"]} and no ingress/egress rules (the Tenant component creates it).`,
  resourceTypes: [NAMESPACE_TYPE, NETWORK_POLICY_TYPE],
  check(resources, report, config) {
    const scan = findTenants(resources, config);
    for (const ns of scan.deferred) report({ ...cannotVerify("metadata.labels"), urn: ns.urn });
    const { byNs, deferred } = byNamespace(resources, [NETWORK_POLICY_TYPE]);
    for (const p of deferred) report({ ...cannotVerify("metadata.namespace"), urn: p.urn });
    for (const tenant of ownedTenants(scan)) {
      const policies = byNs.get(tenant.name) ?? [];
      let unknown = false;
      const found = policies.some((p) => {
        const read = readMaybeUnknown(() => isDefaultDenyAll(p.props?.spec));
        if (!read.known) unknown = true;
        return read.known && read.value;
      });
      if (found) continue;
      if (unknown || deferred.length > 0) {
        report({ ...cannotVerify(`metadata.namespace / spec of the NetworkPolicies for "${tenant.name}"`), urn: tenant.resource.urn });
        continue;
      }
      report({
        urn: tenant.resource.urn,
        message: `tenant namespace "${tenant.name}" has no NetworkPolicy with spec.podSelector {}, spec.policyTypes ["Ingress", "Egress"] and no spec.ingress/spec.egress rules`,
      });
    }
  },
});
