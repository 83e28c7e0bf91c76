import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy, VPC_CNI_POLICY, VPC_CNI_SERVICE_ACCOUNT } from "./iam";
import { ACCOUNT_ID, IAM_ROLE_NAME } from "../detection/args-error";

/** Arguments of {@link VpcCniIdentity}. */
export interface VpcCniIdentityArgs {
  /** Role name (deterministic: `roleNames.vpcCni(cluster)`). */
  readonly roleName: string;
  readonly accountId: string;
  readonly tags?: Record<string, string>;
}

/**
 * The IAM identity of the VPC CNI (`kube-system/aws-node`): a role only EKS Pod Identity may assume, with
 * `AmazonEKS_CNI_Policy`. EKS recommends Pod Identity for add-ons (the eks-pod-identity-agent add-on is
 * installed with the cluster), so the node role no longer carries the CNI's ENI rights (W1). Wire it to the
 * `vpc-cni` add-on with {@link VpcCniIdentity.association} and make the add-on wait for {@link VpcCniIdentity.attachment}.
 */
export class VpcCniIdentity extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly attachment: aws.iam.RolePolicyAttachment;
  /** The add-on's Pod Identity association: `aws-node` → this role. */
  readonly association: { readonly serviceAccount: string; readonly roleArn: pulumi.Output<string> };

  constructor(name: string, args: VpcCniIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!ACCOUNT_ID.test(args.accountId)) throw new Error(`VpcCniIdentity: accountId "${args.accountId}" must be a 12-digit AWS account id`);
    if (!IAM_ROLE_NAME.test(args.roleName)) throw new Error(`VpcCniIdentity: roleName "${args.roleName}" must be an IAM role name of at most 64 characters`);
    super("hardened-cluster:cluster:VpcCniIdentity", name, {}, opts);
    this.role = new aws.iam.Role(name, { name: args.roleName, assumeRolePolicy: podIdentityTrustPolicy(args.accountId), tags: { ...args.tags } }, { parent: this });
    this.attachment = new aws.iam.RolePolicyAttachment(`${name}-cni`, { role: this.role.name, policyArn: VPC_CNI_POLICY }, { parent: this });
    this.association = { serviceAccount: VPC_CNI_SERVICE_ACCOUNT.name, roleArn: this.role.arn };
    this.registerOutputs({ roleArn: this.role.arn });
  }
}
