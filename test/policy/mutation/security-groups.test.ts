/**
 * Normalisation and matching edge cases found by mutation testing (Stryker) on policy-pack/core/security-groups.ts.
 * SG-001…SG-007 see ingress only through `ingressView` and judge it with `sourceKinds`, `permittingRow`,
 * `lbPermits` and friends, so each case pins what the rules rely on: which rules and sources a resource
 * yields (and which it leaves out), which field an unknown-at-preview finding names, and where the
 * port-table, listener and allowlist boundaries lie.
 */
import { LABELS, type SecurityGroupRole } from "../../../policy-pack/baseline/labels";
import { resolveConfig, type ExtraPort, type PackConfig } from "../../../policy-pack/core/config";
import {
  describeSource,
  describeTraffic,
  ingressView,
  lbPermits,
  overlapsPorts,
  permittingRow,
  publicAllowlisted,
  SG_TYPES,
  sourceKinds,
  type IngressRule,
  type IngressSource,
} from "../../../policy-pack/core/security-groups";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";

const SG = SG_TYPES.securityGroup;
const SGR = SG_TYPES.securityGroupRule;
const VIR = SG_TYPES.ingressRule;
const U = sdkProxy.unknownStringValue;
const UN = sdkProxy.unknownNumberValue;
const UB = sdkProxy.unknownBooleanValue;
const UA = sdkProxy.unknownArrayValue;
const UO = sdkProxy.unknownObjectValue;

/** ingressView of one resource, with the messages it reported; `preview` puts props behind the SDK's proxy. */
function view(type: string, props: Record<string, unknown>, opts: { config?: Partial<PackConfig>; preview?: boolean } = {}) {
  const found: string[] = [];
  const r = resource(type, "r", props);
  const v = ingressView(opts.preview ? previewed(r) : r, resolveConfig(opts.config ?? {}), (f) => found.push(typeof f === "string" ? f : f.message));
  return { role: v.role, rules: v.rules, found };
}
const inline = (ingress: unknown, tags: Record<string, unknown> = { [LABELS.sgRole]: "node" }) => ({ vpcId: "vpc-1", tags, ingress });
const sgr = (props: Record<string, unknown>) => ({ type: "ingress", protocol: "tcp", fromPort: 10250, toPort: 10250, ...props });
const vir = (props: Record<string, unknown>, tags: Record<string, unknown> = { [LABELS.sgRole]: "node" }) => ({
  securityGroupId: "sg-own",
  ipProtocol: "tcp",
  fromPort: 10250,
  toPort: 10250,
  tags,
  ...props,
});
const cannotVerify = (field: string) => `cannot verify ${field} at preview`;

/** Props without the keys set to undefined (an absent field, as opposed to one present but unset). */
const absent = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
/** One normalised rule, built through the VPC ingress-rule form (as the rules see it). */
const ruleOf = (props: Record<string, unknown>): IngressRule => {
  const { rules } = view(VIR, absent(vir({ cidrIpv4: "10.0.0.0/16", ...props })));
  expect(rules).toHaveLength(1);
  return rules[0];
};
const cfg = (c: Partial<PackConfig> = {}) => resolveConfig(c);
const self: IngressSource = { kind: "self", field: "self" };
const sgFrom = (role?: SecurityGroupRole, id?: string): IngressSource => ({ kind: "sg", id, role, field: "referencedSecurityGroupId" });

