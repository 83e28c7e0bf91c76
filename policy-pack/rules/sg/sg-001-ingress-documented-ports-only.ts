import { nativeResourceRule } from "../../core/native";
import {
  describeRole,
  describeSource,
  describeTraffic,
  lbPermits,
  permittingRow,
  roleHint,
  tableRows,
  targetRoleFix,
  withinRow,
} from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

/** SG-001: every ingress rule must be one row of the port table, from a source that row permits. */
export const sg001 = nativeResourceRule({
  id: "SG-001",
  name: "sg-ingress-documented-ports-only",
  description: "Security-group ingress must match a row of the port table (protocol, ports and source) for the SG's role.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.1", "S1 §5.1.1", "S0"],
  upstream: "kubernetes.io Ports and Protocols; EKS security group requirements",
  remediation:
    "Generate ingress from the port table (policy-pack/baseline/ports.ts), e.g. TCP 10250 from the cluster SG on the node SG; add site-specific ports to config extraPorts with a justification.",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      const traffic = describeTraffic(rule);
      if (role === "lb") {
        if (!lbPermits(rule, source, config)) {
          report({
            message: `${traffic} from ${describeSource(source)} on a load-balancer SG: lb SGs accept only TCP ${config.lbListenerPorts.join("/")} (config lbListenerPorts) from trustedCidrs, or world listeners in publicIngressAllowlist`,
            remediation: `Set ${rule.at}fromPort/toPort to a listener port in lbListenerPorts and the source to a CIDR in config trustedCidrs.`,
          });
        }
        return;
      }
      if (permittingRow(rule, source, role, config)) return;
      const candidates = tableRows(config).filter((r) => (role === "infrastructure" ? r.id === "intra" : r.targets.includes(role)) && withinRow(rule, r));
      const specific = candidates.filter((r) => !r.protocols.includes("all"));
      const rows = specific.length > 0 ? specific : rule.protocol === "all" ? candidates : [];
      const message =
        rows.length === 0
          ? `${traffic} (${rule.protocolField}, ${rule.at}fromPort/${rule.at}toPort) from ${describeSource(source)} on ${describeRole(role)} is not a port-table row for controlPlane=${config.controlPlane}`
          : `${traffic} from ${describeSource(source)} on ${describeRole(role)}: row ${rows.map((r) => r.id).join("/")} permits only ${[...new Set(rows.flatMap((r) => r.sources))].join(", ")}`;
      report({ message: message + roleHint(source), ...(role === "infrastructure" ? { remediation: targetRoleFix(resource.type) } : {}) });
    });
  },
});
