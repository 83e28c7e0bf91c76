import { LABELS } from "../../../policy-pack/baseline/labels";
import { ingressView } from "../../../policy-pack/core/security-groups";
import { resolveConfig } from "../../../policy-pack/core/config";
import { resource } from "../../support/rules";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";

import { SG, SGR, VIR, fromSg, inline, sgr, tcp, vir } from "./sg-fixtures";

describe("SG normalisation (three forms → IngressRule)", () => {
  const config = resolveConfig({});
  const silent = () => undefined;
  it("reads inline ingress with every source kind", () => {
    const view = ingressView(
      inline("node", { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["::/0"], securityGroups: ["sg-a"], self: true, prefixListIds: ["pl-1"] }),
      config,
      silent,
    );
    expect(view.role).toBe("node");
    expect(view.rules[0].sources.map((s) => s.kind)).toEqual(["cidr", "cidr", "self", "sg", "prefixList"]);
  });
  it("treats SecurityGroupRule with source = own SG as self and skips egress", () => {
    expect(ingressView(sgr({ protocol: "6", fromPort: 53, toPort: 53, sourceSecurityGroupId: "sg-target" }), config, silent).rules[0].sources[0].kind).toBe("self");
    expect(ingressView(resource(SGR, "e", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), config, silent).rules).toEqual([]);
  });
  it("reads the source role tag and all-traffic ports of SecurityGroupIngressRule", () => {
    const view = ingressView(vir("pods", { ipProtocol: "-1", ...fromSg() }, "node"), config, silent);
    expect(view.rules[0]).toMatchObject({ protocol: "all", fromPort: 0, toPort: 65535, sources: [{ kind: "sg", role: "node" }] });
  });
  it("maps config lbSecurityGroupIds to role lb for untagged rules", () => {
    expect(ingressView(sgr({ securityGroupId: "sg-alb", protocol: "tcp", fromPort: 443, toPort: 443 }), resolveConfig({ lbSecurityGroupIds: ["sg-alb"] }), silent).role).toBe("lb");
  });
});

const trusted = { trustedCidrs: ["203.0.113.0/24"] };

