import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NODE_ROLE_POLICIES, NODE_SSM_POLICY, serviceTrustPolicy } from "../cluster/iam";

/** Arguments of {@link NodeRole}. */
export interface NodeRoleArgs {
  /** Role name (deterministic, so the EBS key policy can name it). */
  readonly roleName: string;
  /** Attach AmazonSSMManagedInstanceCore for Session Manager break-glass access (no SSH). Default true. */
  readonly ssmAccess?: boolean;
  readonly tags?: Record<string, string>;
}

/** The IAM role of managed node groups: the three EKS node policies (plus SSM unless disabled). */
export class NodeRole extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: NodeRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!args.roleName) throw new Error("NodeRole: roleName is required");
    super("hardened-cluster:node-pool:NodeRole", name, {}, opts);
    this.role = new aws.iam.Role(name, { name: args.roleName, assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"), tags: { ...args.tags } }, { parent: this });
    const policies = [...NODE_ROLE_POLICIES, ...(args.ssmAccess === false ? [] : [NODE_SSM_POLICY])];
    for (const arn of policies) {
      new aws.iam.RolePolicyAttachment(`${name}-${arn.split("/").pop()}`, { role: this.role.name, policyArn: arn }, { parent: this });
    }
    this.arn = this.role.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
