import { isWorld } from "../../core/cidr";
import { nativeResourceRule } from "../../core/native";
import { describeRole, describeTraffic, publicAllowlisted } from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

/** SG-002: no ingress from 0.0.0.0/0 or ::/0 except allowlisted listeners on lb SGs. */
export const sg002 = nativeResourceRule({
  id: "SG-002",
  name: "sg-no-world-ingress",
  description: "No security-group ingress from 0.0.0.0/0 or ::/0, except allowlisted listeners on load-balancer SGs.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["sg", "aws"],
  seed: ["S0", "S1 §5.4.1"],
  upstream: "pulumi/compliance-policies disallowPublicInternetIngress (inline only)",
  remediation: "Replace 0.0.0.0/0 / ::/0 with a CIDR from config trustedCidrs or a source security group.",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      if (source.kind !== "cidr" || !isWorld(source.cidr)) return;
      if (role === "lb" && publicAllowlisted(rule, config)) return;
      const why = role === "lb" ? "not in config publicIngressAllowlist" : `allowed only on lb SGs (this is ${describeRole(role)})`;
      report({
        message: `${source.field} = ${source.cidr} opens ${describeTraffic(rule)} to the internet; ${why}`,
        remediation: `Set ${source.field} to a CIDR in config trustedCidrs (or reference a security group instead).`,
      });
    });
  },
});
