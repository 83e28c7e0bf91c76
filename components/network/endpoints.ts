/** The AWS services a private-only EKS node (and the in-VPC deployer) must reach without a NAT. */

/** Interface endpoints (PrivateLink), by service suffix of `com.amazonaws.<region>.<suffix>`. */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ecr.api", // image manifests and auth tokens
  "ecr.dkr", // image pulls
  "sts", // IRSA / pod identity credentials
  "ec2", // VPC CNI ENI management
  "logs", // control-plane, flow and container logs
  "monitoring", // CloudWatch metrics: the observability agent's PutMetricData and the node alarms the Deployer creates
  "elasticloadbalancing", // load-balancer controller
  "eks", // node bootstrap DescribeCluster
  "eks-auth", // EKS Pod Identity
  "kms", // envelope encryption, EBS
  "ssm", // Session Manager instead of SSH (NODE-004)
  "ssmmessages",
  "ec2messages",
] as const;

/**
 * GuardDuty Runtime Monitoring: the security agent sends runtime events to `guardduty-data`. With manual agent
 * management GuardDuty does not create this endpoint; it needs private DNS and 443 from the VPC (GuardDuty docs
 * "Prerequisite - Creating an Amazon VPC endpoint"), which the shared endpoint SG gives.
 */
export const RUNTIME_MONITORING_ENDPOINT_SERVICE = "guardduty-data";

/** The interface endpoints a private-only VPC gets: the base set, plus `guardduty-data` with runtime monitoring. */
export function interfaceEndpointServices(options: { readonly runtimeMonitoring: boolean }): string[] {
  return [...INTERFACE_ENDPOINT_SERVICES, ...(options.runtimeMonitoring ? [RUNTIME_MONITORING_ENDPOINT_SERVICE] : [])];
}

/** Gateway endpoints (route-table entries): S3 serves ECR image layers. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3"] as const;

/** Full service name of an endpoint in a region. */
export function endpointServiceName(region: string, suffix: string): string {
  return `com.amazonaws.${region}.${suffix}`;
}
