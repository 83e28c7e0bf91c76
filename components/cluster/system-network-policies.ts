import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { COREDNS_POLICY_NAME, KUBE_DNS, coreDnsPolicySpec } from "../../policy-pack/baseline/tenancy";

/**
 * The platform's own NetworkPolicies that the VPC CNI's `strict` enforcing mode needs before system pods start
 * (W5): CoreDNS in `kube-system` (from {@link coreDnsPolicySpec}). Create it with the cluster's provider after
 * the networking add-ons and before CoreDNS. Host-network pods (aws-node, kube-proxy, the Pod Identity and
 * CloudWatch agents) are never default-denied and need none.
 */
export class SystemNetworkPolicies extends pulumi.ComponentResource {
  readonly coreDns: k8s.networking.v1.NetworkPolicy;

  constructor(name: string, args: Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super("hardened-cluster:cluster:SystemNetworkPolicies", name, {}, opts);
    void args;
    const spec = coreDnsPolicySpec();
    this.coreDns = new k8s.networking.v1.NetworkPolicy(
      `${name}-coredns`,
      {
        metadata: { name: COREDNS_POLICY_NAME, namespace: KUBE_DNS.namespace, labels: { "app.kubernetes.io/managed-by": "hardened-cluster" } },
        spec: {
          podSelector: spec.podSelector,
          policyTypes: [...spec.policyTypes],
          ingress: spec.ingress?.map((r) => ({ ...r })),
          egress: spec.egress?.map((r) => ({ ...r })),
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
