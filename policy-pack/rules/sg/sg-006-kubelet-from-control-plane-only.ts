import { kubeletSources } from "../../baseline/ports";
import { nativeResourceRule } from "../../core/native";
import { allTrafficPermitted, describeSource, describeTraffic, overlapsPorts, roleHint, sourceKinds, sourceRoleFix } from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

/** From the port table: the cluster/control-plane SG, self, and the pod SG (metrics-server, row `kubelet-pods`). */
const KUBELET_SOURCES = kubeletSources();

/** SG-006: kubelet 10250 only from the port table's kubelet sources. */
export const sg006 = nativeResourceRule({
  id: "SG-006",
  name: "sg-kubelet-from-control-plane-only",
  description: "Kubelet API (TCP 10250) ingress only from the port table's kubelet sources: the cluster/control-plane SG, self, or the pod SG (metrics-server).",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.6", "S0"],
  upstream: "kubernetes.io Ports and Protocols; kubernetes/kubernetes#136550",
  remediation: "Set the 10250 rule's source to the cluster security group (vpcConfig.clusterSecurityGroupId).",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      if (rule.protocol === "udp" || !overlapsPorts(rule, 10250, 10250) || allTrafficPermitted(rule, source, role, config)) return;
      const kinds = sourceKinds(source, config);
      if (KUBELET_SOURCES.some((k) => kinds.has(k))) return; // CIDRs and prefix lists never count as kubelet sources (sourceKinds)
      report({
        message: `${describeTraffic(rule)} reaches the kubelet (10250) from ${describeSource(source)}; only the cluster/control-plane SG, self or the pod SG (metrics-server) may${roleHint(source)}`,
        remediation:
          source.kind === "sg" && !source.role
            ? `Replace ${source.field} with the cluster security group, or if it already is: ${sourceRoleFix(source).replace("<node|cluster|control-plane|lb|pods>", "cluster")}.`
            : `Replace ${source.field} with the cluster security group (vpcConfig.clusterSecurityGroupId).`,
      });
    });
  },
});
