import { portRow, rowsFor, VPC_ENDPOINT_PORT, type PortProtocol, type PortRow, type PortSource } from "../../policy-pack/baseline/ports";
import type { RuleSourceRole } from "./tags";

/**
 * Security-group roles the Firewall owns. The endpoint SG belongs to the Network. There is no load-balancer SG:
 * nothing here creates a load balancer, so a team's own LB SG reaches NodePorts as a `trustedSecurityGroupIds`
 * entry (the pack knows it through `lbSecurityGroupIds`/`trustedSecurityGroupIds`).
 */
export const FIREWALL_ROLES = ["cluster", "node", "pods", "sensitive-node", "sensitive-pods"] as const;
export type FirewallRole = (typeof FIREWALL_ROLES)[number];

/**
 * The node SG and pod SG of each pool class: the general pools (system, general) share `node`/`pods`; the sensitive
 * pool has its own pair (audit W6). Egress is planned per class from the port table, so the classes exchange only
 * the traffic a row documents.
 */
export const POOL_NETWORK_CLASSES: readonly { readonly node: FirewallRole; readonly pods: FirewallRole }[] = [
  { node: "node", pods: "pods" },
  { node: "sensitive-node", pods: "sensitive-pods" },
];

/** The SG roles that hold workloads (nodes and pods of every pool class): their egress is restricted. */
export const WORKLOAD_ROLES: readonly FirewallRole[] = POOL_NETWORK_CLASSES.flatMap((c) => [c.node, c.pods]);

/**
 * An admission-webhook (or other add-on) port, opened from the cluster SG only while the add-on is enabled.
 * The platform installs none of these add-ons: an entry declares that the team installs it, and port-table
 * rows with the same `addon` name (e.g. `kubelet-pods` for metrics-server) open with it.
 */
export interface AddonPort {
  /** Add-on name, e.g. `aws-load-balancer-controller`. */
  readonly name: string;
  readonly protocol: "tcp" | "udp";
  /** One port, never a range. */
  readonly port: number;
  /** Why the control plane must reach it (at least 20 characters). */
  readonly justification: string;
}

/** Where a planned rule's traffic comes from (ingress) or goes to (egress). */
export type Peer =
  | { readonly kind: "self" }
  | { readonly kind: "sg"; readonly role: FirewallRole | "endpoint" }
  | { readonly kind: "sg-id"; readonly id: string; readonly role: RuleSourceRole }
  | { readonly kind: "cidr"; readonly cidr: string; readonly role: RuleSourceRole }
  | { readonly kind: "prefix-list"; readonly role: RuleSourceRole };

/** One planned rule on one of the Firewall's security groups. */
export interface PlannedRule {
  readonly target: FirewallRole;
  /** Port-table row id, `addon:<name>` or `egress:<name>`. */
  readonly row: string;
  readonly protocol: PortProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: Peer;
  readonly description: string;
}

/** Inputs of the ingress plan (all literals). */
export interface IngressPlanInput {
  /** CIDRs allowed to reach the API on 443 (admin VPN, deployer subnets). Never the world. */
  readonly apiCidrs: readonly string[];
  /** SG ids owned elsewhere that may reach NodePorts (pack config `trustedSecurityGroupIds`). */
  readonly trustedSecurityGroupIds: readonly string[];
  /** Add-on ports opened from the cluster SG to the node and pod SGs. */
  readonly addonPorts: readonly AddonPort[];
}

function peerFor(source: PortSource, target: FirewallRole, input: IngressPlanInput): Peer[] {
  switch (source) {
    case "self":
      return [{ kind: "self" }];
    case "node":
    case "cluster":
    case "pods":
    case "sensitive-node":
    case "sensitive-pods":
      return [source === target ? { kind: "self" } : { kind: "sg", role: source }];
    case "lb": // no LB SG of ours (see FIREWALL_ROLES): team LB SGs come in as trusted-sgs
      return [];
    case "trusted-cidrs":
      // CIDR sources reach the API only; NodePorts stay behind the load-balancer SG.
      return target === "cluster" ? input.apiCidrs.map((cidr) => ({ kind: "cidr", cidr, role: "trusted-cidrs" })) : [];
    case "trusted-sgs":
      return input.trustedSecurityGroupIds.map((id) => ({ kind: "sg-id", id, role: "trusted-sgs" }));
    case "control-plane": // self-managed control planes only
    case "vpc-cidr": // the endpoint SG (Network component)
      return [];
  }
}

