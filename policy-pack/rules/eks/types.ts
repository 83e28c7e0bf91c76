/** Type tokens the EKS rules read. */
export const EKS_TYPES = {
  cluster: "aws:eks/cluster:Cluster",
  accessEntry: "aws:eks/accessEntry:AccessEntry",
  accessPolicyAssociation: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  kmsKey: "aws:kms/key:Key",
} as const;
