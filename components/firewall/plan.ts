import { portRow, rowsFor, VPC_ENDPOINT_PORT, type PortProtocol, type PortSource } from "../../policy-pack/baseline/ports";
import type { RuleSourceRole } from "./tags";

/** Security-group roles the Firewall owns. The endpoint SG belongs to the Network. */
export const FIREWALL_ROLES = ["cluster", "node", "pods", "lb"] as const;
export type FirewallRole = (typeof FIREWALL_ROLES)[number];

/** An admission-webhook (or other add-on) port, opened from the cluster SG only while the add-on is enabled. */
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
    case "lb":
      return [source === target ? { kind: "self" } : { kind: "sg", role: source }];
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

/**
 * The ingress rules of the cluster, node, pod and lb SGs, generated from the EKS rows of the port table
 * (`rowsFor("eks")`) plus enabled add-on ports. Nothing here re-types a port.
 */
export function planIngress(input: IngressPlanInput): PlannedRule[] {
  const out = new Map<string, PlannedRule>();
  for (const row of rowsFor("eks")) {
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
        description: `${addon.name} webhook from the control plane: ${addon.justification}`.slice(0, 255),
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
 * Restricted egress (the anchors allow all): nodes and pods reach the cluster SG on 443/10250, DNS in the
 * VPC, AWS APIs on 443 through the endpoints (or the NAT), and their own SG; the control plane reaches
 * kubelets and enabled webhooks; the lb SG reaches NodePorts. Anything wider comes from `extraEgress`.
 */
export function planEgress(input: EgressPlanInput): PlannedRule[] {
  const rules: PlannedRule[] = [];
  const api = portRow("api");
  const kubelet = portRow("kubelet");
  const dns = portRow("dns");
  const nodeport = portRow("nodeport");
  const add = (target: FirewallRole, row: string, protocol: PortProtocol, fromPort: number, toPort: number, peer: Peer, description: string) =>
    rules.push({ target, row, protocol, fromPort, toPort, peer, description });
  for (const target of ["node", "pods"] as const) {
    add(target, api.id, "tcp", api.fromPort, api.toPort, { kind: "sg", role: "cluster" }, "Kubernetes API");
    add(target, kubelet.id, "tcp", kubelet.fromPort, kubelet.toPort, { kind: "sg", role: "cluster" }, "control plane on 10250");
    add(target, target === "node" ? "intra" : "pods", "all", -1, -1, { kind: "self" }, "same security group");
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
      add(target, `egress:${e.name}`, e.protocol, e.fromPort, e.toPort, { kind: "cidr", cidr: e.cidr, role: "config" }, `${e.name}: ${e.justification}`.slice(0, 255));
    }
  }
  add("node", "pods", "all", -1, -1, { kind: "sg", role: "pods" }, "kubelet probes to pods");
  add("cluster", kubelet.id, "tcp", kubelet.fromPort, kubelet.toPort, { kind: "sg", role: "node" }, "control plane to kubelet");
  add("cluster", "intra", "all", -1, -1, { kind: "self" }, "control plane ENIs");
  for (const a of input.addonPorts) {
    for (const peer of ["pods", "node"] as const) add("cluster", `addon:${a.name}`, a.protocol, a.port, a.port, { kind: "sg", role: peer }, `${a.name} webhook`);
  }
  for (const protocol of nodeport.protocols) add("lb", nodeport.id, protocol, nodeport.fromPort, nodeport.toPort, { kind: "sg", role: "node" }, "load balancer to NodePorts");
  return rules;
}
