import { portRow } from "../../baseline/ports";
import { nativeResourceRule } from "../../core/native";
import { allTrafficPermitted, describeSource, describeTraffic, overlapsPorts, roleHint, sourceKinds } from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

/** From the port table's `dns` row: self and the in-cluster SGs (cluster, node and pod SGs of every pool class). */
const CLUSTER_SOURCES = portRow("dns").sources.filter((s) => s !== "trusted-cidrs" && s !== "trusted-sgs" && s !== "vpc-cidr");

/** SG-005: DNS (53) only from self or the cluster/node/pod SGs, never from a CIDR. */
export const sg005 = nativeResourceRule({
  id: "SG-005",
  name: "sg-dns-from-cluster-only",
  description: "Port 53 (TCP/UDP) ingress only from self or a cluster/node/pod SG, never from a CIDR.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.1"],
  upstream: "EKS security group requirements (TCP and UDP 53 to the cluster SG)",
  remediation: "Use self: true rules for TCP and UDP 53 (or reference the node/cluster SG).",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      if (!overlapsPorts(rule, 53, 53) || allTrafficPermitted(rule, source, role, config)) return;
      const kinds = sourceKinds(source, config);
      if (CLUSTER_SOURCES.some((k) => kinds.has(k))) return; // CIDRs and prefix lists never count as cluster sources (sourceKinds)
      report({
        message: `${describeTraffic(rule)} reaches DNS (53) from ${describeSource(source)}; DNS may come only from self or the cluster/node SG${roleHint(source)}`,
        remediation: `Replace ${source.field} with self: true (or the node/cluster SG) for TCP and UDP 53.`,
      });
    });
  },
});
