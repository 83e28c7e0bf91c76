/**
 * What the node role and the VPC CNI's Pod Identity role must and must not be able to do, as a table of
 * simulated requests (issue 15, item 4; audit W1). The tests simulate every row with
 * `@cloud-copilot/iam-simulate` against the roles' attached policies as the stacks render them (managed
 * policies through their reference copies in `managed-policies.ts`) and the roles' trust policies.
 */

/** One simulated request. */
export interface RolePermissionCase {
  /** What the row proves. */
  readonly why: string;
  readonly action: string;
  /** Resource ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  readonly expect: "allowed" | "denied";
}

/** One simulated `sts:AssumeRole*` against a trust policy. */
export interface TrustCase {
  readonly why: string;
  /** Service principal or role ARN that tries to assume the role. */
  readonly principal: string;
  readonly action: "sts:AssumeRole" | "sts:TagSession" | "sts:AssumeRoleWithWebIdentity";
  readonly context?: Readonly<Record<string, string>>;
  readonly expect: "allowed" | "denied";
}

const eni = (region: string, accountId: string) => `arn:aws:ec2:${region}:${accountId}:network-interface/eni-0123456789abcdef0`;

/** The node role: join the cluster, pull images; nothing that re-points ENIs, passes roles or opens shells. */
export function nodeRoleTable(region: string, accountId: string): RolePermissionCase[] {
  const repo = `arn:aws:ecr:${region}:${accountId}:repository/payments/api`;
  return [
    { why: "nodes describe the cluster to join it", action: "eks:DescribeCluster", resource: `arn:aws:eks:${region}:${accountId}:cluster/c`, expect: "allowed" },
    { why: "the Pod Identity agent exchanges pod credentials", action: "eks-auth:AssumeRoleForPodIdentity", resource: `arn:aws:eks:${region}:${accountId}:cluster/c`, expect: "allowed" },
    { why: "kubelet gets an ECR token", action: "ecr:GetAuthorizationToken", resource: "*", expect: "allowed" },
    { why: "kubelet pulls image manifests", action: "ecr:BatchGetImage", resource: repo, expect: "allowed" },
    { why: "kubelet downloads layers", action: "ecr:GetDownloadUrlForLayer", resource: repo, expect: "allowed" },
    { why: "PullOnly, not ReadOnly: nodes cannot list images", action: "ecr:ListImages", resource: repo, expect: "denied" },
    { why: "PullOnly, not ReadOnly: nodes cannot read scan findings", action: "ecr:DescribeImageScanFindings", resource: repo, expect: "denied" },
    { why: "the node cannot change any ENI's security groups (CNI policy is off the node role)", action: "ec2:ModifyNetworkInterfaceAttribute", resource: eni(region, accountId), expect: "denied" },
    { why: "the node cannot create ENIs", action: "ec2:CreateNetworkInterface", resource: eni(region, accountId), expect: "denied" },
    { why: "the node cannot assign IPs to ENIs", action: "ec2:AssignPrivateIpAddresses", resource: eni(region, accountId), expect: "denied" },
    { why: "the node cannot pass any role", action: "iam:PassRole", resource: `arn:aws:iam::${accountId}:role/admin`, expect: "denied" },
    { why: "no Session Manager shell by default", action: "ssmmessages:OpenControlChannel", resource: "*", expect: "denied" },
  ];
}

/** The VPC CNI's Pod Identity role: exactly its ENI work. */
export function vpcCniRoleTable(region: string, accountId: string): RolePermissionCase[] {
  return [
    { why: "the CNI creates ENIs for pods", action: "ec2:CreateNetworkInterface", resource: eni(region, accountId), expect: "allowed" },
    { why: "the CNI attaches ENIs", action: "ec2:AttachNetworkInterface", resource: eni(region, accountId), expect: "allowed" },
    { why: "the CNI assigns pod IPs", action: "ec2:AssignPrivateIpAddresses", resource: eni(region, accountId), expect: "allowed" },
    { why: "the CNI releases pod IPs", action: "ec2:UnassignPrivateIpAddresses", resource: eni(region, accountId), expect: "allowed" },
    { why: "the CNI sets an ENI's security groups (custom networking)", action: "ec2:ModifyNetworkInterfaceAttribute", resource: eni(region, accountId), expect: "allowed" },
    { why: "the CNI tags its ENIs", action: "ec2:CreateTags", resource: eni(region, accountId), expect: "allowed" },
    { why: "the CNI cannot tag instances", action: "ec2:CreateTags", resource: `arn:aws:ec2:${region}:${accountId}:instance/i-0123456789abcdef0`, expect: "denied" },
    { why: "the CNI cannot pass any role", action: "iam:PassRole", resource: `arn:aws:iam::${accountId}:role/admin`, expect: "denied" },
    { why: "the CNI cannot pull images", action: "ecr:BatchGetImage", resource: `arn:aws:ecr:${region}:${accountId}:repository/payments/api`, expect: "denied" },
  ];
}

/** The CNI role's trust: EKS Pod Identity of this account only; not nodes, not IRSA, not another account. */
export function vpcCniTrustTable(accountId: string): TrustCase[] {
  return [
    { why: "EKS Pod Identity assumes the role for aws-node", principal: "pods.eks.amazonaws.com", action: "sts:AssumeRole", context: { "aws:SourceAccount": accountId }, expect: "allowed" },
    { why: "EKS Pod Identity tags the session (namespace, service account)", principal: "pods.eks.amazonaws.com", action: "sts:TagSession", context: { "aws:SourceAccount": accountId }, expect: "allowed" },
    { why: "Pod Identity on behalf of another account's cluster is refused", principal: "pods.eks.amazonaws.com", action: "sts:AssumeRole", context: { "aws:SourceAccount": "999999999999" }, expect: "denied" },
    { why: "EC2 (a node) cannot assume the CNI role", principal: "ec2.amazonaws.com", action: "sts:AssumeRole", context: { "aws:SourceAccount": accountId }, expect: "denied" },
    { why: "EKS itself cannot assume the CNI role", principal: "eks.amazonaws.com", action: "sts:AssumeRole", context: { "aws:SourceAccount": accountId }, expect: "denied" },
  ];
}