describe("role of the protected SG", () => {
  it("a tag value that is not a role leaves the SG untagged (infrastructure)", () => {
    expect(view(SG, inline([], { [LABELS.sgRole]: "web" })).role).toBe("infrastructure");
  });

  it("an SG without tags is infrastructure", () => {
    expect(view(SG, { vpcId: "vpc-1", ingress: [] }).role).toBe("infrastructure");
  });

  it("an unknown sg-role tag is deferred: no rules judged, the finding names the tag", () => {
    const v = view(SG, inline([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }], { [LABELS.sgRole]: U }), { preview: true });
    expect(v).toEqual({ role: "infrastructure", rules: [], found: [expect.stringContaining(`tags["${LABELS.sgRole}"]`)] });
  });

  it("an ec2.SecurityGroupRule has no tags: a stray sg-role tag does not give it a role", () => {
    expect(view(SGR, sgr({ securityGroupId: "sg-own", tags: { [LABELS.sgRole]: "node" }, self: true })).role).toBe("infrastructure");
  });

  it("an ec2.SecurityGroupRule whose securityGroupId is unknown while lbSecurityGroupIds is set is deferred", () => {
    const v = view(SGR, sgr({ securityGroupId: U, cidrBlocks: ["0.0.0.0/0"] }), { preview: true, config: { lbSecurityGroupIds: ["sg-alb"] } });
    expect(v.rules).toEqual([]);
    expect(v.found).toEqual([expect.stringContaining("cannot verify securityGroupId (compared with config lbSecurityGroupIds to tell a load-balancer SG)")]);
  });
});

