import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** One pod subnet per AZ, as the Network exports it. */
export interface PodSubnet {
  readonly availabilityZone: string;
  readonly subnetId: pulumi.Input<string>;
}

/** Arguments of {@link PodNetworking}. */
export interface PodNetworkingArgs {
  /** Pod subnets by AZ (the Network's `podSubnetsByAz`). */
  readonly podSubnets: readonly PodSubnet[];
  /** The Firewall's pod SG, put on every pod ENI. */
  readonly podSecurityGroupId: pulumi.Input<string>;
}

/**
 * VPC CNI custom networking: one `ENIConfig` per AZ (named after the AZ, matched through the node's
 * `topology.kubernetes.io/zone` label) placing pod ENIs in the pod subnets behind the pod SG.
 * In-cluster resources: create them with the cluster's Kubernetes provider.
 */
export class PodNetworking extends pulumi.ComponentResource {
  constructor(name: string, args: PodNetworkingArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.podSubnets.length === 0) throw new Error("PodNetworking: podSubnets is empty; pass the Network's podSubnetsByAz");
    super("hardened-cluster:network:PodNetworking", name, {}, opts);
    for (const s of args.podSubnets) {
      new k8s.apiextensions.CustomResource(
        `${name}-${s.availabilityZone}`,
        {
          apiVersion: "crd.k8s.amazonaws.com/v1alpha1",
          kind: "ENIConfig",
          metadata: { name: s.availabilityZone },
          spec: { subnet: s.subnetId, securityGroups: [args.podSecurityGroupId] },
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
