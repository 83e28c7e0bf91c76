import { KUBE_DNS, NAMESPACE_NAME_LABEL } from "../../baseline/tenancy";
import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { NETWORK_POLICY_TYPE, isAbsentOrEmpty, isEmptySelector } from "./netpol";

const OPEN_CIDRS = ["0.0.0.0/0", "::/0"];

/** True when a peer is cluster DNS exactly: `kube-system` by metadata.name + `k8s-app: kube-dns` pods. */
function isKubeDnsPeer(peer: any): boolean {
  const ns = peer?.namespaceSelector?.matchLabels;
  const pods = peer?.podSelector?.matchLabels;
  return (
    ns?.[NAMESPACE_NAME_LABEL] === KUBE_DNS.namespace &&
    Object.entries(KUBE_DNS.podLabels).every(([k, v]) => pods?.[k] === v)
  );
}

/** True when a port entry includes 53 (numeric, `"53"`, or a range `port..endPort` containing it). */
function coversDns(port: any): boolean {
  const p = Number(port?.port);
  if (!Number.isInteger(p)) return false;
  const end = Number.isInteger(Number(port?.endPort)) && port?.endPort !== undefined && port?.endPort !== null ? Number(port.endPort) : p;
  return p <= KUBE_DNS.port && KUBE_DNS.port <= end;
}

/** Problems of one peer: world-open ipBlock or every namespace. */
function peerProblems(peer: any, path: string): string[] {
  const out: string[] = [];
  const cidr = peer?.ipBlock?.cidr;
  if (typeof cidr === "string" && OPEN_CIDRS.includes(cidr)) out.push(`${path}.ipBlock.cidr is "${cidr}" (any address)`);
  if (peer && typeof peer === "object" && "namespaceSelector" in peer && isEmptySelector(peer.namespaceSelector) && !("podSelector" in peer && peer.podSelector !== undefined)) {
    out.push(`${path}.namespaceSelector is {} with no podSelector (every pod of every namespace)`);
  }
  return out;
}

/**
 * True when the policy selects the cluster DNS pods themselves (kube-system, `k8s-app: kube-dns`): their
 * egress on 53 is upstream resolution (the VPC resolver), not a bypass of kube-dns.
 */
function selectsKubeDns(resource: { props?: any }): boolean {
  const labels = resource.props?.spec?.podSelector?.matchLabels;
  return resource.props?.metadata?.namespace === KUBE_DNS.namespace && Object.entries(KUBE_DNS.podLabels).every(([k, v]) => labels?.[k] === v);
}

/** NP-002: NetworkPolicy peers are named explicitly; DNS egress goes to kube-dns only (except from kube-dns itself). */
export const np002 = resourceRule({
  id: "NP-002",
  name: "netpol-no-open-peers",
  description: "NetworkPolicy peers are never the whole internet or every namespace, and DNS egress is scoped to kube-dns.",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["network", "tenancy"],
  seed: ["S2", "S0"],
  upstream: "Kubernetes NetworkPolicy API (networking.k8s.io/v1)",
  remediation: `Name peers explicitly; for DNS use to: [{namespaceSelector: {matchLabels: {"${NAMESPACE_NAME_LABEL}": "kube-system"}}, podSelector: {matchLabels: {"k8s-app": "kube-dns"}}}].`,
  resourceTypes: [NETWORK_POLICY_TYPE],
  check(resource, report) {
    const read = readMaybeUnknown(() => {
      const spec = resource.props?.spec ?? {};
      const problems: { message: string; remediation?: string }[] = [];
      const ingress: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
      const egress: any[] = Array.isArray(spec.egress) ? spec.egress : [];
      ingress.forEach((rule, i) => {
        (Array.isArray(rule?.from) ? rule.from : []).forEach((peer: any, j: number) => {
          for (const m of peerProblems(peer, `spec.ingress[${i}].from[${j}]`)) problems.push({ message: m });
        });
      });
      egress.forEach((rule, i) => {
        const peers: any[] = Array.isArray(rule?.to) ? rule.to : [];
        peers.forEach((peer, j) => {
          for (const m of peerProblems(peer, `spec.egress[${i}].to[${j}]`)) problems.push({ message: m });
        });
        const ports: any[] = Array.isArray(rule?.ports) ? rule.ports : [];
        if (!ports.some(coversDns) || selectsKubeDns(resource)) return;
        if (isAbsentOrEmpty(rule?.to) || !peers.every(isKubeDnsPeer)) {
          problems.push({
            message: `spec.egress[${i}] allows port ${KUBE_DNS.port} to peers other than kube-dns (spec.egress[${i}].to must be kube-system/k8s-app=kube-dns only)`,
            remediation: `Set spec.egress[${i}].to to [{namespaceSelector: {matchLabels: {"${NAMESPACE_NAME_LABEL}": "kube-system"}}, podSelector: {matchLabels: {"k8s-app": "kube-dns"}}}].`,
          });
        }
      });
      return problems;
    });
    if (!read.known) return report(cannotVerify("spec.ingress / spec.egress"));
    for (const p of read.value) report(p);
  },
});
