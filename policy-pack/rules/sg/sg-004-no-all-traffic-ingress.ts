import { nativeResourceRule } from "../../core/native";
import { allTrafficPermitted, describeRole, describeSource, describeTraffic, tableRows, withinRow } from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

/** SG-004: all-traffic ingress only from self (intra) or on the pod SG; no port ranges wider than a row. */
export const sg004 = nativeResourceRule({
  id: "SG-004",
  name: "sg-no-all-traffic-ingress",
  description: "All-traffic ingress (-1/all) only from self (or self/node on the pod SG); TCP/UDP ranges never wider than their port-table row.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.1"],
  upstream: "EKS security group requirements (default cluster SG allows all from self only)",
  remediation: "Split the rule into port-table rows (e.g. TCP 10250, TCP+UDP 53); keep all-traffic only with self: true.",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      if (rule.protocol === "all") {
        if (allTrafficPermitted(rule, source, role, config)) return;
        report({
          message: `${describeTraffic(rule)} from ${describeSource(source)} on ${describeRole(role)}: all-traffic ingress is allowed only from self (or self/node on an SG with role pods)`,
          remediation: `Set ${rule.protocolField} to "tcp"/"udp" with the port-table ports, or make the source self.`,
        });
        return;
      }
      if ((rule.protocol !== "tcp" && rule.protocol !== "udp") || rule.fromPort === rule.toPort) return;
      if (tableRows(config).some((row) => !row.protocols.includes("all") && withinRow(rule, row))) return;
      report({
        message: `${describeTraffic(rule)} (${rule.at}fromPort/${rule.at}toPort) from ${describeSource(source)} is wider than any port-table row`,
        remediation: `Narrow ${rule.at}fromPort/${rule.at}toPort to one row (e.g. 30000-32767 for NodePorts, 10250 for the kubelet).`,
      });
    });
  },
});
