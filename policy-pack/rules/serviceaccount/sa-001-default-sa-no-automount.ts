import { DEFAULT_SERVICE_ACCOUNT } from "../../baseline/tenancy";
import { stackRule } from "../../core/rule";
import { NAMESPACE_TYPE, byNamespace, findTenants, ownedTenants } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

const SA_TYPES = ["kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:ServiceAccountPatch"];

/** SA-001: each tenant namespace of the stack patches its `default` service account to not automount a token. */
export const sa001 = stackRule({
  id: "SA-001",
  name: "default-sa-no-automount",
  description: "Each tenant namespace has a ServiceAccount(Patch) `default` with automountServiceAccountToken false.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["rbac", "tenancy"],
  seed: ["S2", "S3"],
  upstream: "kubernetes.io RBAC Good Practices (automountServiceAccountToken: false)",
  remediation: `Add a ServiceAccountPatch {metadata: {name: "default", namespace: "<tenant>"}, automountServiceAccountToken: false} (the Tenant component does).`,
  resourceTypes: [NAMESPACE_TYPE, ...SA_TYPES],
  check(resources, report, config) {
    const scan = findTenants(resources, config);
    for (const ns of scan.deferred) report({ ...cannotVerify("metadata.labels"), urn: ns.urn });
    const { byNs, deferred } = byNamespace(resources, SA_TYPES);
    for (const r of deferred) report({ ...cannotVerify("metadata.namespace"), urn: r.urn });
    for (const tenant of ownedTenants(scan)) {
      let unknown = false;
      const ok = (byNs.get(tenant.name) ?? []).some((sa) => {
        const read = readMaybeUnknown(() => sa.props?.metadata?.name === DEFAULT_SERVICE_ACCOUNT && sa.props?.automountServiceAccountToken === false);
        if (!read.known) unknown = true;
        return read.known && read.value;
      });
      if (ok) continue;
      if (unknown || deferred.length > 0) {
        report({ ...cannotVerify(`automountServiceAccountToken of the service accounts in "${tenant.name}"`), urn: tenant.resource.urn });
        continue;
      }
      report({
        urn: tenant.resource.urn,
        message: `tenant namespace "${tenant.name}" has no ServiceAccount/ServiceAccountPatch "default" with automountServiceAccountToken false`,
        remediation: `Add a ServiceAccountPatch {metadata: {name: "default", namespace: "${tenant.name}"}, automountServiceAccountToken: false}.`,
      });
    }
  },
});
