/**
 * SecretsStoreDriver: the Secrets Store CSI driver with the AWS Secrets and Configuration Provider (ASCP),
 * installed as the `aws-secrets-store-csi-driver-provider` EKS add-on (route (a) of the install decision),
 * after the NetworkPolicy its pods need under the VPC CNI's strict mode.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { addonAgentEgress } from "../cluster/agent-egress";
import { ClusterAddons } from "../cluster/addons";
import { SECRETS_STORE_ADDON, SECRETS_STORE_NAMESPACE, SECRETS_STORE_POD_APPS, SECRETS_STORE_POLICY_NAME } from "./names";

/** Pulumi type token of the component. */
export const SECRETS_STORE_DRIVER_TYPE = "hardened-cluster:secrets:SecretsStoreDriver";

/** Arguments of {@link SecretsStoreDriver}. */
export interface SecretsStoreDriverArgs {
  /** Name of the EKS cluster, e.g. `cluster.clusterName` or a StackReference output. */
  readonly clusterName: pulumi.Input<string>;
  /** Pinned add-on version, e.g. `v3.1.3-eksbuild.1` (`aws eks describe-addon-versions --addon-name aws-secrets-store-csi-driver-provider`). */
  readonly addonVersion: string;
  /** Kubernetes provider of the cluster (for the NetworkPolicy); otherwise inherited from `opts`. */
  readonly provider?: k8s.Provider;
  /** AWS tags of the add-on. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * The spec of the platform NetworkPolicy for the driver and provider pods in `kube-system` (neither is
 * host-network, so strict mode starts them default-deny): egress to cluster DNS, HTTPS (Secrets Manager and STS
 * endpoints, the API server) and the EKS Pod Identity agent on 169.254.170.23:80 (ASCP exchanges the pod's
 * token there); no ingress.
 */
export function secretsStorePolicySpec() {
  return {
    podSelector: { matchExpressions: [{ key: "app", operator: "In", values: [...SECRETS_STORE_POD_APPS] }] },
    policyTypes: ["Ingress", "Egress"],
    egress: [
      ...addonAgentEgress(),
    ],
  };
}

/**
 * The Secrets Store CSI driver and the AWS provider, as the EKS add-on (pinned), after a NetworkPolicy letting
 * their pods reach DNS, HTTPS and the Pod Identity agent. The provider reads secrets with each pod's own
 * Pod Identity role (`usePodIdentity: "true"` in the SecretProviderClass), never with the node's role; the
 * add-on itself needs no IAM role. Create it after the node pools and, in strict mode, after pod networking.
 */
export class SecretsStoreDriver extends pulumi.ComponentResource {
  /** The NetworkPolicy of the driver and provider pods. */
  readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  /** The add-on. */
  readonly addons: ClusterAddons;

  constructor(name: string, args: SecretsStoreDriverArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!/^v\d+\.\d+\.\d+(-eksbuild\.\d+)?$/.test(args.addonVersion)) {
      throw new Error(`SecretsStoreDriver(${name}).args.addonVersion: "${args.addonVersion}" must be pinned like v3.1.3-eksbuild.1`);
    }
    super(SECRETS_STORE_DRIVER_TYPE, name, {}, opts);
    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(
      `${name}-netpol`,
      { metadata: { name: SECRETS_STORE_POLICY_NAME, namespace: SECRETS_STORE_NAMESPACE, labels: { "app.kubernetes.io/managed-by": "hardened-cluster" } }, spec: secretsStorePolicySpec() },
      // A component's dependsOn does not reach its children: the policy waits for what the driver waits for.
      { parent: this, dependsOn: opts?.dependsOn, ...(args.provider ? { provider: args.provider } : {}) },
    );
    this.addons = new ClusterAddons(
      `${name}-addon`,
      { clusterName: args.clusterName, addons: [{ name: SECRETS_STORE_ADDON, version: args.addonVersion, dependsOn: [this.networkPolicy] }], tags: args.tags },
      { parent: this, dependsOn: [this.networkPolicy] },
    );
    this.registerOutputs({});
  }
}
