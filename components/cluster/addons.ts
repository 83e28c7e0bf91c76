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
  /** EKS Pod Identity associations the add-on manages (its service account → IAM role). */
  readonly podIdentityAssociations?: readonly { readonly serviceAccount: string; readonly roleArn: pulumi.Input<string> }[];
  /** Names of add-ons of the same group created first (e.g. the Pod Identity agent before an add-on using it). */
  readonly after?: readonly string[];
  /** Resources the add-on waits for (e.g. its role's policy attachments). */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * How the VPC CNI applies NetworkPolicies to a new pod: `strict` starts it with default deny until its
 * policies are programmed (and denies pods no policy selects, host-network pods excepted), `standard` starts
 * it with default allow. Strict needs explicit policies for system pods such as CoreDNS
 * ({@link SystemNetworkPolicies}).
 */
export type NetworkPolicyEnforcingMode = "strict" | "standard";

/**
 * VPC CNI configuration: NetworkPolicy enforcement on (NP-003) in `strict` mode by default (W5: EKS docs,
 * "Restrict Pod network traffic", step 1) and custom networking for the pod subnets. With `securityGroupsForPods`
 * (the sensitive pool's own pod SG, audit W6) `ENABLE_POD_ENI` lets the VPC resource controller attach trunk ENIs
 * and give SecurityGroupPolicy-selected pods branch ENIs with their own SG, and `DISABLE_TCP_EARLY_DEMUX` on the
 * init container lets kubelet TCP probes reach those pods (EKS user guide, "Configure the Amazon VPC CNI plugin for
 * Kubernetes for security groups for Amazon EKS Pods"; `POD_SECURITY_GROUP_ENFORCING_MODE` stays `strict`, the
 * default, so all of a sensitive pod's traffic, same-node included, passes its SG).
 */
export function vpcCniConfiguration(customNetworking: boolean, mode: NetworkPolicyEnforcingMode = "strict", securityGroupsForPods = false): string {
  return JSON.stringify({
    enableNetworkPolicy: "true",
    env: {
      NETWORK_POLICY_ENFORCING_MODE: mode,
      ...(customNetworking ? { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true", ENI_CONFIG_LABEL_DEF: "topology.kubernetes.io/zone" } : {}),
      ...(securityGroupsForPods ? { ENABLE_POD_ENI: "true" } : {}),
    },
    ...(securityGroupsForPods ? { init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } } } : {}),
  });
}

/** Arguments of {@link ClusterAddons}. */
export interface ClusterAddonsArgs {
  /** Name of the EKS cluster the add-ons install into, e.g. `cluster.clusterName`. */
  readonly clusterName: pulumi.Input<string>;
  /**
   * The add-ons, each pinned like `v1.2.3-eksbuild.1` (checked before registration); `configurationValues` must be
   * JSON and `after` names add-ons created first.
   */
  readonly addons: readonly AddonSpec[];
  /** AWS tags of every add-on. Default `{}`. */
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
      for (const before of a.after ?? []) {
        const index = args.addons.findIndex((b) => b.name === before);
        if (index < 0 || index >= args.addons.indexOf(a)) throw new Error(`ClusterAddons: ${a.name}.after names ${before}, which must be listed earlier in the same group`);
      }
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
          ...(a.podIdentityAssociations ? { podIdentityAssociations: a.podIdentityAssociations.map((p) => ({ serviceAccount: p.serviceAccount, roleArn: p.roleArn })) } : {}),
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "PRESERVE",
          tags: { ...args.tags },
        },
        { parent: this, dependsOn: [...(a.after ?? []).map((n) => this.addons[n]), ...(a.dependsOn ?? [])] },
      );
    }
    this.registerOutputs({});
  }
}
