/**
 * Tenant namespaces for stack rules (catalog §0): Namespace resources labelled `hardened-cluster.io/tenant`
 * (sensitive when `hardened-cluster.io/tier: sensitive`), plus namespaces owned by other stacks named in config
 * `tenantNamespaces` / `sensitiveNamespaces`. Reads are guarded so one unknown value defers one resource.
 */
import { LABELS } from "../baseline/labels";
import type { PackConfig } from "./config";
import { namespaceOf } from "./exemptions";
import type { ResourceUnderTest, StackResource } from "./rule";
import { readMaybeUnknown } from "./unknowns";

export { namespaceOf } from "./exemptions";

/** Token of a Namespace. */
export const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";

/** A tenant namespace as the stack rules see it. */
export interface TenantNamespace {
  readonly name: string;
  readonly sensitive: boolean;
  /** The Namespace resource of this stack, when the stack owns it (absent for config-only tenants). */
  readonly resource?: StackResource;
}

/** Tenant namespaces of a stack, plus the Namespace resources whose labels were unknown (preview). */
export interface TenantScan {
  /** By namespace name. */
  readonly tenants: ReadonlyMap<string, TenantNamespace>;
  /** Namespace resources whose name or labels could not be read at preview. */
  readonly deferred: readonly StackResource[];
}

/** The namespace name of a Namespace resource: `metadata.name`, else its Pulumi name. */
export function namespaceName(resource: ResourceUnderTest): string {
  const name = resource.props?.metadata?.name;
  return typeof name === "string" && name !== "" ? name : resource.name;
}

/** Find every tenant namespace: labelled Namespace resources and the config lists (a sensitive one is also a tenant). */
export function findTenants(resources: readonly StackResource[], config: PackConfig): TenantScan {
  const tenants = new Map<string, TenantNamespace>();
  const deferred: StackResource[] = [];
  for (const r of resources) {
    if (r.type !== NAMESPACE_TYPE) continue;
    const read = readMaybeUnknown(() => {
      const labels = r.props?.metadata?.labels ?? {};
      return { name: namespaceName(r), tenant: typeof labels === "object" && LABELS.tenant in labels, tier: labels[LABELS.tier] };
    });
    if (!read.known) {
      deferred.push(r);
      continue;
    }
    const { name, tenant, tier } = read.value;
    const listed = config.tenantNamespaces.includes(name) || config.sensitiveNamespaces.includes(name);
    if (!tenant && !listed) continue;
    tenants.set(name, { name, sensitive: tier === "sensitive" || config.sensitiveNamespaces.includes(name), resource: r });
  }
  for (const name of config.tenantNamespaces) {
    if (!tenants.has(name)) tenants.set(name, { name, sensitive: config.sensitiveNamespaces.includes(name) });
  }
  for (const name of config.sensitiveNamespaces) {
    if (!tenants.has(name)) tenants.set(name, { name, sensitive: true });
  }
  return { tenants, deferred };
}

/** Tenants whose Namespace resource belongs to this stack (the ones a stack must equip with policies, quotas, ...). */
export function ownedTenants(scan: TenantScan): (TenantNamespace & { resource: StackResource })[] {
  return [...scan.tenants.values()].filter((t): t is TenantNamespace & { resource: StackResource } => t.resource !== undefined);
}

/**
 * The resolved namespace of a namespaced object (`metadata.namespace`, else the provider namespace, else `default`),
 * or unknown when `metadata.namespace` is not known at preview (`namespaceOf` alone would fall back to `default`).
 */
export function resolvedNamespace(resource: ResourceUnderTest): { known: true; value: string } | { known: false } {
  const ns = readMaybeUnknown(() => resource.props?.metadata?.namespace);
  if (!ns.known) return ns;
  return { known: true, value: namespaceOf(resource) };
}

/** Resources of `types` grouped by resolved namespace; resources whose namespace is unknown go to `deferred`. */
export function byNamespace(
  resources: readonly StackResource[],
  types: readonly string[],
): { byNs: Map<string, StackResource[]>; deferred: StackResource[] } {
  const byNs = new Map<string, StackResource[]>();
  const deferred: StackResource[] = [];
  for (const r of resources) {
    if (!types.includes(r.type)) continue;
    const ns = resolvedNamespace(r);
    if (!ns.known) {
      deferred.push(r);
      continue;
    }
    const list = byNs.get(ns.value) ?? [];
    list.push(r);
    byNs.set(ns.value, list);
  }
  return { byNs, deferred };
}

/** Token of a NamespacePatch (partial inputs: flag only explicit values). */
export const NAMESPACE_PATCH_TYPE = "kubernetes:core/v1:NamespacePatch";

/**
 * True when a Namespace (or NamespacePatch) is a tenant by its own inputs or by config: it carries the tenant
 * label, is listed in `tenantNamespaces`/`sensitiveNamespaces`, or its name matches `tenantNamePattern`.
 */
export function isTenantNamespace(resource: ResourceUnderTest, config: PackConfig): boolean {
  const labels = resource.props?.metadata?.labels;
  if (typeof labels === "object" && labels !== null && LABELS.tenant in labels) return true;
  return isTenantByConfig(namespaceName(resource), config);
}

/** True when config names `name` as a tenant (lists or `tenantNamePattern`). */
export function isTenantByConfig(name: string, config: PackConfig): boolean {
  if (config.tenantNamespaces.includes(name) || config.sensitiveNamespaces.includes(name)) return true;
  return config.tenantNamePattern !== "" && new RegExp(config.tenantNamePattern).test(name);
}
