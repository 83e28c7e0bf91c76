/**
 * Issue 16.5: `aws.ec2.SecurityGroupRule` (no tags of its own) was judged as a rule on an untagged group with a
 * source of unknown role, and the fix it offered (tag the rule) cannot be applied. SG-009 reads the roles from the
 * groups the rule refers to, through the stack, and runs SG-001…SG-007 with them.
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";
import { SG, SGR } from "./sg-fixtures";

const group = (name: string, role?: string) => resource(SG, name, { vpcId: "vpc-1", description: name, tags: role ? { [LABELS.sgRole]: role } : {} });
const node = group("node", "node");
const cluster = group("cluster", "cluster");
const lb = group("lb", "lb");
const untagged = group("legacy");

/** A standalone rule on `target` (in the stack, joined through propertyDependencies) from `source`. */
function rule(target: StackResource, props: Record<string, unknown>, source?: StackResource): StackResource {
  return resource(
    SGR,
    "rule",
    { type: "ingress", securityGroupId: `sg-${target.name}`, ...(source ? { sourceSecurityGroupId: `sg-${source.name}` } : {}), ...props },
    { propertyDependencies: { securityGroupId: [target.urn], ...(source ? { sourceSecurityGroupId: [source.urn] } : {}) } },
  );
}
const kubelet = { protocol: "tcp", fromPort: 10250, toPort: 10250 };

const cases: RuleCase[] = [
  { title: "SG-009 ✔ kubelet on the node SG from the cluster SG (roles from the groups' tags)", rule: "SG-009", target: [node, cluster, rule(node, kubelet, cluster)], expect: null },
  { title: "SG-009 ✔ DNS self rule: same group on both sides", rule: "SG-009", target: [node, rule(node, { protocol: "udp", fromPort: 53, toPort: 53 }, node)], expect: null },
  { title: "SG-009 ✔ all traffic with self: true on the node SG", rule: "SG-009", target: [node, rule(node, { protocol: "-1", fromPort: 0, toPort: 0, self: true })], expect: null },
  { title: "SG-009 ✔ NodePorts on the node SG from the lb SG", rule: "SG-009", target: [node, lb, rule(node, { protocol: "tcp", fromPort: 30000, toPort: 32767 }, lb)], expect: null },
  { title: "SG-009 ✔ egress to the cluster SG on 443 (SG-010 with the groups' roles)", rule: "SG-009", target: [node, cluster, rule(node, { type: "egress", protocol: "tcp", fromPort: 443, toPort: 443 }, cluster)], expect: null },
  { title: "SG-009 ✘ kubelet on the node SG from the lb SG", rule: "SG-009", target: [node, lb, rule(node, kubelet, lb)], expect: mandatory("fails SG-006") },
  { title: "SG-009 ✘ NodePorts on the node SG from the world", rule: "SG-009", target: [node, rule(node, { protocol: "tcp", fromPort: 30000, toPort: 32767, cidrBlocks: ["0.0.0.0/0"] })], expect: mandatory("fails SG-002") },
  { title: "SG-009 ✘ IPv6 world on the node SG", rule: "SG-009", target: [node, rule(node, { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] })], expect: mandatory("ipv6CidrBlocks[0]") },
  { title: "SG-009 ✘ kubelet on an untagged group names the group's tag as the fix", rule: "SG-009", target: [untagged, cluster, rule(untagged, kubelet, cluster)], expect: mandatory("fails SG-001") },
  {
    title: "SG-009 ✔ group outside the stack listed in lbSecurityGroupIds: an allowlisted world listener",
    rule: "SG-009",
    target: resource(SGR, "rule", { type: "ingress", securityGroupId: "sg-alb", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }),
    config: { lbSecurityGroupIds: ["sg-alb"], publicIngressAllowlist: [{ port: 443, protocol: "tcp", justification: "public web entry point behind WAF" }] },
    expect: null,
  },
  {
    title: "SG-009 ✘ group tag unknown at preview is cannot-verify",
    rule: "SG-009",
    target: [previewed(resource(SG, "node", { tags: { [LABELS.sgRole]: sdkProxy.unknownStringValue } })), rule(node, kubelet)],
    expect: advisory("cannot verify"),
  },
];

describe("SG-009 judges aws.ec2.SecurityGroupRule with its groups' roles", () => {
  runCases(cases);

  it("SG-001…SG-007 no longer judge the tagless form alone (it was a false alarm: untagged group, unknown source)", () => {
    const r = rule(node, kubelet, cluster);
    for (const id of ["SG-001", "SG-002", "SG-003", "SG-004", "SG-005", "SG-006", "SG-007"]) expect(violationsOf(id, r)).toEqual([]);
  });

  it("following the remediation (tag the rule's group) fixes the finding", () => {
    const [before] = violationsOf("SG-009", [untagged, cluster, rule(untagged, kubelet, cluster)]);
    expect(before.remediation).toContain("the group whose id is securityGroupId");
    expect(before.remediation).toContain(`${LABELS.sgRole}=`);
    expect(before.remediation).not.toMatch(/on the rule|tag this rule/);
    const tagged = group("legacy", "node");
    expect(violationsOf("SG-009", [tagged, cluster, rule(tagged, kubelet, cluster)])).toEqual([]);
  });

  it("following the source-role fix (tag the source group) fixes an unknown-role source", () => {
    const peer = group("peer");
    const vs = violationsOf("SG-009", [node, peer, rule(node, kubelet, peer)]);
    const v = vs.find((x) => x.message.includes("fails SG-006"))!;
    expect(v.remediation).toContain("the group whose id is sourceSecurityGroupId");
    expect(v.remediation).toContain(`${LABELS.sgRole}=cluster`);
    const fixed = group("peer", "cluster");
    expect(violationsOf("SG-009", [node, fixed, rule(node, kubelet, fixed)])).toEqual([]);
  });
});