describe("inline ingress of aws.ec2.SecurityGroup", () => {
  it("an SG without ingress has no rules", () => {
    expect(view(SG, { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" } }).rules).toEqual([]);
  });

  it("entries that are not objects are skipped; the kept rule keeps its own index in field names", () => {
    const { rules } = view(SG, inline([null, "tcp", 42, { protocol: "tcp", fromPort: 10250, toPort: 10250, securityGroups: ["sg-a", "sg-b"] }]));
    expect(rules).toHaveLength(1);
    expect(rules[0].at).toBe("ingress[3].");
    expect(rules[0].sources).toEqual([
      { kind: "sg", id: "sg-a", field: "ingress[3].securityGroups[0]" },
      { kind: "sg", id: "sg-b", field: "ingress[3].securityGroups[1]" },
    ]);
  });

  it("ports written as strings are read as numbers", () => {
    const [rule] = view(SG, inline([{ protocol: "tcp", fromPort: "10250", toPort: "10250", self: true }])).rules;
    expect([rule.fromPort, rule.toPort]).toEqual([10250, 10250]);
    expect(violationsOf("SG-001", resource(SG, "sg", inline([{ protocol: "tcp", fromPort: "10250", toPort: "10250", self: true }])))).toEqual([]);
  });

  it("all traffic written with ports 0/0 covers every port", () => {
    const [rule] = view(SG, inline([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }])).rules;
    expect([rule.protocol, rule.fromPort, rule.toPort]).toEqual(["all", 0, 65535]);
  });

  it("a TCP rule without ports covers every TCP port", () => {
    const [rule] = view(SG, inline([{ protocol: "tcp", self: true }])).rules;
    expect([rule.fromPort, rule.toPort]).toEqual([0, 65535]);
  });

  it("only string CIDRs become sources, numbered by their position", () => {
    const [rule] = view(SG, inline([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8", 42, null], ipv6CidrBlocks: ["fd00::/8"] }])).rules;
    expect(rule.sources).toEqual([
      { kind: "cidr", cidr: "10.0.0.0/8", field: "ingress[0].cidrBlocks[0]" },
      { kind: "cidr", cidr: "fd00::/8", field: "ingress[0].ipv6CidrBlocks[0]" },
    ]);
  });

  it("self: false is no self source; self: true is, named by its field", () => {
    expect(view(SG, inline([{ protocol: "tcp", fromPort: 53, toPort: 53, self: false, cidrBlocks: ["10.0.0.0/8"] }])).rules[0].sources.map((s) => s.kind)).toEqual(["cidr"]);
    expect(view(SG, inline([{ protocol: "tcp", fromPort: 53, toPort: 53, self: true }])).rules[0].sources).toEqual([{ kind: "self", field: "ingress[0].self" }]);
  });

  it("securityGroups: null gives no sources", () => {
    expect(view(SG, inline([{ protocol: "tcp", fromPort: 53, toPort: 53, securityGroups: null }])).rules[0].sources).toEqual([]);
  });
});

describe("inline ingress at preview: each unknown is named and left out", () => {
  const at = (entry: Record<string, unknown>) => view(SG, inline([entry]), { preview: true });

  it("an unknown entry", () => {
    const v = view(SG, inline([UO]), { preview: true });
    expect(v.rules).toEqual([]);
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("ingress[0]"))]);
  });

  it.each([
    ["fromPort", { protocol: "tcp", fromPort: UN, toPort: 10250, self: true }],
    ["toPort", { protocol: "tcp", fromPort: 10250, toPort: UN, self: true }],
  ])("an unknown %s drops the rule", (field, entry) => {
    const v = at(entry);
    expect(v.rules).toEqual([]);
    expect(v.found).toEqual([expect.stringContaining(cannotVerify(`ingress[0].${field}`))]);
  });

  it.each([
    ["fromPort", { protocol: "tcp", fromPort: UN, self: true }],
    ["toPort", { protocol: "tcp", toPort: UN, self: true }],
  ])("an unknown %s drops the rule even when the other port is absent", (_field, entry) => {
    expect(at(entry).rules).toEqual([]);
  });

  it("an unknown port does not matter for all traffic: the rule is kept as 0-65535", () => {
    const v = at({ protocol: "-1", fromPort: UN, toPort: 0, cidrBlocks: ["0.0.0.0/0"] });
    expect(v.rules).toHaveLength(1);
    expect([v.rules[0].fromPort, v.rules[0].toPort]).toEqual([0, 65535]);
    expect(v.rules[0].sources).toEqual([{ kind: "cidr", cidr: "0.0.0.0/0", field: "ingress[0].cidrBlocks[0]" }]);
  });

  it.each([
    ["cidrBlocks", { cidrBlocks: UA }],
    ["self", { self: UB }],
    ["prefixListIds", { prefixListIds: UA }],
    ["securityGroups", { securityGroups: UA }],
    ["securityGroups[1]", { securityGroups: ["sg-a", U] }],
  ])("an unknown %s is named and gives no source", (field, extra) => {
    const v = at({ protocol: "tcp", fromPort: 53, toPort: 53, ...extra });
    expect(v.found).toEqual([expect.stringContaining(cannotVerify(`ingress[0].${field}`))]);
    expect(v.rules[0].sources.filter((s) => s.kind !== "sg" || s.id !== "sg-a")).toEqual([]);
  });
});

describe("aws.ec2.SecurityGroupRule", () => {
  it("an unknown type is named and yields no rule", () => {
    const v = view(SGR, sgr({ type: U, securityGroupId: "sg-own", cidrBlocks: ["0.0.0.0/0"] }), { preview: true });
    expect(v.rules).toEqual([]);
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("type"))]);
  });

  it("an unknown own id with a source SG is deferred (self rule or not is unknown)", () => {
    const v = view(SGR, sgr({ securityGroupId: U, sourceSecurityGroupId: "sg-x" }), { preview: true });
    expect(v.rules).toEqual([]);
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("securityGroupId (compared with sourceSecurityGroupId to tell a self rule)"))]);
  });

  it("an unknown own id without a source SG is named, and the CIDR rule is still judged", () => {
    const v = view(SGR, sgr({ securityGroupId: U, cidrBlocks: ["0.0.0.0/0"] }), { preview: true });
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("securityGroupId"))]);
    expect(v.rules[0].sources).toEqual([{ kind: "cidr", cidr: "0.0.0.0/0", field: "cidrBlocks[0]" }]);
  });

  it("without a securityGroupId, a source SG is an ordinary SG source", () => {
    const v = view(SGR, sgr({ sourceSecurityGroupId: "sg-x" }));
    expect(v.found).toEqual([]);
    expect(v.rules[0].sources).toEqual([{ kind: "sg", id: "sg-x", field: "sourceSecurityGroupId" }]);
  });

  it("an unknown source SG is named and never taken for self", () => {
    const v = view(SGR, sgr({ sourceSecurityGroupId: U }), { preview: true });
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("sourceSecurityGroupId"))]);
    expect(v.rules[0].sources).toEqual([]);
  });

  it("a source SG equal to the own id is self", () => {
    expect(view(SGR, sgr({ securityGroupId: "sg-own", sourceSecurityGroupId: "sg-own" })).rules[0].sources).toEqual([{ kind: "self", field: "sourceSecurityGroupId" }]);
  });

  it.each([
    ["both ids empty", { securityGroupId: "", sourceSecurityGroupId: "" }],
    ["an empty source id", { securityGroupId: "sg-own", sourceSecurityGroupId: "" }],
  ])("%s is no source", (_what, props) => {
    expect(view(SGR, sgr(props)).rules[0].sources).toEqual([]);
  });
});

