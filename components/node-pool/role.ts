import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NODE_ROLE_POLICIES, NODE_SSM_POLICY, serviceTrustPolicy } from "../cluster/iam";

/** Arguments of {@link NodeRole}. */
export interface NodeRoleArgs {
  /** Role name (deterministic, so the EBS key policy can name it). */
  readonly roleName: string;
  /**
   * Attach AmazonSSMManagedInstanceCore for Session Manager break-glass access (no SSH). Default off: a session
   * is a root shell on the node. Opting in needs {@link NodeRoleArgs.ssmJustification}.
   */
  readonly ssmAccess?: boolean;
  /** Why nodes need Session Manager (at least 20 characters); required with `ssmAccess: true`. */
  readonly ssmJustification?: string;
  /** AWS tags of the role. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** Managed policies of a node role with or without Session Manager. */
export function nodeRolePolicies(ssmAccess: boolean): string[] {
  return [...NODE_ROLE_POLICIES, ...(ssmAccess ? [NODE_SSM_POLICY] : [])];
}

/**
 * The IAM role of managed node groups: the EKS worker-node and ECR pull-only policies (the VPC CNI policy lives
 * on the `aws-node` Pod Identity role), plus Session Manager only when opted in with a justification.
 * Node groups must depend on {@link NodeRole.attachments} (`dependsOn: [nodeRole]` does it): nodes that
 * launch before the policies are attached cannot join, and on destroy the policies must outlive the groups.
 */
export class NodeRole extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly arn: pulumi.Output<string>;
  /** The role's policy attachments. */
  readonly attachments: readonly aws.iam.RolePolicyAttachment[];

  constructor(name: string, args: NodeRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!args.roleName) throw new Error("NodeRole: roleName is required");
    if (args.ssmAccess === true && (args.ssmJustification ?? "").trim().length < 20) {
      throw new Error("NodeRole: ssmAccess is true without ssmJustification; a Session Manager session is a root shell on the node, so say why (at least 20 characters) or leave ssmAccess off");
    }
    super("hardened-cluster:node-pool:NodeRole", name, {}, opts);
    this.role = new aws.iam.Role(name, { name: args.roleName, assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"), tags: { ...args.tags } }, { parent: this });
    this.attachments = nodeRolePolicies(args.ssmAccess === true).map(
      (arn) => new aws.iam.RolePolicyAttachment(`${name}-${arn.split("/").pop()}`, { role: this.role.name, policyArn: arn }, { parent: this }),
    );
    this.arn = this.role.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
