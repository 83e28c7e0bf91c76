import { SENSITIVE_POOL } from "../../baseline/labels";
import { stackRule } from "../../core/rule";
import { byNamespace, findTenants } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { BASE_WORKLOAD_TYPES, podSpecOf } from "../../core/workloads";

/** True when `tolerations` tolerate the taint `key=value:NoSchedule` (Equal with the value, or Exists on the key). */
export function toleratesPool(tolerations: unknown, key: string, value: string): boolean {
  if (!Array.isArray(tolerations)) return false;
  return tolerations.some((t: any) => {
    if (typeof t !== "object" || t === null || t.key !== key) return false;
    const effectOk = t.effect === undefined || t.effect === "" || t.effect === "NoSchedule";
    const operator = t.operator ?? "Equal";
    return effectOk && (operator === "Exists" || (operator === "Equal" && t.value === value));
  });
}

/**
 * True when the pod spec requires nodes labelled `key=value`: `nodeSelector[key] === value`, or every
 * `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*]` (terms are ORed) has `key In [value]`.
 */
export function selectsPool(spec: Record<string, any>, key: string, value: string): boolean {
  if (spec.nodeSelector?.[key] === value) return true;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return false;
  return terms.every(
    (term: any) =>
      Array.isArray(term?.matchExpressions) &&
      term.matchExpressions.some(
        (e: any) =>
          e?.key === key &&
          e.operator === "In" &&
          Array.isArray(e.values) &&
          e.values.length > 0 &&
          e.values.every((v: unknown) => v === value),
      ),
  );
}

/** NODE-006: workloads of sensitive tenants both tolerate and select the sensitive node pool. */
export const node006 = stackRule({
  id: "NODE-006",
  name: "sensitive-tenant-pinned-to-sensitive-pool",
  description: "Workloads in sensitive tenant namespaces tolerate the sensitive pool's taint and select its label.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["tenancy", "namespace", "node"],
  seed: ["S1 §5.6", "S1 §5.14"],
  upstream: "kubernetes.io RBAC Good Practices (taints/tolerations to separate powerful pods)",
  remediation: `In the pod template set tolerations [{key: "<poolLabelKey>", operator: "Equal", value: "${SENSITIVE_POOL}", effect: "NoSchedule"}] and nodeSelector {"<poolLabelKey>": "${SENSITIVE_POOL}"}.`,
  resourceTypes: [...BASE_WORKLOAD_TYPES, "kubernetes:core/v1:Namespace"],
  check(resources, report, config) {
    const key = config.poolLabelKey;
    const scan = findTenants(resources, config);
    for (const ns of scan.deferred) report({ ...cannotVerify("metadata.labels (tenant tier)"), urn: ns.urn });
    const sensitive = new Set([...scan.tenants.values()].filter((t) => t.sensitive).map((t) => t.name));
    if (sensitive.size === 0) return;
    const { byNs, deferred } = byNamespace(resources, BASE_WORKLOAD_TYPES);
    for (const w of deferred) report({ ...cannotVerify("metadata.namespace"), urn: w.urn });
    for (const [ns, workloads] of byNs) {
      if (!sensitive.has(ns)) continue;
      for (const w of workloads) {
        const read = readMaybeUnknown(() => {
          const view = podSpecOf(w.type, w.props)!;
          return {
            path: view.specPath,
            tolerates: toleratesPool(view.spec.tolerations, key, SENSITIVE_POOL),
            selects: selectsPool(view.spec, key, SENSITIVE_POOL),
          };
        });
        if (!read.known) {
          report({ ...cannotVerify("pod spec tolerations/nodeSelector"), urn: w.urn });
          continue;
        }
        const { path, tolerates, selects } = read.value;
        if (!tolerates) {
          report({
            urn: w.urn,
            message: `${path}.tolerations lacks {key: "${key}", operator: "Equal", value: "${SENSITIVE_POOL}", effect: "NoSchedule"} in sensitive tenant "${ns}"`,
            remediation: `Add to ${path}.tolerations: {key: "${key}", operator: "Equal", value: "${SENSITIVE_POOL}", effect: "NoSchedule"}.`,
          });
        }
        if (!selects) {
          report({
            urn: w.urn,
            message: `${path}.nodeSelector["${key}"] is not "${SENSITIVE_POOL}" (nor required by node affinity) in sensitive tenant "${ns}": pods may land on shared nodes`,
            remediation: `Set ${path}.nodeSelector["${key}"] to "${SENSITIVE_POOL}".`,
          });
        }
      }
    }
  },
});