describe("aws.vpc.SecurityGroupIngressRule", () => {
  it.each([
    ["ipProtocol", { ipProtocol: U }],
    ["fromPort", { fromPort: UN }],
    ["toPort", { toPort: UN }],
  ])("an unknown %s is named and drops the rule", (field, props) => {
    const v = view(VIR, vir({ cidrIpv4: "10.0.0.0/8", ...props }), { preview: true });
    expect(v.rules).toEqual([]);
    expect(v.found).toEqual([expect.stringContaining(cannotVerify(field))]);
  });

  it.each([
    ["fromPort", { fromPort: UN }],
    ["toPort", { toPort: UN }],
  ])("an unknown %s drops the rule even when the other port is absent", (_field, port) => {
    const props = absent(vir({ cidrIpv4: "10.0.0.0/8", fromPort: undefined, toPort: undefined }));
    expect(view(VIR, { ...props, ...port }, { preview: true }).rules).toEqual([]);
  });

  it("an unknown port does not matter for all traffic", () => {
    const v = view(VIR, vir({ ipProtocol: "-1", fromPort: UN, cidrIpv4: "10.0.0.0/8" }), { preview: true });
    expect([v.rules[0].protocol, v.rules[0].fromPort, v.rules[0].toPort]).toEqual(["all", 0, 65535]);
  });

  it("a TCP rule without ports covers every TCP port", () => {
    const [rule] = view(VIR, absent(vir({ cidrIpv4: "10.0.0.0/8", fromPort: undefined, toPort: undefined }))).rules;
    expect([rule.fromPort, rule.toPort]).toEqual([0, 65535]);
  });

  it("an untagged rule (no tags at all) with a source SG gives an SG source without role", () => {
    const v = view(VIR, absent(vir({ referencedSecurityGroupId: "sg-x", tags: undefined })));
    expect(v.found).toEqual([]);
    expect(v.rules[0].sources).toEqual([{ kind: "sg", id: "sg-x", role: undefined, field: "referencedSecurityGroupId" }]);
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
  ])("referencedSecurityGroupId %s is no SG source", (_what, id) => {
    const v = view(VIR, vir({ cidrIpv4: "10.0.0.0/8", referencedSecurityGroupId: id }));
    expect(v.rules[0].sources).toEqual([{ kind: "cidr", cidr: "10.0.0.0/8", field: "cidrIpv4" }]);
  });

  it("a non-string referencedSecurityGroupId is not taken as an id", () => {
    const v = view(VIR, vir({ referencedSecurityGroupId: 42 }, { [LABELS.sgRole]: "node", [LABELS.sourceRole]: "cluster" }));
    expect(v.rules[0].sources).toEqual([{ kind: "sg", id: undefined, role: "cluster", field: "referencedSecurityGroupId" }]);
  });

  it("an unknown source-role tag is named and gives no source", () => {
    const v = view(VIR, vir({ referencedSecurityGroupId: "sg-x" }, { [LABELS.sgRole]: "node", [LABELS.sourceRole]: U }), { preview: true });
    expect(v.found).toEqual([expect.stringContaining(`cannot verify tags["${LABELS.sourceRole}"] (the source SG's role decides`)]);
    expect(v.rules[0].sources).toEqual([]);
  });

  it("an unknown source id with a source role other than the target's is an SG source of that role, not self", () => {
    const props = absent(vir({ securityGroupId: undefined, referencedSecurityGroupId: U }, { [LABELS.sgRole]: "node", [LABELS.sourceRole]: "cluster" }));
    const v = view(VIR, props, { preview: true });
    expect(v.rules[0].sources).toEqual([{ kind: "sg", id: undefined, role: "cluster", field: "referencedSecurityGroupId" }]);
  });

  it("without a securityGroupId, an untagged known source SG is an SG source (nothing to defer)", () => {
    const v = view(VIR, absent(vir({ securityGroupId: undefined, referencedSecurityGroupId: "sg-x" })));
    expect(v.found).toEqual([]);
    expect(v.rules[0].sources).toEqual([{ kind: "sg", id: "sg-x", role: undefined, field: "referencedSecurityGroupId" }]);
  });

  it("an untagged source SG with both ids known and different is an SG source, not deferred", () => {
    const v = view(VIR, vir({ referencedSecurityGroupId: "sg-x" }), { preview: true });
    expect(v.found).toEqual([]);
    expect(v.rules[0].sources).toEqual([{ kind: "sg", id: "sg-x", role: undefined, field: "referencedSecurityGroupId" }]);
  });

  it("an untagged source SG with an unknown id is deferred, naming referencedSecurityGroupId", () => {
    const v = view(VIR, vir({ referencedSecurityGroupId: U }), { preview: true });
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("referencedSecurityGroupId"))]);
    expect(v.rules[0].sources).toEqual([]);
  });

  it("an untagged source SG with an unknown own id is deferred, naming securityGroupId", () => {
    const v = view(VIR, vir({ securityGroupId: U, referencedSecurityGroupId: "sg-x" }), { preview: true });
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("securityGroupId (compared with referencedSecurityGroupId to tell a self rule)"))]);
    expect(v.rules[0].sources).toEqual([]);
  });

  it("a prefix list is a prefixList source", () => {
    expect(view(VIR, vir({ prefixListId: "pl-1" })).rules[0].sources).toEqual([{ kind: "prefixList", id: "pl-1", field: "prefixListId" }]);
  });

  it("prefixListId null is no source", () => {
    expect(view(VIR, vir({ cidrIpv4: "10.0.0.0/8", prefixListId: null })).rules[0].sources.map((s) => s.kind)).toEqual(["cidr"]);
  });

  it("an unknown prefix list is named and still a prefixList source (any prefix list is outside the port table)", () => {
    const v = view(VIR, vir({ prefixListId: U }), { preview: true });
    expect(v.found).toEqual([expect.stringContaining(cannotVerify("prefixListId"))]);
    expect(v.rules[0].sources).toEqual([{ kind: "prefixList", id: undefined, field: "prefixListId" }]);
    expect(describeSource(v.rules[0].sources[0])).toBe("prefixListId = <unknown at preview>");
  });

  it("other resource types give no ingress", () => {
    const egress = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    expect(view(egress, vir({ cidrIpv4: "0.0.0.0/0" }))).toEqual({ role: "node", rules: [], found: [] });
  });
});

