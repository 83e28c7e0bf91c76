/**
 * Issue 16.5: security-group egress was not judged. SG-010 allows a node or pod SG only the destinations the port
 * table documents for its role (plus the AWS API paths and config extraEgress); HTTPS to 0.0.0.0/0 only in NAT mode.
 */
import { planEgress, type PlannedRule } from "../../../components/firewall/plan";
import { ruleTags } from "../../../components/firewall/tags";
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";
import { SG, SGR } from "./sg-fixtures";

const VER = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
/** A `vpc.SecurityGroupEgressRule` on an SG of `role`, to a destination of `destRole` (source-role tag). */
const out = (role: string, props: Record<string, unknown>, destRole?: string) =>
  resource(VER, "out", { securityGroupId: `sg-${role}`, tags: { [LABELS.sgRole]: role, ...(destRole ? { [LABELS.sourceRole]: destRole } : {}) }, ...props });
const tcp = (port: number) => ({ ipProtocol: "tcp", fromPort: port, toPort: port });
const inline = (role: string, ...egress: Record<string, unknown>[]) => resource(SG, "sg", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: role }, egress });
const nat: Partial<PackConfig> = { awsApiPath: "nat" };

const cases: RuleCase[] = [
  { title: "SG-010 ✔ node → cluster SG on 443 (api row)", rule: "SG-010", target: out("node", { ...tcp(443), referencedSecurityGroupId: "sg-cluster" }, "cluster"), expect: null },
  { title: "SG-010 ✔ pods → cluster SG on 443 (api row)", rule: "SG-010", target: out("pods", { ...tcp(443), referencedSecurityGroupId: "sg-cluster" }, "cluster"), expect: null },
  { title: "SG-010 ✔ pods → node SG on 10250 (port-table row kubelet-pods: metrics-server)", rule: "SG-010", target: out("pods", { ...tcp(10250), referencedSecurityGroupId: "sg-node" }, "node"), expect: null },
  { title: "SG-010 ✔ node → cluster SG on 10250 (EKS minimum node egress)", rule: "SG-010", target: out("node", { ...tcp(10250), referencedSecurityGroupId: "sg-cluster" }, "cluster"), expect: null },
  { title: "SG-010 ✔ node → itself, all traffic (intra row)", rule: "SG-010", target: out("node", { ipProtocol: "-1", referencedSecurityGroupId: "sg-node" }, "node"), expect: null },
  { title: "SG-010 ✔ node → pod SG, all traffic (pods row)", rule: "SG-010", target: out("node", { ipProtocol: "-1", referencedSecurityGroupId: "sg-pods" }, "pods"), expect: null },
  { title: "SG-010 ✔ DNS to the VPC CIDR", rule: "SG-010", target: out("pods", { ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "10.0.0.0/16" }, "vpc-cidr"), expect: null },
  { title: "SG-010 ✔ HTTPS to the endpoint SG", rule: "SG-010", target: out("node", { ...tcp(443), referencedSecurityGroupId: "sg-endpoints" }, "endpoint"), expect: null },
  { title: "SG-010 ✔ HTTPS to the S3 prefix list", rule: "SG-010", target: out("node", { ...tcp(443), prefixListId: "pl-63a5400a" }, "aws-apis"), expect: null },
  { title: "SG-010 ✔ HTTPS to 0.0.0.0/0 in NAT mode", rule: "SG-010", target: out("node", { ...tcp(443), cidrIpv4: "0.0.0.0/0" }, "aws-apis"), config: nat, expect: null },
  {
    title: "SG-010 ✔ config extraEgress (corporate proxy)",
    rule: "SG-010",
    target: out("node", { ...tcp(3128), cidrIpv4: "192.0.2.10/32" }, "config"),
    config: { extraEgress: [{ name: "proxy", protocol: "tcp", fromPort: 3128, toPort: 3128, cidr: "192.0.2.0/24", justification: "corporate egress proxy for package mirrors" }] },
    expect: null,
  },
  { title: "SG-010 ✔ lb SG egress is not restricted by this rule", rule: "SG-010", target: out("lb", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }), expect: null },
  { title: "SG-010 ✘ HTTPS to 0.0.0.0/0 with private-only endpoints", rule: "SG-010", target: out("node", { ...tcp(443), cidrIpv4: "0.0.0.0/0" }, "aws-apis"), expect: mandatory("cidrIpv4 = 0.0.0.0/0") },
  { title: "SG-010 ✘ all traffic to the world (the AWS default egress) on a node SG", rule: "SG-010", target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), config: nat, expect: mandatory("egress[0].cidrBlocks[0]") },
  { title: "SG-010 ✘ all traffic to the VPC CIDR", rule: "SG-010", target: out("pods", { ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" }, "vpc-cidr"), expect: mandatory("all traffic") },
  { title: "SG-010 ✘ pods → node SG on TCP 10255 (read-only kubelet, no port-table row)", rule: "SG-010", target: out("pods", { ...tcp(10255), referencedSecurityGroupId: "sg-node" }, "node"), expect: mandatory("10255") },
  { title: "SG-010 ✘ SSH to a public CIDR", rule: "SG-010", target: out("node", { ...tcp(22), cidrIpv4: "198.51.100.0/24" }, "config"), expect: mandatory("tcp 22") },
];

/** The Firewall's egress plan as the resources it registers (vpc.SecurityGroupEgressRule with its tags). */
function planned(mode: "endpoints" | "nat"): StackResource[] {
  const plan = planEgress({ vpcCidr: "10.0.0.0/16", podCidr: "100.64.0.0/16", awsApis: { mode }, addonPorts: [{ name: "lbc", protocol: "tcp", port: 9443, justification: "aws-load-balancer-controller webhook" }], extraEgress: [] });
  const peer = (r: PlannedRule) => {
    switch (r.peer.kind) {
      case "self":
        return { referencedSecurityGroupId: `sg-${r.target}` };
      case "sg":
        return { referencedSecurityGroupId: `sg-${r.peer.role}` };
      case "sg-id":
        return { referencedSecurityGroupId: r.peer.id };
      case "cidr":
        return { cidrIpv4: r.peer.cidr };
      case "prefix-list":
        return { prefixListId: "pl-63a5400a" };
    }
  };
  return plan.map((r, i) =>
    resource(VER, `out-${i}`, {
      securityGroupId: `sg-${r.target}`,
      ...(r.protocol === "all" ? { ipProtocol: "-1" } : { ipProtocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort }),
      ...peer(r),
      tags: ruleTags(r.target, r.peer.kind === "self" ? r.target : r.peer.role, r.row),
    }),
  );
}

describe("SG-010 restricted egress", () => {
  runCases(cases);

  it.each(["endpoints", "nat"] as const)("accepts every rule of the Firewall's %s egress plan (today's stacks)", (mode) => {
    const rules = planned(mode);
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.flatMap((r) => violationsOf("SG-010", r, { awsApiPath: mode }))).toEqual([]);
  });

  it("flags the NAT plan's HTTPS-to-the-world rules when the pack is told the stack is private-only", () => {
    const vs = planned("nat").flatMap((r) => violationsOf("SG-010", r, { awsApiPath: "endpoints" }));
    expect(vs.length).toBe(4); // node and pods of both pool classes (general, sensitive)
    expect(vs.every((v) => v.message.includes("0.0.0.0/0"))).toBe(true);
  });

  it("judges ec2.SecurityGroupRule egress through SG-009 with the group's role from the stack", () => {
    const node = resource(SG, "node", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" } });
    const rule = resource(SGR, "world", { type: "egress", securityGroupId: "sg-node", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, { propertyDependencies: { securityGroupId: [node.urn] } });
    const vs = violationsOf("SG-009", [node, rule]);
    expect(vs.map((v) => v.message)).toEqual([expect.stringContaining("fails SG-010")]);
    expect(vs[0].level).toBe("mandatory");
  });
});
