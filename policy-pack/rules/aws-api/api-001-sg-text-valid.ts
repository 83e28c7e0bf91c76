import { badCharacters, EC2_TEXT_DOCS, EC2_TEXT_MAX, EC2_TEXT_NO_AMPERSAND, EC2_TEXT_WITH_AMPERSAND, SG_NAME_SPEC } from "../../core/aws-text";
import { fieldReader, UNKNOWN, type Maybe } from "../../core/fields";
import { resourceRule, type Report } from "../../core/rule";
import { checkName } from "./names";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

const nonEmpty = (v: Maybe) => v === UNKNOWN || (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== "" && v !== false);

/**
 * The set a rule description must satisfy. EC2 sends one description per range or pair: `IpRange` (IPv4
 * CIDRs) allows `&`, `UserIdGroupPair` (security-group references) and `PrefixListId` do not; IPv6 ranges
 * are held to the stricter set too. A rule mixing kinds must satisfy the strictest.
 */
function ruleCharset(onlyIpv4Cidrs: boolean): { allowed: RegExp; what: string; doc: string } {
  return onlyIpv4Cidrs
    ? { allowed: EC2_TEXT_WITH_AMPERSAND, what: "IpRange", doc: EC2_TEXT_DOCS.ipRange }
    : { allowed: EC2_TEXT_NO_AMPERSAND, what: "UserIdGroupPair/PrefixListId", doc: EC2_TEXT_DOCS.groupPair };
}

function judgeText(field: string, text: unknown, allowed: RegExp, what: string, doc: string, report: Report): void {
  if (typeof text !== "string") return;
  const bad = badCharacters(text, allowed);
  if (bad.length > 0) {
    report({
      message: `${field} contains characters EC2 rejects in a ${what} description (${bad.map((c) => JSON.stringify(c)).join(" ")}): ${JSON.stringify(text)} (${doc})`,
      remediation: `Use only letters, digits, space and ._-:/()#,@[]+=;{}!$*${what === "IpRange" || what === "GroupDescription" ? " (and &)" : ""} in ${field}; sanitise free text at the component boundary.`,
    });
  }
  if (text.length > EC2_TEXT_MAX) {
    report({ message: `${field} is ${text.length} characters, above EC2's limit of ${EC2_TEXT_MAX} (${doc})`, remediation: `Shorten ${field} to ${EC2_TEXT_MAX} characters.` });
  }
}

function inlineRules(get: (path: string) => Maybe, report: Report): void {
  for (const direction of ["ingress", "egress"]) {
    const rules = get(direction);
    if (!Array.isArray(rules)) continue;
    rules.forEach((_r, i) => {
      const at = (k: string) => get(`${direction}.${i}.${k}`);
      const description = at("description");
      if (description === UNKNOWN || typeof description !== "string") return;
      const onlyV4 = nonEmpty(at("cidrBlocks")) && !nonEmpty(at("ipv6CidrBlocks")) && !nonEmpty(at("securityGroups")) && !nonEmpty(at("prefixListIds")) && at("self") !== true;
      const set = ruleCharset(onlyV4);
      judgeText(`${direction}[${i}].description`, description, set.allowed, set.what, set.doc, report);
    });
  }
}

/** API-001: security-group names, descriptions and rule descriptions within EC2's character set and 255 characters. */
export const api001 = resourceRule({
  id: "API-001",
  name: "sg-text-valid",
  description:
    "Security-group names and descriptions use only a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$* (255 max); rule descriptions use the IpRange set (with &) for IPv4 CIDR rules and the UserIdGroupPair/PrefixListId set (without &) otherwise.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "sg", "aws"],
  seed: ["S1 §5.1"],
  upstream: `${EC2_TEXT_DOCS.group} · ${EC2_TEXT_DOCS.ipRange} · ${EC2_TEXT_DOCS.groupPair} · ${EC2_TEXT_DOCS.prefixList}`,
  remediation: "Keep names and descriptions to letters, digits, space and ._-:/()#,@[]+=;{}!$* (no quotes, no & in rules that reference security groups or prefix lists), at most 255 characters.",
  resourceTypes: [SG, SG_RULE, VPC_INGRESS, VPC_EGRESS],
  check(resource, report) {
    const get = fieldReader(resource.props, report);
    if (resource.type === SG) {
      checkName([SG_NAME_SPEC], resource, report);
      judgeText("description", get("description"), EC2_TEXT_WITH_AMPERSAND, "GroupDescription", EC2_TEXT_DOCS.group, report);
      inlineRules(get, report);
      return;
    }
    const description = get("description");
    if (description === UNKNOWN || typeof description !== "string") return;
    if (resource.type === SG_RULE) {
      const onlyV4 = nonEmpty(get("cidrBlocks")) && !nonEmpty(get("ipv6CidrBlocks")) && !nonEmpty(get("sourceSecurityGroupId")) && !nonEmpty(get("prefixListIds")) && get("self") !== true;
      const set = ruleCharset(onlyV4);
      judgeText("description", description, set.allowed, set.what, set.doc, report);
      return;
    }
    const onlyV4 = nonEmpty(get("cidrIpv4")) && !nonEmpty(get("referencedSecurityGroupId")) && !nonEmpty(get("prefixListId")) && !nonEmpty(get("cidrIpv6"));
    const set = ruleCharset(onlyV4);
    judgeText("description", description, set.allowed, set.what, set.doc, report);
  },
});
