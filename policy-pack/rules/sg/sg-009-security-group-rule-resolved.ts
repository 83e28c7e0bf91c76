import { LABELS, SG_ROLES, type SecurityGroupRole } from "../../baseline/labels";
import { type Finding, type Report, type ResourceRule, type StackResource } from "../../core/rule";
import { nativeStackRule } from "../../core/native";
import { SG_TYPES, withResolvedGroups, type ResolvedGroups, type TargetRole } from "../../core/security-groups";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { sg001 } from "./sg-001-ingress-documented-ports-only";
import { sg002 } from "./sg-002-no-world-ingress";
import { sg003 } from "./sg-003-no-self-managed-control-plane-ports";
import { sg004 } from "./sg-004-no-all-traffic-ingress";
import { sg005 } from "./sg-005-dns-from-cluster-only";
import { sg006 } from "./sg-006-kubelet-from-control-plane-only";
import { sg007 } from "./sg-007-nodeport-from-trusted-only";
import { checkEgress } from "./sg-010-restricted-egress";

/** The ingress checks an `ec2.SecurityGroupRule` must pass, once its groups' roles are known. */
const INGRESS_RULES: readonly ResourceRule[] = [sg001, sg002, sg003, sg004, sg005, sg006, sg007];

type Role = { readonly known: true; readonly role: SecurityGroupRole | undefined } | { readonly known: false };

/** The `sg-role` tag of an in-stack security group (undefined = untagged); unknown at preview is reported. */
function groupRole(group: StackResource, what: string, urn: string, report: Report): Role {
  const tag = readMaybeUnknown(() => group.props?.tags?.[LABELS.sgRole]);
  if (!tag.known) {
    report({ urn, ...cannotVerify(`tags["${LABELS.sgRole}"] of ${what} security group ${group.name}`) });
    return { known: false };
  }
  const value = tag.value;
  return { known: true, role: typeof value === "string" && (SG_ROLES as readonly string[]).includes(value) ? (value as SecurityGroupRole) : undefined };
}

/** In-stack security groups a property of `rule` depends on. */
function groupsBehind(rule: StackResource, property: string, byUrn: ReadonlyMap<string, StackResource>): StackResource[] {
  return (rule.propertyDependencies[property] ?? []).map((u) => byUrn.get(u)).filter((r): r is StackResource => r?.type === SG_TYPES.securityGroup);
}

/**
 * SG-009: the standalone `aws.ec2.SecurityGroupRule` form has no tags, so a resource rule would judge it as an
 * untagged group with an unknown source. This stack rule reads the roles from the groups it refers to
 * (`propertyDependencies.securityGroupId` / `.sourceSecurityGroupId`; the same group on both sides is a self rule,
 * even while ids are unknown) and runs SG-001…SG-007 on it. A group outside the stack falls back to config
 * `lbSecurityGroupIds`, else the strictest (infrastructure) role.
 */
export const sg009 = nativeStackRule({
  id: "SG-009",
  name: "sg-security-group-rule-resolved",
  description:
    "aws.ec2.SecurityGroupRule must pass SG-001…SG-007 (ingress) and SG-010 (egress) with the roles of the security groups it refers to (their sg-role tags, joined through the stack).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.1", "S0"],
  upstream: "@pulumi/aws ec2.SecurityGroupRule (no tags argument); kubernetes.io Ports and Protocols",
  remediation: `Tag the security groups the rule refers to with ${LABELS.sgRole}=<role> and keep the rule within the port table (policy-pack/baseline/ports.ts).`,
  resourceTypes: [SG_TYPES.securityGroupRule, SG_TYPES.securityGroup],
  check(resources, report, config) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const rule of resources) {
      if (rule.type !== SG_TYPES.securityGroupRule) continue;
      const targets = groupsBehind(rule, "securityGroupId", byUrn);
      const sources = groupsBehind(rule, "sourceSecurityGroupId", byUrn);
      const target = targets[0];
      let targetRole: TargetRole | undefined;
      if (target) {
        const r = groupRole(target, "the rule's", rule.urn, report);
        if (!r.known) continue;
        targetRole = r.role ?? "infrastructure";
      }
      let sourceRole: ResolvedGroups["source"];
      const source = sources[0];
      if (source && target && source.urn === target.urn) sourceRole = "self";
      else if (source) {
        const r = groupRole(source, "the source", rule.urn, report);
        if (!r.known) continue;
        sourceRole = r.role;
      }
      const resolved = withResolvedGroups(rule, { target: targetRole, source: sourceRole });
      checkEgress(resolved, (f: Finding | string) => {
        const finding = typeof f === "string" ? { message: f } : f;
        report({ ...finding, urn: rule.urn, message: `fails SG-010: ${finding.message}` });
      }, config);
      for (const check of INGRESS_RULES) {
        check.check(
          resolved,
          (f: Finding | string) => {
            const finding = typeof f === "string" ? { message: f } : f;
            report({ ...finding, urn: rule.urn, message: `fails ${check.id}: ${finding.message}` });
          },
          config,
        );
      }
    }
  },
});
