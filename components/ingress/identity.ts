import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy } from "../cluster/iam";
import { LBC_IAM_POLICY } from "./upstream/iam-policy";
import { LBC_NAMESPACE, LBC_SERVICE_ACCOUNT } from "./version";
import { ACCOUNT_ID, IAM_ROLE_NAME } from "../detection/args-error";

/** Arguments of {@link LoadBalancerControllerIdentity}. */
export interface LoadBalancerControllerIdentityArgs {
  /** The cluster whose controller gets the identity (Cluster.clusterName). */
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's account (the Pod Identity trust is limited to it). */
  readonly accountId: string;
  /** Deterministic role name, at most 64 characters (e.g. `<cluster>-lb-controller`). */
  readonly roleName: string;
  /** Namespace of the controller's ServiceAccount. Default {@link LBC_NAMESPACE}. */
  readonly namespace?: string;
  /** The controller's ServiceAccount. Default {@link LBC_SERVICE_ACCOUNT}. */
  readonly serviceAccount?: string;
  /** AWS tags of the role and policy. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * The AWS Load Balancer Controller's own AWS identity: a role only EKS Pod Identity may assume, the upstream
 * least-privilege policy of the pinned release (upstream/iam-policy.ts, vendored unmodified), and the Pod
 * Identity association of the controller's ServiceAccount. The association waits for the policy attachment so
 * the controller never starts with a role that cannot act yet (ORD-001). AWS resources only: the in-cluster
 * objects are {@link LoadBalancerController}'s.
 */
export class LoadBalancerControllerIdentity extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.Policy;
  readonly attachment: aws.iam.RolePolicyAttachment;
  readonly association: aws.eks.PodIdentityAssociation;
  /** The role's ARN. */
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: LoadBalancerControllerIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!ACCOUNT_ID.test(args.accountId)) throw new Error(`LoadBalancerControllerIdentity ${name}: accountId "${args.accountId}" must be a 12-digit AWS account id`);
    if (!IAM_ROLE_NAME.test(args.roleName)) throw new Error(`LoadBalancerControllerIdentity ${name}: roleName "${args.roleName}" must be an IAM role name of at most 64 characters`);
    super("hardened-cluster:ingress:LoadBalancerControllerIdentity", name, {}, opts);
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "ingress" };
    this.role = new aws.iam.Role(name, { name: args.roleName, assumeRolePolicy: podIdentityTrustPolicy(args.accountId), tags }, { parent: this });
    this.policy = new aws.iam.Policy(name, { name: args.roleName, description: "AWS Load Balancer Controller (upstream docs/install/iam_policy.json)", policy: JSON.stringify(LBC_IAM_POLICY), tags }, { parent: this });
    this.attachment = new aws.iam.RolePolicyAttachment(name, { role: this.role.name, policyArn: this.policy.arn }, { parent: this });
    this.association = new aws.eks.PodIdentityAssociation(
      name,
      { clusterName: args.clusterName, namespace: args.namespace ?? LBC_NAMESPACE, serviceAccount: args.serviceAccount ?? LBC_SERVICE_ACCOUNT, roleArn: this.role.arn, tags },
      { parent: this, dependsOn: [this.attachment] },
    );
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
