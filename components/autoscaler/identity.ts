import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy } from "../cluster/iam";
import { clusterAutoscalerPolicy } from "./permissions";
import { ACCOUNT_ID, IAM_ROLE_NAME } from "../detection/args-error";

/** The autoscaler's service account. */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = { namespace: "kube-system", name: "cluster-autoscaler" } as const;

/** Arguments of {@link ClusterAutoscalerIdentity}. */
export interface ClusterAutoscalerIdentityArgs {
  /** EKS cluster name (literal: the policy's tag condition and node-group ARNs name it). */
  readonly clusterName: string;
  /** The cluster resource's name output (`cluster.clusterName`): the association waits for the cluster. */
  readonly cluster: pulumi.Input<string>;
  /** Role name (deterministic), at most 64 characters. */
  readonly roleName: string;
  /** AWS region of the cluster (literal). */
  readonly region: string;
  /** 12-digit account id (literal): the trust policy's `aws:SourceAccount` and the policy's ARNs. */
  readonly accountId: string;
  /** AWS tags of the role and association. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * The Cluster Autoscaler's AWS identity: a role only EKS Pod Identity may assume, with the least-privilege policy of
 * {@link clusterAutoscalerPolicy} (capacity changes only on this cluster's tagged groups), associated with
 * `kube-system/cluster-autoscaler`. AWS resources: create it in the AWS stack (the association may precede the
 * service account).
 */
export class ClusterAutoscalerIdentity extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
  readonly association: aws.eks.PodIdentityAssociation;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: ClusterAutoscalerIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!ACCOUNT_ID.test(args.accountId)) throw new Error(`ClusterAutoscalerIdentity ${name}: accountId "${args.accountId}" must be a 12-digit AWS account id`);
    if (!IAM_ROLE_NAME.test(args.roleName)) throw new Error(`ClusterAutoscalerIdentity ${name}: roleName "${args.roleName}" must be an IAM role name of at most 64 characters`);
    if (!/^[a-zA-Z][a-zA-Z0-9-]{0,99}$/.test(args.clusterName)) throw new Error(`ClusterAutoscalerIdentity ${name}: clusterName "${args.clusterName}" is not an EKS cluster name`);
    super("hardened-cluster:autoscaler:ClusterAutoscalerIdentity", name, {}, opts);
    const tags = { ...args.tags };
    this.role = new aws.iam.Role(name, { name: args.roleName, assumeRolePolicy: podIdentityTrustPolicy(args.accountId), tags }, { parent: this });
    this.policy = new aws.iam.RolePolicy(name, { role: this.role.name, policy: clusterAutoscalerPolicy(args.clusterName, args.region, args.accountId) }, { parent: this });
    this.association = new aws.eks.PodIdentityAssociation(
      name,
      { clusterName: args.cluster, namespace: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.namespace, serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.name, roleArn: this.role.arn, tags },
      { parent: this, dependsOn: [this.policy] },
    );
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
