/** The AWS services a private-only EKS node (and the in-VPC deployer) must reach without a NAT. */

/** Interface endpoints (PrivateLink), by service suffix of `com.amazonaws.<region>.<suffix>`. */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ecr.api", // image manifests and auth tokens
  "ecr.dkr", // image pulls
  "sts", // IRSA / pod identity credentials
  "ec2", // VPC CNI ENI management
  "logs", // control-plane, flow and container logs
  "elasticloadbalancing", // load-balancer controller
  "eks", // node bootstrap DescribeCluster
  "eks-auth", // EKS Pod Identity
  "kms", // envelope encryption, EBS
  "ssm", // Session Manager instead of SSH (NODE-004)
  "ssmmessages",
  "ec2messages",
] as const;

/** Gateway endpoints (route-table entries): S3 serves ECR image layers. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3"] as const;

/** Full service name of an endpoint in a region. */
export function endpointServiceName(region: string, suffix: string): string {
  return `com.amazonaws.${region}.${suffix}`;
}
