import { SELF_MANAGED_ONLY_PORTS } from "../../baseline/ports";
import { nativeResourceRule } from "../../core/native";
import { allTrafficPermitted, describeSource, describeTraffic, overlapsPorts } from "../../core/security-groups";
import { eachIngressSource, INGRESS_TYPES } from "./each-ingress";

/** Components only self-managed control planes run; on those, the ports are self-only. */
const SELF_ONLY = SELF_MANAGED_ONLY_PORTS.filter((p) => p.fromPort !== 6443);

/** SG-003: etcd/6443/scheduler/controller-manager ports closed on EKS; self-only when self-managed. */
export const sg003 = nativeResourceRule({
  id: "SG-003",
  name: "sg-no-self-managed-control-plane-ports",
  description: "On EKS no ingress may reach etcd (2379-2380), 6443, 10257 or 10259; when self-managed, etcd/scheduler/controller-manager are self-only.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["sg", "aws"],
  seed: ["S1 §5.4.5", "S0"],
  upstream: "kubernetes.io Ports and Protocols",
  remediation: "Remove the rule: on EKS etcd, the scheduler and the controller-manager are AWS-managed and never reachable from the VPC.",
  resourceTypes: INGRESS_TYPES,
  check(resource, report, config) {
    eachIngressSource(resource, config, report, (rule, source, role) => {
      if (allTrafficPermitted(rule, source, role, config)) return;
      const eks = config.controlPlane === "eks";
      for (const p of eks ? SELF_MANAGED_ONLY_PORTS : SELF_ONLY) {
        if (!overlapsPorts(rule, p.fromPort, p.toPort)) continue;
        if (!eks && source.kind === "self") continue;
        const range = p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}-${p.toPort}`;
        report({
          message: eks
            ? `${describeTraffic(rule)} (${rule.at}fromPort/${rule.at}toPort) from ${describeSource(source)} reaches ${p.what} port ${range}, which does not exist on EKS`
            : `${describeTraffic(rule)} from ${describeSource(source)} reaches ${p.what} port ${range}; only the control-plane SG itself (self: true) may`,
          remediation: eks
            ? `Remove the rule or narrow ${rule.at}fromPort/${rule.at}toPort so it excludes ${range}.`
            : `Set the source to self (self: true) for ${range}.`,
        });
      }
    });
  },
});
