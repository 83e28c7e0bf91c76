import { nativeResourceRule } from "../../core/native";
import { allTrafficPermitted, describeSource, describeTraffic, overlapsPorts, roleHint, sourceKinds } from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

const NODEPORT_SOURCES = ["lb", "trusted-sgs", "trusted-cidrs"] as const;

/** SG-007: NodePorts (30000-32767) only from an lb SG, trustedSecurityGroupIds or trustedCidrs. */
export const sg007 = nativeResourceRule({
  id: "SG-007",
  name: "sg-nodeport-from-trusted-only",
  description: "NodePort range (30000-32767) ingress only from a load-balancer SG, config trustedSecurityGroupIds or trustedCidrs.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.1"],
  upstream: "kubernetes.io Ports and Protocols",
  remediation: "Allow NodePorts only from the load balancer's security group (tagged hardened-cluster.io/sg-role=lb, or listed in config lbSecurityGroupIds), config trustedSecurityGroupIds or trustedCidrs.",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      if (!overlapsPorts(rule, 30000, 32767) || allTrafficPermitted(rule, source, role, config)) return;
      if (NODEPORT_SOURCES.some((k) => sourceKinds(source, config).has(k))) return;
      report({
        message: `${describeTraffic(rule)} reaches NodePorts (30000-32767) from ${describeSource(source)}; only an lb SG, trustedSecurityGroupIds or trustedCidrs may${roleHint(source)}`,
        remediation: `Replace ${source.field} with the load balancer's security group or a CIDR in config trustedCidrs.`,
      });
    });
  },
});