describe("sourceKinds", () => {
  it("a world CIDR never counts as trusted, even when config trustedCidrs lists it", () => {
    expect([...sourceKinds({ kind: "cidr", cidr: "0.0.0.0/0", field: "cidrIpv4" }, cfg({ trustedCidrs: ["0.0.0.0/0"] }))]).toEqual([]);
  });

  it("an SG source without role or listed id counts as nothing", () => {
    expect([...sourceKinds(sgFrom(undefined, "sg-x"), cfg({ trustedSecurityGroupIds: ["sg-t"], lbSecurityGroupIds: ["sg-alb"] }))]).toEqual([]);
  });

  it("an endpoint SG is no port-table source", () => {
    expect([...sourceKinds(sgFrom("endpoint", "sg-e"), cfg())]).toEqual([]);
  });

  it("an SG id in lbSecurityGroupIds counts as lb", () => {
    expect([...sourceKinds(sgFrom(undefined, "sg-alb"), cfg({ lbSecurityGroupIds: ["sg-alb"] }))]).toEqual(["lb"]);
  });

  it("SG-007: NodePorts from an SG listed nowhere are reported", () => {
    const r = resource(VIR, "np", vir({ fromPort: 30000, toPort: 32767, referencedSecurityGroupId: "sg-x" }));
    const vs = violationsOf("SG-007", r, { trustedSecurityGroupIds: ["sg-t"], lbSecurityGroupIds: ["sg-alb"] });
    expect(vs.map((v) => v.level)).toEqual(["mandatory"]);
  });
});

