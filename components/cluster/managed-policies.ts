/**
 * Reference copies of the AWS managed policies the platform attaches, so role permissions can be simulated
 * offline (`components/cluster/permissions.ts`). Copied from the AWS Managed Policy Reference
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html) at the version noted; AWS may
 * publish a newer default version, so these are a snapshot for tests, never attached by content.
 */
import { NODE_ROLE_POLICIES, NODE_SSM_POLICY, VPC_CNI_POLICY } from "./iam";

/** An IAM policy document. */
export interface ManagedPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Record<string, unknown>[];
}

/** AmazonEKSWorkerNodePolicy v3 (edited 2023-11-27). */
const WORKER_NODE: ManagedPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "WorkerNodePermissions",
      Effect: "Allow",
      Action: [
        "ec2:DescribeInstances", "ec2:DescribeInstanceTypes", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
        "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications", "ec2:DescribeVpcs", "eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity",
      ],
      Resource: "*",
    },
  ],
};

/**
 * AmazonEC2ContainerRegistryPullOnly v1 (created 2024-10-04): authorization token, image and layer download,
 * and pull-through-cache import (the fourth action as listed in the reference; the page's excerpt was cut).
 */
const ECR_PULL_ONLY: ManagedPolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchImportUpstreamImage"], Resource: "*" }],
};

/** AmazonEKS_CNI_Policy v5 (edited 2024-03-04). */
const CNI: ManagedPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AmazonEKSCNIPolicy",
      Effect: "Allow",
      Action: [
        "ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeInstances",
        "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes", "ec2:DescribeSubnets", "ec2:DetachNetworkInterface",
        "ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses",
      ],
      Resource: "*",
    },
    { Sid: "AmazonEKSCNIPolicyENITag", Effect: "Allow", Action: ["ec2:CreateTags"], Resource: ["arn:aws:ec2:*:*:network-interface/*"] },
  ],
};

/**
 * AmazonSSMManagedInstanceCore, reduced to the session and messaging actions that make it a remote shell
 * (enough to show the opt-in changes what the node role can do).
 */
const SSM_CORE_EXCERPT: ManagedPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "ec2messages:GetMessages"], Resource: "*" },
  ],
};

const [WORKER_NODE_ARN, ECR_PULL_ONLY_ARN] = NODE_ROLE_POLICIES;

/** Documents by managed-policy ARN. */
export const MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, ManagedPolicyDocument>> = {
  [WORKER_NODE_ARN]: WORKER_NODE,
  [ECR_PULL_ONLY_ARN]: ECR_PULL_ONLY,
  [VPC_CNI_POLICY]: CNI,
  [NODE_SSM_POLICY]: SSM_CORE_EXCERPT,
};

/** The documents of attached managed policies; throws for a policy without a reference copy. */
export function managedPolicyDocuments(arns: readonly string[]): ManagedPolicyDocument[] {
  return arns.map((arn) => {
    const doc = MANAGED_POLICY_DOCUMENTS[arn];
    if (!doc) throw new Error(`no reference copy of ${arn} in components/cluster/managed-policies.ts; add it before simulating a role that attaches it`);
    return doc;
  });
}
