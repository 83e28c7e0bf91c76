/** IAM documents and names for the cluster and its nodes, as JSON literals. */

/** Deterministic role names, so key policies and access entries can name them before creation. */
export const roleNames = {
  cluster: (cluster: string) => `${cluster}-cluster`,
  node: (cluster: string) => `${cluster}-node`,
  deployer: (cluster: string) => `${cluster}-deployer`,
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

/** The three managed policies every node role needs. */
export const NODE_ROLE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
] as const;

/** Session Manager access for break-glass node access without SSH (NODE-004). */
export const NODE_SSM_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/** EKS access policy granting cluster-admin through an access entry. */
export const CLUSTER_ADMIN_ACCESS_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