describe("config extraPorts rows", () => {
  const webhook: ExtraPort = { name: "webhook", protocol: "tcp", fromPort: 9443, toPort: 9443, justification: "admission webhook served by the controller pods" };
  const config = cfg({ extraPorts: [webhook], trustedSecurityGroupIds: ["sg-t"], trustedCidrs: ["198.51.100.0/24"] });
  const rule9443 = () => ruleOf({ fromPort: 9443, toPort: 9443 });

  it.each([
    ["an lb SG", sgFrom("lb", "sg-alb")],
    ["a pods SG", sgFrom("pods")],
    ["a control-plane SG", sgFrom("control-plane")],
    ["a trustedSecurityGroupIds SG", sgFrom(undefined, "sg-t")],
    ["a trustedCidrs CIDR", { kind: "cidr", cidr: "198.51.100.0/24", field: "cidrIpv4" } as IngressSource],
  ])("accept %s as source on the node SG", (_what, source) => {
    expect(permittingRow(rule9443(), source, "node", config)?.id).toBe("extra:webhook");
  });

  it.each(["cluster", "control-plane", "pods"] as const)("apply on an SG with role %s", (role) => {
    const fromTrusted: IngressSource = { kind: "cidr", cidr: "198.51.100.0/24", field: "cidrIpv4" };
    expect(permittingRow(rule9443(), fromTrusted, role, config)?.id).toBe("extra:webhook");
  });

  it("never permit another protocol on the same port", () => {
    const vxlan: ExtraPort = { name: "vxlan", protocol: "udp", fromPort: 8472, toPort: 8472, justification: "VXLAN overlay between nodes for the CNI" };
    expect(permittingRow(ruleOf({ fromPort: 8472, toPort: 8472 }), sgFrom("node"), "node", cfg({ extraPorts: [vxlan] }))).toBeUndefined();
    expect(permittingRow(ruleOf({ ipProtocol: "udp", fromPort: 8472, toPort: 8472 }), sgFrom("node"), "node", cfg({ extraPorts: [vxlan] }))?.id).toBe("extra:vxlan");
  });

  describe("ICMP", () => {
    const icmp = (fromPort: number, toPort: number): Partial<PackConfig> => ({
      extraPorts: [{ name: "icmp", protocol: "icmp", fromPort, toPort, justification: "path MTU discovery and diagnostics" }],
    });
    const judge = (type: number, code: number, row: [number, number]) =>
      permittingRow(ruleOf({ ipProtocol: "icmp", fromPort: type, toPort: code }), sgFrom("node"), "node", cfg(icmp(...row)))?.id;

    it("a -1 row permits every ICMP type and code", () => {
      expect(judge(8, 0, [-1, -1])).toBe("extra:icmp");
    });
    it("a type/code row permits exactly that type and code", () => {
      expect(judge(3, 4, [3, 4])).toBe("extra:icmp");
    });
    it.each([
      [3, 3],
      [4, 4],
      [8, 0],
    ])("a 3/4 row does not permit type %s code %s", (type, code) => {
      expect(judge(type, code, [3, 4])).toBeUndefined();
    });
  });
});

