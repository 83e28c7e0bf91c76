/** IAM documents and names for the cluster and its nodes, as JSON literals. */

/** Deterministic role names, so key policies and access entries can name them before creation. */
export const roleNames = {
  cluster: (cluster: string) => `${cluster}-cluster`,
  node: (cluster: string) => `${cluster}-node`,
  /** The sensitive pool's own node role (audit W6): a compromised general node's credentials are not a sensitive node's. */
  sensitiveNode: (cluster: string) => `${cluster}-sensitive-node`,
  deployer: (cluster: string) => `${cluster}-deployer`,
  vpcCni: (cluster: string) => `${cluster}-vpc-cni`,
  /** The Cluster Autoscaler's Pod Identity role. */
  clusterAutoscaler: (cluster: string) => `${cluster}-cluster-autoscaler`,
};

/** ARN of a role in an account. */
export function roleArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** Trust policy letting one AWS service assume a role; scoped to the account when `sourceAccount` is given. */
export function serviceTrustPolicy(service: string, sourceAccount?: string, extraActions: string[] = []): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: ["sts:AssumeRole", ...extraActions],
        ...(sourceAccount ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
      },
    ],
  });
}

/** Managed policies of the EKS cluster role. */
export const CLUSTER_ROLE_POLICIES = ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController"] as const;

/**
 * The managed policies every node role needs: joining the cluster and pulling images (`PullOnly`: pull and
 * layer download only, no repository listing or scan-result reads as with `ReadOnly`). The VPC CNI policy
 * is not here: it allows `ec2:ModifyNetworkInterfaceAttribute` on every ENI of the account, so it goes to
 * the `aws-node` service account's own Pod Identity role ({@link VPC_CNI_POLICY}), as EKS recommends, and
 * nothing holding the node's credentials (the node, a host-network pod) can re-point an ENI's security groups.
 */
export const NODE_ROLE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
] as const;

/** The VPC CNI's managed policy (IPv4 clusters): attached to the `aws-node` Pod Identity role only. */
export const VPC_CNI_POLICY = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

/** The VPC CNI's service account, `kube-system/aws-node`. */
export const VPC_CNI_SERVICE_ACCOUNT = { namespace: "kube-system", name: "aws-node" } as const;

/** The EKS Pod Identity service principal (the eks-pod-identity-agent add-on exchanges its credentials). */
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

/**
 * Trust policy of a Pod Identity role: only EKS Pod Identity may assume it (and tag the session with the
 * pod's namespace, service account and cluster), only for this account's clusters.
 */
export function podIdentityTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });
}

/**
 * Session Manager access for break-glass node access without SSH (NODE-004). Off by default: an SSM session is
 * a root shell on the node, so the stack must opt in with a justification (`nodeSsmAccess` + `nodeSsmJustification`).
 */
export const NODE_SSM_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/** EKS access policy granting cluster-admin through an access entry. */
export const CLUSTER_ADMIN_ACCESS_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
