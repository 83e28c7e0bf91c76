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
/** One allow-everything finding; `advisory` when the rule still limits the ports. */
interface AllowAll {
  readonly message: string;
  readonly advisory: boolean;
}

/**
 * The allow-everything findings of one direction (`ingress`/`from` or `egress`/`to`). A rule with neither peers
 * nor ports (`ingress: [{}]`) admits all traffic: mandatory. A rule with ports but no peers admits any peer on
 * those ports only (CoreDNS serving every pod and node on 53 needs exactly that): advisory, so it stays visible.
 */
function allowAll(rules: unknown, field: "ingress" | "egress", peersKey: "from" | "to"): AllowAll[] {
  const out: AllowAll[] = [];
  const who = field === "ingress" ? "source" : "destination";
  (Array.isArray(rules) ? rules : []).forEach((rule: any, i: number) => {
    const peers = rule?.[peersKey];
    const everyPort = isAbsentOrEmpty(rule?.ports);
    const ports = everyPort ? " on every port" : " on the listed ports";
    if (isAbsentOrEmpty(peers)) out.push({ message: `spec.${field}[${i}] has no ${peersKey}: it allows every ${who} (any pod, any namespace, any address)${ports}`, advisory: !everyPort });
    else (peers as any[]).forEach((peer, j) => {
      if (isEveryPod(peer)) out.push({ message: `spec.${field}[${i}].${peersKey}[${j}] is {namespaceSelector: {}, podSelector: {}}: every pod of every namespace${ports}`, advisory: false });
    });
  });
  return out;
}

/** NP-004: a NetworkPolicy never allows all traffic (an empty rule or an every-pod peer). */
export const np004 = resourceRule({
  id: "NP-004",
  name: "netpol-no-allow-all",
  description: "NetworkPolicy rules name their peers: no ingress rule without `from`, no egress rule without `to` (e.g. `ingress: [{}]`; advisory when the rule still lists ports), and no `{namespaceSelector: {}, podSelector: {}}` peer.",
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
    for (const finding of read.value) report(finding.advisory ? { message: finding.message, advisory: true } : finding.message);
  },
});