/** A stable, readable key for a peer (used in rule names so adding a rule never renames another). */
export function peerKey(p: Peer): string {
  switch (p.kind) {
    case "self":
      return "self";
    case "sg":
      return p.role;
    case "sg-id":
      return p.id;
    case "cidr":
      return p.cidr;
    case "prefix-list":
      return "prefix-list";
  }
}

/** The EKS rows of the port table that apply: every row without an add-on, plus those of enabled add-ons. */
export function activeRows(addonPorts: readonly AddonPort[]): PortRow[] {
  const enabled = new Set(addonPorts.map((a) => a.name));
  return rowsFor("eks").filter((row) => row.addon === undefined || enabled.has(row.addon));
}

/**
 * The ingress rules of the cluster, node and pod SGs, generated from the EKS rows of the port table
 * (`rowsFor("eks")`, add-on rows only with their add-on) plus enabled add-on ports. Nothing here re-types a port.
 * Descriptions are plain text here; the Firewall makes them EC2-safe ({@link ec2Description}) when it emits them.
 */
export function planIngress(input: IngressPlanInput): PlannedRule[] {
  const out = new Map<string, PlannedRule>();
  for (const row of activeRows(input.addonPorts)) {
    for (const target of FIREWALL_ROLES.filter((r) => row.targets.includes(r))) {
      for (const source of row.sources) {
        for (const peer of peerFor(source, target, input)) {
          for (const protocol of row.protocols) {
            const key = `${target}|${row.id}|${protocol}|${peerKey(peer)}`;
            if (!out.has(key)) out.set(key, { target, row: row.id, protocol, fromPort: row.fromPort, toPort: row.toPort, peer, description: `${row.purpose} (${row.id}) from ${peerKey(peer)}` });
          }
        }
      }
    }
  }
  for (const addon of input.addonPorts) {
    for (const target of ["pods", "node"] as const) {
      out.set(`${target}|addon:${addon.name}`, {
        target,
        row: `addon:${addon.name}`,
        protocol: addon.protocol,
        fromPort: addon.port,
        toPort: addon.port,
        peer: { kind: "sg", role: "cluster" },
        description: `${addon.name} (installed by the team) webhook from the control plane: ${addon.justification}`,
      });
    }
  }
  return [...out.values()];
}

/** An egress allowance beyond the defaults, from config, justified. */
export interface EgressAllowance {
  readonly name: string;
  readonly protocol: "tcp" | "udp";
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
  readonly justification: string;
}

/** How nodes and pods reach AWS APIs. */
export type AwsApiPath = { readonly mode: "endpoints" } | { readonly mode: "nat" };

/** Inputs of the egress plan. */
export interface EgressPlanInput {
  readonly vpcCidr: string;
  readonly podCidr: string;
  readonly awsApis: AwsApiPath;
  readonly addonPorts: readonly AddonPort[];
  readonly extraEgress: readonly EgressAllowance[];
}

/**
 * Restricted egress (the anchors allow all), for the node and pod SGs of every pool class: nodes and pods reach the cluster SG on 443, DNS in the VPC, AWS
 * APIs on 443 through the endpoints (or the NAT), and their own SG; nodes reach pods (probes); pods reach the
 * kubelets when metrics-server is installed (row `kubelet-pods`); the control plane reaches kubelets and enabled
 * webhooks. Anything wider comes from `extraEgress` (on both node and pod SGs: in-VPC destinations see the pod
 * ENI, destinations outside the VPC see the node's primary ENI after SNAT).
 */
