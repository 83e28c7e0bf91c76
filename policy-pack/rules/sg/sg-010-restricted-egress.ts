import { LABELS } from "../../baseline/labels";
import { egressPermit, egressRestricted } from "../../core/egress";
import { nativeResourceRule } from "../../core/native";
import type { Report, ResourceUnderTest } from "../../core/rule";
import type { PackConfig } from "../../core/config";
import { describeRole, describeSource, describeTraffic, egressView, SG_TYPES, sourceRoleFix } from "../../core/security-groups";

/** Types whose egress SG-010 judges alone (the tagless `ec2.SecurityGroupRule` form goes through SG-009). */
export const EGRESS_TYPES: readonly string[] = [SG_TYPES.securityGroup, SG_TYPES.egressRule];

/** The SG-010 check, shared with SG-009 for `ec2.SecurityGroupRule` egress (roles resolved from the stack). */
export function checkEgress(resource: ResourceUnderTest, report: Report, config: PackConfig): void {
  const view = egressView(resource, config, report);
  if (!egressRestricted(view.role)) return;
  const role = view.role;
  for (const rule of view.rules) {
    for (const destination of rule.sources) {
      if (egressPermit(rule, destination, role, config)) continue;
      const unknownRole = destination.kind === "sg" && !destination.role;
      report({
        message:
          `${describeTraffic(rule)} to ${describeSource(destination).replace(" (self)", " (its own group)")} from ${describeRole(role)} is not a documented destination` +
          (unknownRole ? `. The destination SG's role is unknown: ${sourceRoleFix(destination)}` : ""),
        remediation:
          destination.kind === "cidr"
            ? `Restrict ${destination.field} to a documented destination: the cluster SG (TCP 443/10250), DNS (TCP/UDP 53) inside the VPC, the VPC endpoints (TCP 443), HTTPS to 0.0.0.0/0 only with config awsApiPath nat, or add a justified config extraEgress entry.`
            : `Send only the port-table traffic the destination accepts from ${role} (e.g. TCP 443 to the cluster SG), or tag the destination group with ${LABELS.sgRole}.`,
      });
    }
  }
}

/**
 * SG-010: node and pod security groups have restricted egress, derived from the port table (core/egress.ts):
 * only the documented destinations, never all traffic to anywhere.
 */
export const sg010 = nativeResourceRule({
  id: "SG-010",
  name: "sg-restricted-egress",
  description: "Node and pod security groups may send traffic only to documented destinations (the port table's rows for their role, the AWS API paths, config extraEgress).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["sg", "aws"],
  seed: ["S1 §5.7", "S1 §5.4.1", "S0"],
  upstream: "EKS user guide: security group requirements, Restricting cluster traffic; kubernetes.io Ports and Protocols",
  remediation: "Replace allow-all egress with the Firewall's egress plan (components/firewall/plan.ts), which follows the port table.",
  resourceTypes: EGRESS_TYPES,
  check: checkEgress,
});
