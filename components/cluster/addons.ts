import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** One managed EKS add-on at a pinned version. */
export interface AddonSpec {
  /** EKS add-on name, e.g. `vpc-cni`, `coredns`. */
  readonly name: string;
  /** Pinned version, e.g. `v1.20.4-eksbuild.1`. */
  readonly version: string;
  /** Add-on configuration as JSON text. */
  readonly configurationValues?: string;
}

/** VPC CNI configuration: NetworkPolicy enforcement on (NP-003) and custom networking for the pod subnets. */
export function vpcCniConfiguration(customNetworking: boolean): string {
  return JSON.stringify({
    enableNetworkPolicy: "true",
    ...(customNetworking ? { env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true", ENI_CONFIG_LABEL_DEF: "topology.kubernetes.io/zone" } } : {}),
  });
}

/** Arguments of {@link ClusterAddons}. */
export interface ClusterAddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly addons: readonly AddonSpec[];
  readonly tags?: Record<string, string>;
}

/**
 * Managed EKS add-ons at pinned versions. Create the networking add-ons with the cluster and CoreDNS
 * after the node pools (it needs nodes to become healthy).
 */
export class ClusterAddons extends pulumi.ComponentResource {
  readonly addons: Record<string, aws.eks.Addon> = {};

  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    for (const a of args.addons) {
      if (!/^v\d+\.\d+\.\d+(-eksbuild\.\d+)?$/.test(a.version)) throw new Error(`ClusterAddons: ${a.name} version "${a.version}" must be pinned like v1.2.3-eksbuild.1`);
      if (a.configurationValues !== undefined) JSON.parse(a.configurationValues);
    }
    super("hardened-cluster:cluster:ClusterAddons", name, {}, opts);
    for (const a of args.addons) {
      this.addons[a.name] = new aws.eks.Addon(
        `${name}-${a.name}`,
        {
          clusterName: args.clusterName,
          addonName: a.name,
          addonVersion: a.version,
          configurationValues: a.configurationValues,
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "PRESERVE",
          tags: { ...args.tags },
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
