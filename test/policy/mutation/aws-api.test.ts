/**
 * Branch cases found by mutation testing (Stryker, group `aws-api`): which character set a security-group rule
 * description is held to (API-001: EC2's IpRange set allows `&` only for rules whose sources are IPv4 CIDRs only,
 * in inline rules, ec2.SecurityGroupRule and the vpc rule resources, ingress and egress), the 255-character
 * limit at its edge, and the length and form checks of names with a prefix or Pulumi's auto-name (nameProblems).
 */
import { nameProblems, type NameSpec } from "../../../policy-pack/core/aws-text";
import { resource, violationsOf } from "../../support/rules";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const AMP = "nodes & pods";

const flagsAmpersand = (r: ReturnType<typeof resource>) => {
  const vs = violationsOf("API-001", r);
  return vs.some((v) => v.message.includes("UserIdGroupPair/PrefixListId"));
};

describe("API-001: the description set of a security-group rule", () => {
  const inline = (direction: "ingress" | "egress", rule: Record<string, unknown>) =>
    resource(SG, "sg", { name: "ok", description: "x", [direction]: [{ protocol: "tcp", fromPort: 443, toPort: 443, description: AMP, ...rule }] });

  it.each(["ingress", "egress"] as const)("inline %s: & only when the sources are IPv4 CIDRs only", (direction) => {
    expect(flagsAmpersand(inline(direction, { cidrBlocks: ["10.0.0.0/16"] }))).toBe(false);
    expect(flagsAmpersand(inline(direction, { cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["fd00::/8"] }))).toBe(true);
    expect(flagsAmpersand(inline(direction, { cidrBlocks: ["10.0.0.0/16"], securityGroups: ["sg-2"] }))).toBe(true);
    expect(flagsAmpersand(inline(direction, { cidrBlocks: ["10.0.0.0/16"], prefixListIds: ["pl-1"] }))).toBe(true);
    expect(flagsAmpersand(inline(direction, { cidrBlocks: ["10.0.0.0/16"], self: true }))).toBe(true);
    expect(flagsAmpersand(inline(direction, { cidrBlocks: ["10.0.0.0/16"], self: false, securityGroups: [], ipv6CidrBlocks: null }))).toBe(false);
    expect(flagsAmpersand(inline(direction, { cidrBlocks: [] }))).toBe(true);
    expect(flagsAmpersand(inline(direction, { description: 5, securityGroups: ["sg-2"] }))).toBe(false);
  });

  it("ec2.SecurityGroupRule: & only when the sources are IPv4 CIDRs only", () => {
    const rule = (p: Record<string, unknown>) => resource(SG_RULE, "r", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 1, toPort: 1, description: AMP, ...p });
    expect(flagsAmpersand(rule({ cidrBlocks: ["10.0.0.0/8"] }))).toBe(false);
    expect(flagsAmpersand(rule({ cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["fd00::/8"] }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrBlocks: ["10.0.0.0/8"], sourceSecurityGroupId: "sg-2" }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrBlocks: ["10.0.0.0/8"], prefixListIds: ["pl-1"] }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrBlocks: ["10.0.0.0/8"], self: true }))).toBe(true);
    expect(flagsAmpersand(rule({ sourceSecurityGroupId: "sg-2" }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrBlocks: ["10.0.0.0/8"], sourceSecurityGroupId: "" }))).toBe(false);
    expect(flagsAmpersand(rule({ description: undefined, sourceSecurityGroupId: "sg-2" }))).toBe(false);
  });

  it.each([VPC_INGRESS, VPC_EGRESS])("%s: & only for a cidrIpv4 rule", (type) => {
    const rule = (p: Record<string, unknown>) => resource(type, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 1, toPort: 1, description: AMP, ...p });
    expect(flagsAmpersand(rule({ cidrIpv4: "10.0.0.0/8" }))).toBe(false);
    expect(flagsAmpersand(rule({ cidrIpv4: "10.0.0.0/8", referencedSecurityGroupId: "sg-2" }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrIpv4: "10.0.0.0/8", prefixListId: "pl-1" }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrIpv4: "10.0.0.0/8", cidrIpv6: "fd00::/8" }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrIpv6: "fd00::/8" }))).toBe(true);
    expect(flagsAmpersand(rule({ cidrIpv4: "" }))).toBe(true);
  });

  it("allows exactly 255 characters, and names the direction of an inline rule", () => {
    const desc = (n: number) => resource(VPC_INGRESS, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "10.0.0.0/8", description: "a".repeat(n) });
    expect(violationsOf("API-001", desc(255))).toEqual([]);
    expect(violationsOf("API-001", desc(256))).toHaveLength(1);
    const vs = violationsOf("API-001", resource(SG, "sg", { name: "ok", description: "x", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["sg-2"], description: "it's" }] }));
    expect(vs.map((v) => v.message).join("\n")).toContain("egress[0].description");
  });
});

describe("nameProblems: prefixes and auto-names", () => {
  const spec: NameSpec = { type: "t", field: "name", prefixField: "namePrefix", min: 3, max: 10, pattern: /^[a-z]+(-[0-9a-f]+)?$/, allowed: "lower-case letters", chars: /^[a-z]$/, autoName: "pulumi", doc: "d" };

  it("counts the generated suffix toward the length, and checks a sample of it against the form", () => {
    expect(nameProblems(spec, { kind: "autoname", prefix: "abc", suffix: 7 })).toEqual([]);
    expect(nameProblems(spec, { kind: "autoname", prefix: "abcd", suffix: 7 })).toEqual(["is 11 characters (4 + 7 generated characters), above the limit of 10"]);
    // A prefix the provider completes with digits only (no dash): the sample must still match.
    const digits: NameSpec = { ...spec, pattern: /^[a-z]+[0-9]*$/ };
    expect(nameProblems(digits, { kind: "prefix", prefix: "ab", suffix: 4 })).toEqual([]);
    expect(nameProblems(spec, { kind: "prefix", prefix: "ab", suffix: 4 })).toEqual(["does not match the allowed form (lower-case letters)"]);
  });

  it("reports a name below the minimum length at the minimum's edge", () => {
    expect(nameProblems(spec, { kind: "explicit", name: "abc" })).toEqual([]);
    expect(nameProblems(spec, { kind: "explicit", name: "ab" })).toEqual(["is 2 characters, below the minimum of 3"]);
    expect(nameProblems(spec, { kind: "explicit", name: "" })).toEqual(["is 0 characters, below the minimum of 3"]);
    expect(nameProblems(spec, { kind: "none" })).toEqual([]);
  });

  it("names the offending characters of an explicit name", () => {
    expect(nameProblems(spec, { kind: "explicit", name: "abC" })).toEqual(['does not match the allowed form (lower-case letters); offending characters: "C"']);
  });
});
