/** Shared check of QT-001/QT-003: every tenant namespace of the stack holds at least one object of a type. */
import type { PackConfig } from "../../core/config";
import type { Report, StackResource } from "../../core/rule";
import { byNamespace, findTenants, ownedTenants } from "../../core/tenants";
import { cannotVerify } from "../../core/unknowns";

/** Report each tenant namespace owned by the stack that has no resource of `type`; `what` names it in the message. */
export function requireInEachTenant(
  resources: readonly StackResource[],
  report: Report,
  config: PackConfig,
  type: string,
  what: string,
): void {
  const scan = findTenants(resources, config);
  for (const ns of scan.deferred) report({ ...cannotVerify("metadata.labels"), urn: ns.urn });
  const { byNs, deferred } = byNamespace(resources, [type]);
  for (const r of deferred) report({ ...cannotVerify("metadata.namespace"), urn: r.urn });
  if (deferred.length > 0) return;
  for (const tenant of ownedTenants(scan)) {
    if ((byNs.get(tenant.name) ?? []).length > 0) continue;
    report({ urn: tenant.resource.urn, message: `tenant namespace "${tenant.name}" has no ${what} (no ${type} with metadata.namespace "${tenant.name}")` });
  }
}