export function planEgress(input: EgressPlanInput): PlannedRule[] {
  const rules: PlannedRule[] = [];
  const api = portRow("api");
  const kubelet = portRow("kubelet");
  const dns = portRow("dns");
  const add = (target: FirewallRole, row: string, protocol: PortProtocol, fromPort: number, toPort: number, peer: Peer, description: string) =>
    rules.push({ target, row, protocol, fromPort, toPort, peer, description });
  /** The row that lets an SG of `role` talk to itself on all traffic (`intra` for nodes, `pods`/`sensitive-pods`). */
  const selfRow = (role: FirewallRole) => activeRows(input.addonPorts).find((r) => r.targets.includes(role) && r.sources.includes("self") && r.protocols.includes("all"))!;
  for (const target of WORKLOAD_ROLES) {
    add(target, api.id, "tcp", api.fromPort, api.toPort, { kind: "sg", role: "cluster" }, "Kubernetes API");
    add(target, selfRow(target).id, "all", -1, -1, { kind: "self" }, "same security group");
    for (const protocol of dns.protocols) {
      add(target, dns.id, protocol, dns.fromPort, dns.toPort, { kind: "cidr", cidr: input.vpcCidr, role: "vpc-cidr" }, "DNS inside the VPC");
      add(target, dns.id, protocol, dns.fromPort, dns.toPort, { kind: "cidr", cidr: input.podCidr, role: "vpc-cidr" }, "DNS to CoreDNS on pod subnets");
    }
    if (input.awsApis.mode === "endpoints") {
      add(target, "aws-apis", "tcp", VPC_ENDPOINT_PORT, VPC_ENDPOINT_PORT, { kind: "sg", role: "endpoint" }, "AWS APIs through interface endpoints");
      add(target, "aws-apis", "tcp", VPC_ENDPOINT_PORT, VPC_ENDPOINT_PORT, { kind: "prefix-list", role: "aws-apis" }, "S3 (ECR layers) through the gateway endpoint");
    } else {
      add(target, "aws-apis", "tcp", VPC_ENDPOINT_PORT, VPC_ENDPOINT_PORT, { kind: "cidr", cidr: "0.0.0.0/0", role: "aws-apis" }, "HTTPS through the NAT gateway (AWS APIs, registries)");
    }
    for (const e of input.extraEgress) {
      add(target, `egress:${e.name}`, e.protocol, e.fromPort, e.toPort, { kind: "cidr", cidr: e.cidr, role: "config" }, `${e.name}: ${e.justification}`);
    }
  }
  // Each pool class's nodes probe their own pods (the row that lets that node SG into that pod SG on all traffic).
  for (const c of POOL_NETWORK_CLASSES) add(c.node, selfRow(c.pods).id, "all", -1, -1, { kind: "sg", role: c.pods }, "kubelet probes to pods");
  // The mirror of every single-protocol ingress row between workload SGs of different roles (metrics-server on the pod
  // SG to every pool's kubelets): egress to an SG exactly where that SG lets it in. DNS egress is by CIDR (above).
  for (const row of activeRows(input.addonPorts).filter((r) => !r.protocols.includes("all") && r.id !== dns.id)) {
    for (const from of WORKLOAD_ROLES.filter((w) => row.sources.includes(w as PortSource))) {
      for (const to of WORKLOAD_ROLES.filter((w) => w !== from && row.targets.includes(w))) {
        for (const protocol of row.protocols) add(from, row.id, protocol, row.fromPort, row.toPort, { kind: "sg", role: to }, row.purpose);
      }
    }
  }
  for (const to of WORKLOAD_ROLES.filter((w) => kubelet.targets.includes(w))) add("cluster", kubelet.id, "tcp", kubelet.fromPort, kubelet.toPort, { kind: "sg", role: to }, "control plane to kubelet");
  add("cluster", "intra", "all", -1, -1, { kind: "self" }, "control plane ENIs");
  for (const a of input.addonPorts) {
    for (const peer of ["pods", "node"] as const) add("cluster", `addon:${a.name}`, a.protocol, a.port, a.port, { kind: "sg", role: peer }, `${a.name} webhook`);
  }
  return rules;
}
