import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ADDON_AGENT_NAMESPACES, ADDON_AGENT_POLICY_NAME, COREDNS_POLICY_NAME, KUBE_DNS, addonAgentPolicySpec, coreDnsPolicySpec, type NetworkPolicySpecData } from "../../policy-pack/baseline/tenancy";

/** Add-on agents whose namespace (and its policy) {@link SystemNetworkPolicies} prepares. */
export type AddonAgent = keyof typeof ADDON_AGENT_NAMESPACES;

/** Args of {@link SystemNetworkPolicies}. */
export interface SystemNetworkPoliciesArgs {
  /**
   * Add-ons about to be created whose pods are not host-network (`guardDuty`: the `aws-guardduty-agent`
   * DaemonSet; `cloudWatch`: the `amazon-cloudwatch-observability` operator): their namespace is created with
   * its policy so the pods are not default-denied in strict mode. Default none.
   */
  readonly addonAgents?: readonly AddonAgent[];
}

const LABELS = { "app.kubernetes.io/managed-by": "hardened-cluster" };

const specOf = (spec: NetworkPolicySpecData) => ({
  podSelector: spec.podSelector,
  policyTypes: [...spec.policyTypes],
  ingress: spec.ingress?.map((r) => ({ ...r })),
  egress: spec.egress?.map((r) => ({ ...r })),
});

/**
 * The platform's own NetworkPolicies that the VPC CNI's `strict` enforcing mode needs before system pods start
 * (W5): CoreDNS in `kube-system` (from {@link coreDnsPolicySpec}) and, per `addonAgents`, the namespaces of
 * add-ons whose pods are not host-network with their policy ({@link addonAgentPolicySpec}: DNS and HTTPS egress;
 * the namespace is created here because the policy must exist before the add-on's pods, and the add-on adopts
 * it). Create it with the cluster's provider after the networking add-ons and before CoreDNS and those
 * add-ons. Host-network pods (aws-node, kube-proxy, the Pod Identity and CloudWatch agents) are never
 * default-denied and need none.
 */
export class SystemNetworkPolicies extends pulumi.ComponentResource {
  readonly coreDns: k8s.networking.v1.NetworkPolicy;
  /** The add-on agent policies, by agent. */
  readonly addonAgents: Partial<Record<AddonAgent, { namespace: k8s.core.v1.Namespace; policy: k8s.networking.v1.NetworkPolicy }>> = {};

  constructor(name: string, args: SystemNetworkPoliciesArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("hardened-cluster:cluster:SystemNetworkPolicies", name, {}, opts);
    this.coreDns = new k8s.networking.v1.NetworkPolicy(
      `${name}-coredns`,
      { metadata: { name: COREDNS_POLICY_NAME, namespace: KUBE_DNS.namespace, labels: LABELS }, spec: specOf(coreDnsPolicySpec()) },
      { parent: this },
    );
    for (const agent of [...new Set(args.addonAgents ?? [])]) {
      const { namespace, ingressPorts } = ADDON_AGENT_NAMESPACES[agent];
      const ns = new k8s.core.v1.Namespace(`${name}-${namespace}`, { metadata: { name: namespace, labels: LABELS } }, { parent: this });
      const policy = new k8s.networking.v1.NetworkPolicy(
        `${name}-${namespace}`,
        { metadata: { name: ADDON_AGENT_POLICY_NAME, namespace: ns.metadata.name, labels: LABELS }, spec: specOf(addonAgentPolicySpec(ingressPorts)) },
        { parent: this },
      );
      this.addonAgents[agent] = { namespace: ns, policy };
    }
    this.registerOutputs({});
  }
}
