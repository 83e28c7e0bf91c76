import { REQUIRED_QUOTA_KEYS } from "../../baseline/tenancy";
import { stackRule } from "../../core/rule";
import { NAMESPACE_TYPE, byNamespace, findTenants, ownedTenants } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { RESOURCE_QUOTA_TYPE, isScopedQuota } from "./quota";

/** QT-002: the unscoped ResourceQuotas of a tenant namespace together cover the compute keys. */
export const qt002 = stackRule({
  id: "QT-002",
  name: "resourcequota-covers-compute",
  description: "The unscoped ResourceQuotas of each tenant namespace set requests.cpu, requests.memory, limits.cpu, limits.memory and pods.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["tenancy", "quota"],
  seed: ["S3", "S4"],
  upstream: "kubernetes.io Resource Quotas",
  remediation: `Set spec.hard ${REQUIRED_QUOTA_KEYS.map((k) => `"${k}"`).join(", ")} on an unscoped ResourceQuota (no spec.scopes / spec.scopeSelector).`,
  resourceTypes: [NAMESPACE_TYPE, RESOURCE_QUOTA_TYPE],
  check(resources, report, config) {
    const required = [...new Set([...REQUIRED_QUOTA_KEYS, ...config.requiredQuotaKeys])];
    const scan = findTenants(resources, config);
    const { byNs, deferred } = byNamespace(resources, [RESOURCE_QUOTA_TYPE]);
    for (const r of deferred) report({ ...cannotVerify("metadata.namespace"), urn: r.urn });
    for (const tenant of ownedTenants(scan)) {
      const quotas = byNs.get(tenant.name) ?? [];
      if (quotas.length === 0) continue; // QT-001 reports the missing quota.
      const keys = new Set<string>();
      let unknown = false;
      for (const q of quotas) {
        const read = readMaybeUnknown(() => {
          const spec = q.props?.spec;
          if (isScopedQuota(spec)) return [];
          const hard = spec?.hard;
          return typeof hard === "object" && hard !== null ? Object.keys(hard) : [];
        });
        if (!read.known) {
          report({ ...cannotVerify("spec.hard / spec.scopes"), urn: q.urn });
          unknown = true;
          continue;
        }
        read.value.forEach((k) => keys.add(k));
      }
      if (unknown || deferred.length > 0) continue;
      const missing = required.filter((k) => !keys.has(k));
      if (missing.length === 0) continue;
      report({
        urn: quotas[0].urn,
        message: `spec.hard of the unscoped ResourceQuotas in tenant namespace "${tenant.name}" lacks ${missing.map((k) => `"${k}"`).join(", ")}`,
        remediation: `Add ${missing.map((k) => `spec.hard["${k}"]`).join(", ")} to an unscoped ResourceQuota in "${tenant.name}".`,
      });
    }
  },
});
