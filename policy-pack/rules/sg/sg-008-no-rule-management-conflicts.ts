import { nativeStackRule } from "../../core/native";
import { SG_TYPES } from "../../core/security-groups";
import { readMaybeUnknown } from "../../core/unknowns";

/** SG-008: a security group must not mix inline `ingress` with standalone rule resources (they overwrite each other). */
export const sg008 = nativeStackRule({
  id: "SG-008",
  name: "sg-no-rule-management-conflicts",
  description: "A security group with inline ingress must not also be the target of standalone SecurityGroupRule/SecurityGroupIngressRule resources.",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.1"],
  upstream: "pulumi/pulumi-policy-aws (awsguard) security-group-no-rule-management-conflicts",
  remediation: "Remove the inline ingress blocks and manage every rule as aws.vpc.SecurityGroupIngressRule (with sg-role and source-role tags).",
  resourceTypes: [SG_TYPES.securityGroup, SG_TYPES.securityGroupRule, SG_TYPES.ingressRule],
  check(resources, report) {
    const standalone = new Map<string, string[]>();
    for (const r of resources) {
      if (r.type !== SG_TYPES.securityGroupRule && r.type !== SG_TYPES.ingressRule) continue;
      if (r.type === SG_TYPES.securityGroupRule) {
        const t = readMaybeUnknown(() => r.props?.type);
        if (t.known && t.value !== "ingress") continue;
      }
      for (const sg of r.propertyDependencies.securityGroupId ?? []) standalone.set(sg, [...(standalone.get(sg) ?? []), r.name]);
    }
    for (const sg of resources) {
      if (sg.type !== SG_TYPES.securityGroup) continue;
      const rules = standalone.get(sg.urn);
      if (!rules || !("ingress" in (sg.props ?? {}))) continue;
      const inline = readMaybeUnknown(() => sg.props.ingress);
      if (inline.known && (!Array.isArray(inline.value) || inline.value.length === 0)) continue;
      report({
        urn: sg.urn,
        message: `security group ${sg.name} has inline ingress and is also the securityGroupId of standalone rule(s) ${rules.join(", ")}; Pulumi will flip-flop between them`,
        remediation: `Remove ingress from ${sg.name} and express each rule as aws.vpc.SecurityGroupIngressRule.`,
      });
    }
  },
});
