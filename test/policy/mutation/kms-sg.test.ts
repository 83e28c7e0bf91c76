/**
 * Boundary and branch cases found by mutation testing (Stryker) for KMS-001..003, SG-002 and SG-008:
 * each row pins a verdict users rely on (exact thresholds, explicit defaults, allowlist scope, the
 * egress/ingress split of standalone rules) that the catalog tables did not yet exercise.
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { advisory, mandatory, runCases, type RuleCase } from "../aws/cases";

/** Internal API of @pulumi/policy 1.21.0 (pinned): the preview proxy and its unknown sentinels. */
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T extends object>(o: T): T; unknownStringValue: string; unknownBooleanValue: string; unknownNumberValue: string; unknownArrayValue: string };
const previewed = (r: StackResource): StackResource => ({ ...r, props: proxy.unknownCheckingProxy(r.props) });

const KEY = "aws:kms/key:Key";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SGR = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VIR = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const VER = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

const key = (p: Record<string, unknown>) => resource(KEY, "k", p);
const world443 = (role: string) => resource(VIR, "w", { securityGroupId: "sg-t", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", tags: { [LABELS.sgRole]: role } });
const allow443 = { publicIngressAllowlist: [{ port: 443, protocol: "tcp" as const, justification: "public storefront served by the ALB" }] };

const kmsCases: RuleCase[] = [
  { title: "KMS-001 ✘ explicit SYMMETRIC_DEFAULT without rotation", rule: "KMS-001", target: key({ customerMasterKeySpec: "SYMMETRIC_DEFAULT" }), expect: mandatory("enableKeyRotation", 1) },
  { title: "KMS-001 ✘ null key spec (= symmetric default) without rotation", rule: "KMS-001", target: key({ customerMasterKeySpec: null }), expect: mandatory("absent (default false)", 1) },
  { title: "KMS-001 ✘ rotation explicitly false", rule: "KMS-001", target: key({ enableKeyRotation: false }), expect: mandatory("enableKeyRotation is false", 1) },
  { title: "KMS-001 ✔ rotation period exactly maxRotationDays (365)", rule: "KMS-001", target: key({ enableKeyRotation: true, rotationPeriodInDays: 365 }), expect: null },
  { title: "KMS-001 ✘ rotation period one day over maxRotationDays", rule: "KMS-001", target: key({ enableKeyRotation: true, rotationPeriodInDays: 366 }), expect: mandatory("maxRotationDays 365", 1) },
  { title: "KMS-001 ✘ period within default but over a stricter config", rule: "KMS-001", target: key({ enableKeyRotation: true, rotationPeriodInDays: 180 }), config: { maxRotationDays: 90 }, expect: mandatory("maxRotationDays 90", 1) },
  { title: "KMS-001 ✘ no rotation and too long a period: two findings", rule: "KMS-001", target: key({ rotationPeriodInDays: 730 }), expect: mandatory("rotationPeriodInDays", 2) },
  { title: "KMS-002 ✘ window one day below the default minimum", rule: "KMS-002", target: key({ deletionWindowInDays: 29 }), expect: mandatory("minDeletionWindowDays 30", 1) },
  { title: "KMS-002 ✔ window exactly a relaxed minimum", rule: "KMS-002", target: key({ deletionWindowInDays: 7 }), config: { minDeletionWindowDays: 7 }, expect: null },
  { title: "KMS-003 ✔ bypass explicitly false", rule: "KMS-003", target: key({ bypassPolicyLockoutSafetyCheck: false }), expect: null },
];

describe("KMS rules: thresholds and explicit defaults", () => {
  runCases(kmsCases);
  it("KMS-001 an unknown rotation flag is deferred (advisory), never a mandatory failure", () => {
    const vs = violationsOf("KMS-001", previewed(key({ enableKeyRotation: proxy.unknownBooleanValue })));
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
  });
  it.each([
    ["KMS-001", "rotationPeriodInDays", { enableKeyRotation: true }],
    ["KMS-002", "deletionWindowInDays", {}],
  ] as const)("%s an unknown %s is deferred (advisory naming the field), not compared", (rule, field, props) => {
    const vs = violationsOf(rule, previewed(key({ ...props, [field]: proxy.unknownNumberValue })));
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("advisory");
    expect(vs[0].message).toContain(field);
  });
  it("KMS-001 an unknown key spec is deferred, not judged as symmetric", () => {
    const vs = violationsOf("KMS-001", previewed(key({ customerMasterKeySpec: proxy.unknownStringValue })));
    expect(vs.every((v) => v.level === "advisory")).toBe(true);
    expect(vs.length).toBe(1);
  });
});

const sg002Cases: RuleCase[] = [
  { title: "SG-002 ✘ allowlisted listener port is still closed on a node SG", rule: "SG-002", target: world443("node"), config: allow443, expect: mandatory("allowed only on lb SGs", 1) },
  { title: "SG-002 ✘ lb SG world on a port the allowlist does not name", rule: "SG-002", target: resource(VIR, "w", { securityGroupId: "sg-t", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0", tags: { [LABELS.sgRole]: "lb" } }), config: allow443, expect: mandatory("publicIngressAllowlist", 1) },
  { title: "SG-002 ✔ source security group is never world", rule: "SG-002", target: resource(VIR, "s", { securityGroupId: "sg-t", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-src", tags: { [LABELS.sgRole]: "node", [LABELS.sourceRole]: "cluster" } }), expect: null },
  { title: "SG-002 ✔ private CIDR on a node SG", rule: "SG-002", target: resource(VIR, "p", { securityGroupId: "sg-t", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16", tags: { [LABELS.sgRole]: "node" } }), expect: null },
];

describe("SG-002 world ingress: allowlist scope", () => {
  runCases(sg002Cases);
});

describe("SG-008 inline vs standalone rules: which standalone rules conflict", () => {
  const group = resource(SG, "grp", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" }, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });
  const emptyInline = resource(SG, "empty", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" }, ingress: [] });
  const other = resource(SG, "other", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" }, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });
  const on = (sg: StackResource) => ({ propertyDependencies: { securityGroupId: [sg.urn] } });
  const sgrIngress = resource(SGR, "kubelet", { type: "ingress", protocol: "tcp", fromPort: 10250, toPort: 10250 }, on(group));
  const sgrEgress = resource(SGR, "out", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, on(group));
  const vpcEgress = resource(VER, "out2", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, on(group));
  const virA = resource(VIR, "rule-a", { ipProtocol: "tcp", fromPort: 443, toPort: 443 }, on(group));
  const virB = resource(VIR, "rule-b", { ipProtocol: "tcp", fromPort: 10250, toPort: 10250 }, on(group));
  runCases([
    { title: "SG-008 ✘ inline ingress + standalone SecurityGroupRule of type ingress", rule: "SG-008", target: [group, sgrIngress], expect: advisory("kubelet", 1) },
    { title: "SG-008 ✔ inline ingress + standalone SecurityGroupRule of type egress", rule: "SG-008", target: [group, sgrEgress], expect: null },
    { title: "SG-008 ✔ inline ingress + standalone SecurityGroupEgressRule", rule: "SG-008", target: [group, vpcEgress], expect: null },
    { title: "SG-008 ✔ empty inline ingress list + standalone rule", rule: "SG-008", target: [emptyInline, resource(VIR, "r", { ipProtocol: "tcp", fromPort: 443, toPort: 443 }, on(emptyInline))], expect: null },
    { title: "SG-008 ✔ standalone rule targets a different SG than the inline one", rule: "SG-008", target: [other, virA], expect: null },
    { title: "SG-008 ✘ names every standalone rule on the group", rule: "SG-008", target: [group, virA, virB], expect: advisory("standalone rule(s) rule-a, rule-b;", 1) },
  ]);
  it("SG-008 an SG whose inline ingress is unknown at preview is still flagged (cannot rule out the conflict)", () => {
    const unknownInline = previewed(resource(SG, "u", { vpcId: "vpc-1", ingress: proxy.unknownArrayValue }));
    const vs = violationsOf("SG-008", [unknownInline, resource(VIR, "r", { ipProtocol: "tcp", fromPort: 443, toPort: 443 }, on(unknownInline))]);
    expect(vs).toHaveLength(1);
    expect(vs[0].urn).toBe(unknownInline.urn);
  });
});