describe("protocols outside TCP/UDP/ICMP/all", () => {
  const esp = () => ruleOf({ ipProtocol: "50", fromPort: undefined, toPort: undefined });

  it("are within no port-table row, not even all-traffic from self", () => {
    expect(permittingRow(esp(), self, "node", cfg())).toBeUndefined();
    const r = resource(VIR, "esp", absent(vir({ ipProtocol: "50", fromPort: undefined, toPort: undefined, referencedSecurityGroupId: "sg-x" }, { [LABELS.sgRole]: "node", [LABELS.sourceRole]: "self" })));
    const vs = violationsOf("SG-001", r);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("protocol 50 0-65535");
  });

  it("do not reach NodePorts", () => {
    expect(overlapsPorts(esp(), 30000, 32767)).toBe(false);
    expect(describeTraffic(esp())).toBe("protocol 50 0-65535");
  });
});

describe("load-balancer SGs", () => {
  const trusted = cfg({ trustedCidrs: ["198.51.100.0/24"] });
  const fromTrusted: IngressSource = { kind: "cidr", cidr: "198.51.100.0/24", field: "cidrIpv4" };
  const world: IngressSource = { kind: "cidr", cidr: "0.0.0.0/0", field: "cidrIpv4" };
  const allow443 = cfg({ publicIngressAllowlist: [{ port: 443, protocol: "tcp", justification: "public storefront served by the ALB" }] });

  it("accept TCP 443 from trustedCidrs only as a single TCP listener port", () => {
    expect(lbPermits(ruleOf({ fromPort: 443, toPort: 443 }), fromTrusted, trusted)).toBe(true);
    expect(lbPermits(ruleOf({ ipProtocol: "udp", fromPort: 443, toPort: 443 }), fromTrusted, trusted)).toBe(false);
    expect(lbPermits(ruleOf({ fromPort: 443, toPort: 8443 }), fromTrusted, trusted)).toBe(false);
  });

  it("accept the world only on an allowlisted listener", () => {
    expect(lbPermits(ruleOf({ fromPort: 443, toPort: 443 }), world, allow443)).toBe(true);
    expect(lbPermits(ruleOf({ fromPort: 443, toPort: 443 }), world, trusted)).toBe(false);
  });

  it.each([
    ["tcp 443", { fromPort: 443, toPort: 443 }, true],
    ["udp 443", { ipProtocol: "udp", fromPort: 443, toPort: 443 }, false],
    ["tcp 80-443", { fromPort: 80, toPort: 443 }, false],
    ["tcp 443-8443", { fromPort: 443, toPort: 8443 }, false],
  ])("publicIngressAllowlist tcp 443 matches %s: %s", (_what, ports, want) => {
    expect(publicAllowlisted(ruleOf(ports), allow443)).toBe(want);
  });

  it("get no port-table row, not even all traffic from self (SG-004)", () => {
    const all = ruleOf({ ipProtocol: "-1" });
    expect(permittingRow(all, self, "lb", cfg())).toBeUndefined();
    const vs = violationsOf("SG-004", resource(SG, "alb", inline([{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], { [LABELS.sgRole]: "lb" })));
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("from ingress[0].self (self) on an SG with role lb");
  });
});

describe("describeSource", () => {
  it("names an SG source whose id is unknown", () => {
    expect(describeSource({ kind: "sg", role: "cluster", field: "referencedSecurityGroupId" })).toBe("referencedSecurityGroupId = <unknown at preview> (role cluster)");
  });
});
