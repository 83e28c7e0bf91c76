/** Type tokens the log rules read. */
export const LOG_TYPES = {
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  cluster: "aws:eks/cluster:Cluster",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** The log group EKS writes control-plane logs to. */
export function eksLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/** Matches an EKS control-plane log group name. */
export const EKS_LOG_GROUP = /^\/aws\/eks\/[^/]+\/cluster$/;
