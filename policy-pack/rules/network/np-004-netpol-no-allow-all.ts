import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { NETWORK_POLICY_TYPE, effectivePolicyTypes, isAbsentOrEmpty, isEmptySelector } from "./netpol";

/** True for a peer that is every pod of every namespace: `{namespaceSelector: {}, podSelector: {}}`. */
function isEveryPod(peer: any): boolean {
  return (
    peer !== null &&
    typeof peer === "object" &&
    "namespaceSelector" in peer &&
    "podSelector" in peer &&
    peer.namespaceSelector !== undefined &&
    peer.podSelector !== undefined &&
    isEmptySelector(peer.namespaceSelector) &&
    isEmptySelector(peer.podSelector)
  );
}

/** The allow-everything findings of one direction (`ingress`/`from` or `egress`/`to`). */
function allowAll(rules: unknown, field: "ingress" | "egress", peersKey: "from" | "to"): string[] {
  const out: string[] = [];
  const who = field === "ingress" ? "source" : "destination";
  (Array.isArray(rules) ? rules : []).forEach((rule: any, i: number) => {
    const peers = rule?.[peersKey];
    const ports = isAbsentOrEmpty(rule?.ports) ? " on every port" : "";
    if (isAbsentOrEmpty(peers)) out.push(`spec.${field}[${i}] has no ${peersKey}: it allows every ${who} (any pod, any namespace, any address)${ports}`);
    else (peers as any[]).forEach((peer, j) => {
      if (isEveryPod(peer)) out.push(`spec.${field}[${i}].${peersKey}[${j}] is {namespaceSelector: {}, podSelector: {}}: every pod of every namespace${ports}`);
    });
  });
  return out;
}

/** NP-004: a NetworkPolicy never allows all traffic (an empty rule or an every-pod peer). */
export const np004 = resourceRule({
  id: "NP-004",
  name: "netpol-no-allow-all",
  description: "NetworkPolicy rules name their peers: no ingress rule without `from`, no egress rule without `to` (e.g. `ingress: [{}]`), and no `{namespaceSelector: {}, podSelector: {}}` peer.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["network", "tenancy"],
  seed: ["S4", "S1 §5.7", "S2"],
  upstream: "Kubernetes NetworkPolicy API (an empty `from`/`to` matches all sources/destinations); checkov/kubescape allow-all network policy checks",
  remediation: "Give every ingress rule a `from` and every egress rule a `to` that names the peers (namespaceSelector on kubernetes.io/metadata.name plus a podSelector with labels).",
  resourceTypes: [NETWORK_POLICY_TYPE],
  check(resource, report) {
    const read = readMaybeUnknown(() => {
      const spec = resource.props?.spec ?? {};
      const types = effectivePolicyTypes(spec);
      return [...(types.includes("Ingress") ? allowAll(spec.ingress, "ingress", "from") : []), ...(types.includes("Egress") ? allowAll(spec.egress, "egress", "to") : [])];
    });
    if (!read.known) return report(cannotVerify("spec.ingress / spec.egress"));
    for (const message of read.value) report(message);
  },
});
