/**
 * The Cluster Autoscaler's IAM policy (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md,
 * "Full Cluster Autoscaler Features Policy", tag cluster-autoscaler-1.35.2), narrowed: the two mutating calls only
 * on Auto Scaling groups tagged `k8s.io/cluster-autoscaler/<cluster>` (EKS tags every managed node group's ASG
 * `owned`), `eks:DescribeNodegroup` only on this cluster's node groups, the read-only describe calls on `*` (they
 * support no resource-level scoping).
 */

/** The ASG tag that marks a group as this cluster's (EKS sets it to `owned` on managed node groups). */
export function clusterOwnershipTag(clusterName: string): string {
  return `k8s.io/cluster-autoscaler/${clusterName}`;
}

/** The auto-discovery tag every autoscaled group carries (EKS sets it to `true` on managed node groups). */
export const AUTODISCOVERY_TAG = "k8s.io/cluster-autoscaler/enabled";

/** Describe calls the autoscaler makes (no resource-level permissions in IAM). */
export const AUTOSCALER_DESCRIBE_ACTIONS = [
  "autoscaling:DescribeAutoScalingGroups",
  "autoscaling:DescribeAutoScalingInstances",
  "autoscaling:DescribeLaunchConfigurations",
  "autoscaling:DescribeScalingActivities",
  "ec2:DescribeImages",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeLaunchTemplateVersions",
  "ec2:GetInstanceTypesFromInstanceRequirements",
] as const;

/** The only calls that change capacity. */
export const AUTOSCALER_SCALE_ACTIONS = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"] as const;

/** The autoscaler's permission policy for one cluster, as a JSON literal. */
export function clusterAutoscalerPolicy(clusterName: string, region: string, accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Describe", Effect: "Allow", Action: [...AUTOSCALER_DESCRIBE_ACTIONS], Resource: "*" },
      {
        Sid: "ScaleThisClustersGroups",
        Effect: "Allow",
        Action: [...AUTOSCALER_SCALE_ACTIONS],
        Resource: `arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/*`,
        Condition: { StringEquals: { [`aws:ResourceTag/${clusterOwnershipTag(clusterName)}`]: "owned" } },
      },
      // Labels and taints of a managed node group that has never had a node (scale from zero).
      { Sid: "DescribeThisClustersNodegroups", Effect: "Allow", Action: ["eks:DescribeNodegroup"], Resource: `arn:aws:eks:${region}:${accountId}:nodegroup/${clusterName}/*/*` },
    ],
  });
}
