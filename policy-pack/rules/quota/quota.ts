/** ResourceQuota/LimitRange tokens and helpers shared by the quota rules. */

/** Token of a ResourceQuota. */
export const RESOURCE_QUOTA_TYPE = "kubernetes:core/v1:ResourceQuota";
/** Token of a LimitRange. */
export const LIMIT_RANGE_TYPE = "kubernetes:core/v1:LimitRange";

/** True when a ResourceQuota spec is scoped (`spec.scopes` non-empty or `spec.scopeSelector` set): it only counts some pods. */
export function isScopedQuota(spec: Record<string, any> | undefined): boolean {
  if (!spec) return false;
  const scopes = spec.scopes;
  return (Array.isArray(scopes) && scopes.length > 0) || (spec.scopeSelector !== undefined && spec.scopeSelector !== null);
}

/** True when a LimitRange spec has a `Container` item with `default` and `defaultRequest` both giving cpu and memory. */
export function hasContainerDefaults(spec: Record<string, any> | undefined): boolean {
  const limits = spec?.limits;
  if (!Array.isArray(limits)) return false;
  const full = (q: any) => typeof q === "object" && q !== null && q.cpu !== undefined && q.memory !== undefined;
  return limits.some((item: any) => item?.type === "Container" && full(item.default) && full(item.defaultRequest));
}
