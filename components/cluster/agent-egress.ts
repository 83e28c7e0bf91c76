/**
 * What a platform add-on's pods (Cluster Autoscaler, AWS Load Balancer Controller, Secrets Store CSI driver and
 * provider) must reach under strict NetworkPolicy enforcement (W5: a pod no policy selects is denied): cluster DNS,
 * HTTPS (the API server and the AWS APIs through VPC endpoints or the NAT; the pod security group bounds the
 * destinations) and the EKS Pod Identity agent on the node. One definition, used by every add-on's policy.
 */
import { KUBE_DNS, NAMESPACE_NAME_LABEL } from "../../policy-pack/baseline/tenancy";

/** The EKS Pod Identity agent's link-local address on every node, where pods exchange their token for credentials. */
export const POD_IDENTITY_AGENT = { cidr: "169.254.170.23/32", port: 80 } as const;

/** NetworkPolicy egress rules of a platform add-on's pods: cluster DNS, HTTPS, and the Pod Identity agent. */
export function addonAgentEgress() {
  return [
    {
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS.namespace } }, podSelector: { matchLabels: { ...KUBE_DNS.podLabels } } }],
      ports: [
        { protocol: "UDP", port: KUBE_DNS.port },
        { protocol: "TCP", port: KUBE_DNS.port },
      ],
    },
    // The API server and the AWS APIs (VPC endpoints or NAT); the pod security group bounds the destinations.
    { ports: [{ protocol: "TCP", port: 443 }] },
    // Credentials from the EKS Pod Identity agent on the node.
    { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }], ports: [{ protocol: "TCP", port: POD_IDENTITY_AGENT.port }] },
  ];
}
