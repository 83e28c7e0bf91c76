/** NetworkPolicies of the ingress path, as plain data (built here, judged by NP-* and ING-002). */
import type { NetworkPolicySpecData } from "../../policy-pack/baseline/tenancy";
import { addonAgentEgress } from "../cluster/agent-egress";
import { LB_INGRESS_POLICY_NAME } from "../../policy-pack/baseline/ingress";
import { LBC_WEBHOOK_PORT } from "./version";

export { LB_INGRESS_POLICY_NAME };

/**
 * The controller's own policy for the VPC CNI's strict mode (every pod of its namespace): ingress only on the
 * webhook port (the API server calls it; the cluster SG → pod SG row bounds the source, `apiServerCidrs` too), egress to cluster DNS,
 * HTTPS (the API server and the AWS APIs: ELB, EC2, ACM, WAF, Shield through the endpoints or the NAT; the pod
 * security group bounds the destinations) and the EKS Pod Identity Agent on the node (its credentials).
 */
export function controllerPolicySpec(apiServerCidrs: readonly string[] = []): NetworkPolicySpecData {
  const webhook = { ports: [{ protocol: "TCP", port: LBC_WEBHOOK_PORT }] };
  return {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
    // With `apiServerCidrs` (the VPC: EKS calls webhooks from its cross-account ENIs in the cluster subnets) only from there.
    ingress: [apiServerCidrs.length > 0 ? { from: apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ...webhook } : webhook],
    egress: [
      ...addonAgentEgress(),
    ],
  };
}

/**
 * A tenant namespace's ingress from its load balancers: every pod, only from `sourceCidrs` (the subnets the
 * tenant's load balancers live in: ALB nodes forward from their own addresses there, target type ip) and only
 * on the tenant's declared `ports`. The tenant's default-deny stays; this adds exactly that path (ING-002).
 */
export function loadBalancerIngressPolicySpec(sourceCidrs: readonly string[], ports: readonly number[]): NetworkPolicySpecData {
  if (sourceCidrs.length === 0) throw new Error("loadBalancerIngressPolicySpec: no source CIDRs (the load balancers' subnets)");
  if (ports.length === 0) throw new Error("loadBalancerIngressPolicySpec: no ports (declare the tenant's ingress ports)");
  return {
    podSelector: {},
    policyTypes: ["Ingress"],
    ingress: [{ from: sourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [...new Set(ports)].sort((a, b) => a - b).map((port) => ({ protocol: "TCP", port })) }],
  };
}
