/** NetworkPolicy helpers shared by the network rules. */

/** Token of a NetworkPolicy. */
export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** True when a label selector selects everything: absent, `{}`, or empty `matchLabels` and `matchExpressions`. */
export function isEmptySelector(selector: unknown): boolean {
  if (selector === undefined || selector === null) return true;
  if (typeof selector !== "object") return false;
  const s = selector as Record<string, unknown>;
  const labels = s.matchLabels;
  const exprs = s.matchExpressions;
  const noLabels = labels === undefined || labels === null || (typeof labels === "object" && Object.keys(labels).length === 0);
  const noExprs = exprs === undefined || exprs === null || (Array.isArray(exprs) && exprs.length === 0);
  return noLabels && noExprs;
}

/** True when `list` is absent or an empty array. */
export function isAbsentOrEmpty(list: unknown): boolean {
  return list === undefined || list === null || (Array.isArray(list) && list.length === 0);
}

/**
 * The effective `policyTypes` of a NetworkPolicy spec: the explicit list, else `Ingress` plus `Egress` only when
 * egress rules exist (K8s API default).
 */
export function effectivePolicyTypes(spec: Record<string, any>): string[] {
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes.filter((t: unknown) => typeof t === "string");
  return isAbsentOrEmpty(spec.egress) ? ["Ingress"] : ["Ingress", "Egress"];
}

/** True when the spec is a default-deny-all policy (NP-001): every pod, both directions, no allow rules. */
export function isDefaultDenyAll(spec: Record<string, any> | undefined): boolean {
  if (typeof spec !== "object" || spec === null) return false;
  const types = effectivePolicyTypes(spec);
  return (
    isEmptySelector(spec.podSelector) &&
    types.includes("Ingress") &&
    types.includes("Egress") &&
    isAbsentOrEmpty(spec.ingress) &&
    isAbsentOrEmpty(spec.egress)
  );
}
