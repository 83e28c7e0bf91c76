import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** API version and kind of the VPC resource controller's SecurityGroupPolicy (EKS installs the CRD). */
export const SECURITY_GROUP_POLICY = { apiVersion: "vpcresources.k8s.aws/v1beta1", kind: "SecurityGroupPolicy" } as const;

/** Name of the SecurityGroupPolicy the platform puts in each sensitive namespace. */
export const SENSITIVE_POD_SG_POLICY_NAME = "sensitive-pod-sg";

/** Arguments of {@link SensitivePodSecurityGroups}. */
export interface SensitivePodSecurityGroupsArgs {
  /** Namespaces of sensitive-tier tenants (each gets one SecurityGroupPolicy selecting all its pods). */
  readonly namespaces: readonly string[];
  /** The Firewall's `sensitive-pods` SG (`firewall.sensitivePodSecurityGroupId`, or the AWS stack's `securityGroups.sensitivePods`). */
  readonly securityGroupId: pulumi.Input<string>;
}

/**
 * Security groups for pods for the sensitive tier (audit W6): one `SecurityGroupPolicy` per sensitive namespace with
 * an empty `podSelector` (every pod of the namespace), so the VPC resource controller gives each of those pods a
 * branch ENI carrying only the `sensitive-pods` SG instead of the shared pod SG of the ENIConfigs. Chosen over a
 * second ENIConfig set because the VPC CNI picks one ENIConfig per node from a single label key (here
 * `topology.kubernetes.io/zone`), so a second set would need one node group per AZ and pool; the policy also binds the
 * SG to the tenant rather than to wherever its pods land. Requires `ENABLE_POD_ENI` (Cluster `securityGroupsForPods`)
 * and trunk-capable (Nitro, non-`t`) instance types on the sensitive pool. In-cluster resources: pass the cluster's
 * Kubernetes provider; create after the namespaces.
 */
export class SensitivePodSecurityGroups extends pulumi.ComponentResource {
  /** The policies by namespace. */
  readonly policies: Readonly<Record<string, k8s.apiextensions.CustomResource>>;

  constructor(name: string, args: SensitivePodSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    const dup = args.namespaces.find((n, i) => args.namespaces.indexOf(n) !== i);
    if (dup) throw new Error(`SensitivePodSecurityGroups ${name}: namespace ${dup} is listed twice`);
    if (!args.securityGroupId) throw new Error(`SensitivePodSecurityGroups ${name}: securityGroupId is required (the Firewall's sensitivePodSecurityGroupId)`);
    super("hardened-cluster:node-pool:SensitivePodSecurityGroups", name, {}, opts);
    const policies: Record<string, k8s.apiextensions.CustomResource> = {};
    for (const namespace of args.namespaces) {
      policies[namespace] = new k8s.apiextensions.CustomResource(
        `${name}-${namespace}`,
        {
          ...SECURITY_GROUP_POLICY,
          metadata: { name: SENSITIVE_POD_SG_POLICY_NAME, namespace },
          spec: { podSelector: {}, securityGroups: { groupIds: [args.securityGroupId] } },
        },
        { parent: this },
      );
    }
    this.policies = policies;
    this.registerOutputs({ namespaces: [...args.namespaces] });
  }
}
