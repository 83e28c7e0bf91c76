import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { isWorldCidr } from "../network/cidr";
import { FIREWALL_ROLES, peerKey, planEgress, planIngress, type AddonPort, type AwsApiPath, type EgressAllowance, type FirewallRole, type Peer, type PlannedRule } from "./plan";
import { ec2Description } from "./description";
import { ruleTags, sgTags } from "./tags";

export { ec2Description, EC2_DESCRIPTION_MAX_LENGTH, EC2_DESCRIPTION_PATTERN } from "./description";
export { activeRows, planIngress, planEgress, FIREWALL_ROLES, POOL_NETWORK_CLASSES, WORKLOAD_ROLES, type AddonPort, type EgressAllowance, type FirewallRole, type PlannedRule, type Peer, type AwsApiPath } from "./plan";
export { SOURCE_ROLE_TAG, PORT_ROW_TAG, sgTags, ruleTags, type RuleSourceRole } from "./tags";

/** Arguments of {@link Firewall}. */
export interface FirewallArgs {
  /** VPC of the security groups, e.g. `network.vpcId`. */
  readonly vpcId: pulumi.Input<string>;
  /** VPC CIDR (literal): DNS egress target. */
  readonly vpcCidr: string;
  /** Pod CIDR (literal): DNS egress target. */
  readonly podCidr: string;
  /**
   * CIDRs allowed to reach the private API endpoint on 443 (admin VPN, deployer subnets). Never `/0`. Default
   * none.
   */
  readonly apiCidrs?: readonly string[];
  /**
   * SGs owned elsewhere (e.g. a team's load-balancer SG) that may reach NodePorts. Default none. Plain ids, not
   * `pulumi.Input`: each id is part of a rule's resource name, and the pack's `trustedSecurityGroupIds` must list
   * the same literals; read another stack's output with `StackReference.getOutputValue` first.
   */
  readonly trustedSecurityGroupIds?: readonly string[];
  /** Ports of enabled add-ons (webhooks), each justified; opened from the cluster SG only. Default none. */
  readonly addonPorts?: readonly AddonPort[];
  /** How nodes reach AWS APIs: through the Network's endpoints (private-only) or the NAT. */
  readonly awsApis: AwsApiPath;
  /**
   * The Network's VPC-endpoint SG (`network.endpointSecurityGroupId`), the nodes' HTTPS egress target for AWS
   * APIs; required when `awsApis.mode` is `endpoints`, unused with `nat`.
   */
  readonly endpointSecurityGroupId?: pulumi.Input<string>;
  /**
   * S3 gateway-endpoint prefix list (`network.s3PrefixListId`), the nodes' S3 egress target; required when
   * `awsApis.mode` is `endpoints`, unused with `nat`.
   */
  readonly s3PrefixListId?: pulumi.Input<string>;
  /** Egress beyond the defaults, each justified. Default none. */
  readonly extraEgress?: readonly EgressAllowance[];
  /** AWS tags added to every resource the component creates (merged under the component's own tags). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * Cluster, node and pod security groups (a node/pod pair per pool class: general and sensitive) whose ingress is generated from the port table
 * (policy-pack/baseline/ports.ts) and whose egress is restricted. Every SG carries its
 * `hardened-cluster.io/sg-role`; every rule carries the target role, the source role and the table row.
 *
 * The cluster SG is attached to the control-plane ENIs through `vpcConfig.securityGroupIds`. EKS also
 * creates its own cluster SG (all traffic from itself); our nodes do not join it, so only our rules apply
 * to node traffic.
 */
export class Firewall extends pulumi.ComponentResource {
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  readonly podSecurityGroupId: pulumi.Output<string>;
  /** The sensitive pool's own node SG (audit W6): on its launch template instead of {@link Firewall.nodeSecurityGroupId}. */
  readonly sensitiveNodeSecurityGroupId: pulumi.Output<string>;
  /** The sensitive tenants' pod SG, put on their pods by a SecurityGroupPolicy (security groups for pods). */
  readonly sensitivePodSecurityGroupId: pulumi.Output<string>;
  /** The security groups by role. */
  readonly groups: Record<FirewallRole, aws.ec2.SecurityGroup>;
  /** The planned ingress, as data (what the rules were generated from). */
  readonly ingressPlan: PlannedRule[];
  readonly egressPlan: PlannedRule[];

  constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    validateFirewallArgs(args);
    super("hardened-cluster:firewall:Firewall", name, {}, opts);
    const tags = { ...args.tags };
    const descriptions: Record<FirewallRole, string> = {
      cluster: "EKS control plane ENIs: API 443 from nodes, pods and allowlisted CIDRs",
      node: "EKS nodes: kubelet from the control plane, NodePorts from trusted SGs only",
      pods: "Pod ENIs (custom networking / security groups for pods), filtered by NetworkPolicy",
      "sensitive-node": "Sensitive pool nodes: kubelet from the control plane and metrics-server only, no general pool traffic",
      "sensitive-pods": "Sensitive tenant pods (security groups for pods): own pool only, DNS and API out",
    };
    const groups = {} as Record<FirewallRole, aws.ec2.SecurityGroup>;
    for (const role of FIREWALL_ROLES) {
      groups[role] = new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.vpcId, description: ec2Description(descriptions[role]), tags: sgTags(`${name}-${role}`, role, tags) }, { parent: this });
    }
    this.groups = groups;
    this.clusterSecurityGroupId = groups.cluster.id;
    this.nodeSecurityGroupId = groups.node.id;
    this.podSecurityGroupId = groups.pods.id;
    this.sensitiveNodeSecurityGroupId = groups["sensitive-node"].id;
    this.sensitivePodSecurityGroupId = groups["sensitive-pods"].id;

    this.ingressPlan = planIngress({ apiCidrs: args.apiCidrs ?? [], trustedSecurityGroupIds: args.trustedSecurityGroupIds ?? [], addonPorts: args.addonPorts ?? [] });
    this.egressPlan = planEgress({ vpcCidr: args.vpcCidr, podCidr: args.podCidr, awsApis: args.awsApis, addonPorts: args.addonPorts ?? [], extraEgress: args.extraEgress ?? [] });

    const peerArgs = (target: FirewallRole, peer: Peer) => {
      switch (peer.kind) {
        case "self":
          return { referencedSecurityGroupId: groups[target].id };
        case "sg":
          return { referencedSecurityGroupId: peer.role === "endpoint" ? args.endpointSecurityGroupId : groups[peer.role].id };
        case "sg-id":
          return { referencedSecurityGroupId: peer.id };
        case "cidr":
          return { cidrIpv4: peer.cidr };
        case "prefix-list":
          return { prefixListId: args.s3PrefixListId };
      }
    };
    const sourceRole = (target: FirewallRole, peer: Peer) => (peer.kind === "self" ? target : peer.role);
    // Names derive from the rule's content (not its position) so adding an add-on port renames nothing.
    const ruleName = (dir: string, r: PlannedRule) => `${name}-${r.target}-${dir}-${r.row}-${r.protocol}-${peerKey(r.peer)}`.replace(/[^a-zA-Z0-9-]/g, "-");
    const ports = (r: PlannedRule) => (r.protocol === "all" ? { ipProtocol: "-1" } : { ipProtocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort });

    this.ingressPlan.forEach((r) => {
      new aws.vpc.SecurityGroupIngressRule(
        ruleName("in", r),
        { securityGroupId: groups[r.target].id, description: ec2Description(r.description), ...ports(r), ...peerArgs(r.target, r.peer), tags: ruleTags(r.target, sourceRole(r.target, r.peer), r.row, tags) },
        { parent: this },
      );
    });
    this.egressPlan.forEach((r) => {
      new aws.vpc.SecurityGroupEgressRule(
        ruleName("out", r),
        { securityGroupId: groups[r.target].id, description: ec2Description(r.description), ...ports(r), ...peerArgs(r.target, r.peer), tags: ruleTags(r.target, sourceRole(r.target, r.peer), r.row, tags) },
        { parent: this },
      );
    });

    this.registerOutputs({
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
      podSecurityGroupId: this.podSecurityGroupId,
      sensitiveNodeSecurityGroupId: this.sensitiveNodeSecurityGroupId,
      sensitivePodSecurityGroupId: this.sensitivePodSecurityGroupId,
    });
  }
}

function validateFirewallArgs(args: FirewallArgs): void {
  for (const cidr of args.apiCidrs ?? []) {
    if (isWorldCidr(cidr)) throw new Error(`Firewall: apiCidrs contains ${cidr}; list office/VPN CIDRs only, never the world`);
  }
  const seen = new Set<string>();
  for (const a of args.addonPorts ?? []) {
    if (!Number.isInteger(a.port) || a.port < 1 || a.port > 65535) throw new Error(`Firewall: addonPorts ${a.name}.port ${a.port} must be one port 1-65535`);
    if ((a.justification ?? "").trim().length < 20) throw new Error(`Firewall: addonPorts ${a.name}.justification must say why (at least 20 characters)`);
    if (seen.has(a.name)) throw new Error(`Firewall: addonPorts lists ${a.name} twice`);
    seen.add(a.name);
  }
  for (const e of args.extraEgress ?? []) {
    if ((e.justification ?? "").trim().length < 20) throw new Error(`Firewall: extraEgress ${e.name}.justification must say why (at least 20 characters)`);
    if (e.fromPort > e.toPort) throw new Error(`Firewall: extraEgress ${e.name} fromPort > toPort`);
  }
  if (args.awsApis.mode === "endpoints" && (!args.endpointSecurityGroupId || !args.s3PrefixListId)) {
    throw new Error("Firewall: awsApis.mode is endpoints but endpointSecurityGroupId or s3PrefixListId is missing; pass the Network's outputs");
  }
}
