/**
 * Does the pod security group let a tenant's egress allowlist through? Every pod ENI carries the one pod SG
 * (ENIConfig), and in-VPC destinations are not SNATed, so a NetworkPolicy egress entry the pod SG drops is an
 * allowlist no pod can ever use. The AWS stack declares reachable destinations (`extraEgress`, which the
 * Firewall opens on the node and pod SGs); the tenants' allowlists must be a subset of the pod SG's CIDR egress.
 */
import { cidrWithin, parseCidr } from "../../policy-pack/core/cidr";
import { planEgress, type EgressPlanInput } from "./plan";

/** One CIDR egress allowance of the pod SG, as data (what a StackReference carries to the in-cluster stack). */
export interface PodEgressAllowance {
  readonly protocol: "tcp" | "udp" | "all";
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
}

/** A tenant egress allowlist entry (components/tenant/config.ts `egress[]`). */
export interface TenantEgressEntry {
  readonly cidr: string;
  readonly ports: readonly { readonly port: number; readonly protocol: "TCP" | "UDP" | "SCTP" }[];
}

/** The pod SG's egress to CIDRs (defaults, NAT 443, `extraEgress`), from the same plan the Firewall emits. */
export function podEgressAllowances(input: EgressPlanInput): PodEgressAllowance[] {
  return planEgress(input)
    .filter((r) => r.target === "pods" && r.peer.kind === "cidr")
    .map((r) => ({ protocol: r.protocol === "all" ? "all" : (r.protocol as "tcp" | "udp"), fromPort: r.fromPort, toPort: r.toPort, cidr: (r.peer as { cidr: string }).cidr }));
}

/**
 * Why `entry` is (partly) unreachable through the pod SG, or undefined when every port of it is covered by one
 * allowance whose CIDR contains the entry's CIDR.
 */
export function uncoveredEgress(entry: TenantEgressEntry, allowances: readonly PodEgressAllowance[]): string | undefined {
  if (!parseCidr(entry.cidr) || entry.cidr.includes(":")) return `${entry.cidr} is not an IPv4 CIDR: the cluster's security groups allow IPv4 egress only`;
  const missing = entry.ports.filter((p) => {
    const protocol = p.protocol.toLowerCase();
    return !allowances.some(
      (a) => (a.protocol === "all" || (a.protocol === protocol && a.fromPort <= p.port && p.port <= a.toPort)) && cidrWithin(entry.cidr, a.cidr),
    );
  });
  if (missing.length === 0) return undefined;
  return `${missing.map((p) => `${p.protocol} ${p.port}`).join(", ")} to ${entry.cidr} is not allowed by the pod security group's egress, so no pod can reach it`;
}

/** The `extraEgress` entry that would cover `entry` (for the fix text of a config error). */
export function suggestedExtraEgress(entry: TenantEgressEntry): string {
  const ports = entry.ports.map((p) => p.port);
  const protocol = entry.ports[0]?.protocol.toLowerCase() ?? "tcp";
  return `{ name: <destination>, protocol: ${protocol}, fromPort: ${Math.min(...ports)}, toPort: ${Math.max(...ports)}, cidr: ${entry.cidr}, justification: <why> }`;
}