const cases: RuleCase[] = [
  // SG-001
  { title: "SG-001 ✔ TCP 10250 from cluster SG on node SG", rule: "SG-001", target: vir("node", { ...tcp(10250), ...fromSg() }, "cluster"), expect: null },
  { title: "SG-001 ✘ TCP 8080 from node SG", rule: "SG-001", target: vir("node", { ...tcp(8080), ...fromSg() }, "node"), expect: mandatory("fromPort") },
  { title: "SG-001 ✔ all traffic from self (intra), inline", rule: "SG-001", target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, self: true }), expect: null },
  { title: "SG-001 ✘ untagged SG accepts only self traffic (443 from VPC CIDR)", rule: "SG-001", target: inline(undefined, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }), expect: mandatory(LABELS.sgRole) },
  { title: "SG-001 ✔ endpoint SG 443 from VPC CIDR", rule: "SG-001", target: vir("endpoint", { ...tcp(443), cidrIpv4: "10.0.0.0/16" }), expect: null },
  { title: "SG-001 ✘ endpoint SG 443 from a public CIDR", rule: "SG-001", target: vir("endpoint", { ...tcp(443), cidrIpv4: "8.8.8.0/24" }), expect: mandatory("cidrIpv4") },
  { title: "SG-001 ✔ pods SG all traffic from node SG", rule: "SG-001", target: vir("pods", { ipProtocol: "-1", ...fromSg() }, "node"), expect: null },
  { title: "SG-001 ✔ cluster SG 443 from pods SG (api row)", rule: "SG-001", target: vir("cluster", { ...tcp(443), ...fromSg() }, "pods"), expect: null },
  { title: "SG-001 ✔ lb SG 443 from trusted CIDR", rule: "SG-001", target: vir("lb", { ...tcp(443), cidrIpv4: "203.0.113.0/25" }), config: trusted, expect: null },
  { title: "SG-001 ✘ lb SG 8443 from trusted CIDR", rule: "SG-001", target: vir("lb", { ...tcp(8443), cidrIpv4: "203.0.113.0/25" }), config: trusted, expect: mandatory("lbListenerPorts") },
  { title: "SG-001 ✘ kubelet from SG of unknown role explains the tag", rule: "SG-001", target: inline(undefined, { protocol: "tcp", fromPort: 10250, toPort: 10250, securityGroups: ["sg-123"] }), expect: mandatory(LABELS.sourceRole) },
  { title: "SG-001 ✔ untagged SG all traffic self", rule: "SG-001", target: inline(undefined, { protocol: "-1", fromPort: 0, toPort: 0, self: true }), expect: null },
  {
    title: "SG-001 ✔ justified extraPorts row (webhook 9443 from cluster SG)",
    rule: "SG-001",
    target: vir("node", { ...tcp(9443), ...fromSg() }, "cluster"),
    config: { extraPorts: [{ name: "webhook", protocol: "tcp", fromPort: 9443, toPort: 9443, justification: "admission webhook served by pods on nodes" }] },
    expect: null,
  },
  { title: "SG-001 ✘ ICMP without an extra row", rule: "SG-001", target: vir("node", { ipProtocol: "icmp", fromPort: -1, toPort: -1, cidrIpv4: "10.0.0.0/8" }), expect: mandatory("port-table") },
  { title: "SG-001 ✘ etcd on EKS", rule: "SG-001", target: vir("node", { ...tcp(2379, 2380), ...fromSg() }, "node"), expect: mandatory("not a port-table row") },
  { title: "SG-001 ✘ kubelet from lb SG", rule: "SG-001", target: vir("node", { ...tcp(10250), ...fromSg() }, "lb"), expect: mandatory("referencedSecurityGroupId") },
  // Row lb-targets: load balancers reach pods only on the declared target ports (lbTargetPorts), never its envelope.
  { title: "SG-001 ✔ pods SG 8080 from lb SG (declared lbTargetPorts)", rule: "SG-001", target: vir("pods", { ...tcp(8080), ...fromSg("sg-alb") }, "lb"), config: { lbTargetPorts: [8080] }, expect: null },
  { title: "SG-001 ✘ pods SG 9090 from lb SG (not a declared target port)", rule: "SG-001", target: vir("pods", { ...tcp(9090), ...fromSg("sg-alb") }, "lb"), config: { lbTargetPorts: [8080] }, expect: mandatory("referencedSecurityGroupId") },
  { title: "SG-001 ✘ pods SG 8080 from lb SG without declared target ports", rule: "SG-001", target: vir("pods", { ...tcp(8080), ...fromSg("sg-alb") }, "lb"), expect: mandatory("referencedSecurityGroupId") },
  // SG-002
  { title: "SG-002 ✘ node SG NodePorts from 0.0.0.0/0 (inline)", rule: "SG-002", target: inline("node", { protocol: "tcp", fromPort: 30000, toPort: 32767, cidrBlocks: ["0.0.0.0/0"] }), expect: mandatory("ingress[0].cidrBlocks[0]") },
  { title: "SG-002 ✘ IPv6 world (SecurityGroupIngressRule)", rule: "SG-002", target: vir("node", { ...tcp(443), cidrIpv6: "::/0" }), expect: mandatory("cidrIpv6") },
  { title: "SG-002 ✘ IPv6 world (inline, untagged SG)", rule: "SG-002", target: inline(undefined, { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }), expect: mandatory("ipv6CidrBlocks[0]") },
  {
    title: "SG-002 ✔ public ALB 443 via allowlist",
    rule: "SG-002",
    target: vir("lb", { ...tcp(443), cidrIpv4: "0.0.0.0/0" }),
    config: { publicIngressAllowlist: [{ port: 443, protocol: "tcp", justification: "public storefront served by the ALB" }] },
    expect: null,
  },
  { title: "SG-002 ✘ lb 443 world without allowlist", rule: "SG-002", target: vir("lb", { ...tcp(443), cidrIpv4: "0.0.0.0/0" }), expect: mandatory("publicIngressAllowlist") },
  { title: "SG-002 ✔ trusted CIDR", rule: "SG-002", target: vir("lb", { ...tcp(443), cidrIpv4: "203.0.113.0/24" }), expect: null },
  // SG-003
  { title: "SG-003 ✘ etcd 2379 from VPC CIDR on EKS", rule: "SG-003", target: inline("node", { protocol: "tcp", fromPort: 2379, toPort: 2379, cidrBlocks: ["10.0.0.0/16"] }), expect: mandatory("etcd") },
  { title: "SG-003 ✘ range overlapping etcd", rule: "SG-003", target: vir("node", { ...tcp(2000, 3000), ...fromSg() }, "node"), expect: mandatory("fromPort") },
  { title: "SG-003 ✔ kubelet only", rule: "SG-003", target: vir("node", { ...tcp(10250), ...fromSg() }, "cluster"), expect: null },
  { title: "SG-003 ✔ all traffic from self", rule: "SG-003", target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, self: true }), expect: null },
  { title: "SG-003 ✔ self-managed etcd from self", rule: "SG-003", target: inline(undefined, { protocol: "tcp", fromPort: 2379, toPort: 2380, self: true }), config: { controlPlane: "self-managed" }, expect: null },
  { title: "SG-003 ✘ self-managed etcd from node SG", rule: "SG-003", target: vir("control-plane", { ...tcp(2379, 2380), ...fromSg() }, "node"), config: { controlPlane: "self-managed" }, expect: mandatory("self: true") },
  // SG-004
  { title: "SG-004 ✘ -1 from 10.0.0.0/8 (inline)", rule: "SG-004", target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }), expect: mandatory("ingress[0].protocol") },
  { title: "SG-004 ✘ \"all\" from CIDR (SecurityGroupIngressRule)", rule: "SG-004", target: vir("node", { ipProtocol: "all", cidrIpv4: "10.0.0.0/8" }), expect: mandatory("ipProtocol") },
  { title: "SG-004 ✔ -1 with self: true", rule: "SG-004", target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, self: true }), expect: null },
  { title: "SG-004 ✘ tcp 0-65535 from CIDR", rule: "SG-004", target: inline(undefined, { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/16"] }), expect: mandatory("fromPort") },
  { title: "SG-004 ✘ protocol \"6\" 1025-65535", rule: "SG-004", target: inline("node", { protocol: "6", fromPort: 1025, toPort: 65535, cidrBlocks: ["10.0.0.0/16"] }), expect: mandatory("ingress[0].fromPort") },
  { title: "SG-004 ✔ pods SG all from node SG", rule: "SG-004", target: vir("pods", { ipProtocol: "-1", ...fromSg() }, "node"), expect: null },
  { title: "SG-004 ✘ node SG all from another node SG", rule: "SG-004", target: vir("node", { ipProtocol: "-1", ...fromSg() }, "node"), expect: mandatory("referencedSecurityGroupId") },
  { title: "SG-004 ✔ NodePort range exactly the row", rule: "SG-004", target: vir("node", { ...tcp(30000, 32767), ...fromSg() }, "lb"), expect: null },
  // SG-005
  { title: "SG-005 ✘ UDP 53 from 10.0.0.0/16", rule: "SG-005", target: vir("node", { ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "10.0.0.0/16" }), expect: mandatory("cidrIpv4") },
  {
    title: "SG-005 ✔ TCP and UDP 53 from self",
    rule: "SG-005",
    target: inline("node", { protocol: "tcp", fromPort: 53, toPort: 53, self: true }, { protocol: "udp", fromPort: 53, toPort: 53, self: true }),
    expect: null,
  },
  { title: "SG-005 ✔ protocol \"17\" 53 from node SG", rule: "SG-005", target: vir("node", { ipProtocol: "17", fromPort: 53, toPort: 53, ...fromSg() }, "node"), expect: null },
  { title: "SG-005 ✘ DNS from a trusted CIDR", rule: "SG-005", target: vir("node", { ipProtocol: "tcp", fromPort: 53, toPort: 53, cidrIpv4: "203.0.113.0/24" }), config: trusted, expect: mandatory("DNS") },
  // SG-006
  { title: "SG-006 ✔ kubelet from cluster SG", rule: "SG-006", target: vir("node", { ...tcp(10250), ...fromSg("sg-cluster") }, "cluster"), expect: null },
  { title: "SG-006 ✘ kubelet from lb SG", rule: "SG-006", target: vir("node", { ...tcp(10250), ...fromSg("sg-alb") }, "lb"), expect: mandatory("referencedSecurityGroupId") },
  { title: "SG-006 ✘ kubelet from CIDR", rule: "SG-006", target: inline("node", { protocol: "tcp", fromPort: 10250, toPort: 10250, cidrBlocks: ["10.0.0.0/16"] }), expect: mandatory("ingress[0].cidrBlocks[0]") },
  { title: "SG-006 ✘ kubelet from another node SG (ids known, different)", rule: "SG-006", target: vir("node", { ...tcp(10250), ...fromSg("sg-other-node") }, "node"), expect: mandatory("role node") },
  { title: "SG-006 ✔ kubelet self-reference by id", rule: "SG-006", target: vir("node", { ...tcp(10250), ...fromSg("sg-target") }, "node"), expect: null },
  { title: "SG-006 ✔ kubelet with explicit source-role self", rule: "SG-006", target: vir("node", { ...tcp(10250), ...fromSg("sg-x") }, "self"), expect: null },
  // SG-007
  { title: "SG-007 ✘ NodePort from 0.0.0.0/0", rule: "SG-007", target: inline(undefined, { protocol: "tcp", fromPort: 30000, toPort: 32767, cidrBlocks: ["0.0.0.0/0"] }), expect: mandatory("cidrBlocks[0]") },
  { title: "SG-007 ✔ NodePort from ALB SG", rule: "SG-007", target: vir("node", { ...tcp(30000, 32767), ...fromSg("sg-alb") }, "lb"), expect: null },
  { title: "SG-007 ✔ NodePort from trusted CIDR", rule: "SG-007", target: vir("node", { ...tcp(30080), cidrIpv4: "203.0.113.0/24" }), config: trusted, expect: null },
  { title: "SG-007 ✔ NodePort from trustedSecurityGroupIds", rule: "SG-007", target: inline(undefined, { protocol: "udp", fromPort: 30000, toPort: 32767, securityGroups: ["sg-shared-alb"] }), config: { trustedSecurityGroupIds: ["sg-shared-alb"] }, expect: null },
  { title: "SG-007 ✘ NodePort from VPC CIDR", rule: "SG-007", target: vir("node", { ...tcp(30000, 32767), cidrIpv4: "10.0.0.0/16" }), expect: mandatory("cidrIpv4") },
];

describe("SG rules", () => {
  runCases(cases);
});

describe("SG-008 sg-no-rule-management-conflicts (stack)", () => {
  const group = inline("node", { protocol: "-1", fromPort: 0, toPort: 0, self: true });
  const standalone = resource(VIR, "kubelet", { ...tcp(10250), securityGroupId: "unknown" }, { propertyDependencies: { securityGroupId: [group.urn] } });
  const bare = resource(SG, "bare", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" } });
  const standaloneOnBare = resource(VIR, "k2", { ...tcp(10250) }, { propertyDependencies: { securityGroupId: [bare.urn] } });
  runCases([
    { title: "SG-008 ✘ inline ingress mixed with a standalone rule", rule: "SG-008", target: [group, standalone], expect: advisory("ingress") },
    { title: "SG-008 ✔ standalone rules only", rule: "SG-008", target: [bare, standaloneOnBare], expect: null },
    { title: "SG-008 ✔ inline only", rule: "SG-008", target: [group], expect: null },
  ]);
  it("attaches the finding to the security group's URN", () => {
    const { violationsOf } = require("../../support/rules") as typeof import("../../support/rules");
    expect(violationsOf("SG-008", [group, standalone])[0].urn).toBe(group.urn);
  });
});
