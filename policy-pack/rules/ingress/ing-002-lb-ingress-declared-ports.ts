import { LB_INGRESS_POLICY_NAME } from "../../baseline/ingress";
import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { isAbsentOrEmpty, NETWORK_POLICY_TYPE } from "../network/netpol";

/**
 * ING-002: the platform's allow-from-load-balancer NetworkPolicy of a tenant namespace admits only what a load
 * balancer needs: every rule names `ipBlock` peers (the load balancers' subnets, never the world, no except
 * needed) and lists ports (the tenant's declared ingress ports, each a single port, never a range), and the
 * policy selects Ingress only.
 */
export const ing002 = resourceRule({
  id: "ING-002",
  name: "lb-ingress-policy-declared-ports-only",
  description: `The "${LB_INGRESS_POLICY_NAME}" NetworkPolicy admits only ipBlock peers (no world CIDR, no pod or namespace selectors) on listed single ports, and has no egress.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["network", "ingress", "tenancy"],
  seed: ["S1 §5.7", "S4"],
  upstream: "Kubernetes NetworkPolicy API; AWS Load Balancer Controller target type ip (ALB nodes forward from their subnet addresses)",
  remediation: `Build the policy from the tenant's declared ingress ports and the load balancers' subnet CIDRs (components/ingress loadBalancerIngressPolicySpec); put other traffic in its own policy.`,
  resourceTypes: [NETWORK_POLICY_TYPE],
  check(resource, report) {
    const read = readMaybeUnknown(() => ({ name: resource.props?.metadata?.name, spec: resource.props?.spec ?? {} }));
    if (!read.known) return report(cannotVerify("metadata.name / spec"));
    if (read.value.name !== LB_INGRESS_POLICY_NAME) return;
    const spec = read.value.spec as Record<string, any>;
    if (!isAbsentOrEmpty(spec.egress) || (Array.isArray(spec.policyTypes) && spec.policyTypes.includes("Egress"))) report("spec has egress: the load-balancer policy admits ingress only");
    const rules: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
    rules.forEach((rule, i) => {
      if (isAbsentOrEmpty(rule?.ports)) report(`spec.ingress[${i}] lists no ports: it admits the load balancers on every port, not the declared ones`);
      (Array.isArray(rule?.ports) ? rule.ports : []).forEach((p: any, j: number) => {
        if (p?.endPort !== undefined) report(`spec.ingress[${i}].ports[${j}] is a range (${p.port}-${p.endPort}): declare single ports`);
        if (typeof p?.port !== "number") report(`spec.ingress[${i}].ports[${j}].port is ${JSON.stringify(p?.port)}: declare numeric ports (a named port can match any container port)`);
      });
      if (isAbsentOrEmpty(rule?.from)) return report(`spec.ingress[${i}] has no from: it admits every source, not the load balancers' subnets`);
      (rule.from as any[]).forEach((peer, j) => {
        if (!peer?.ipBlock) return report(`spec.ingress[${i}].from[${j}] is not an ipBlock: the load-balancer policy admits the load balancers' subnets only`);
        if (/\/0$/.test(String(peer.ipBlock.cidr))) report(`spec.ingress[${i}].from[${j}].ipBlock.cidr is ${peer.ipBlock.cidr}: that is every address, not the load balancers' subnets`);
      });
    });
  },
});
