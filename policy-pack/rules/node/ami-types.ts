/**
 * The EKS managed-node-group AMI types the pack accepts, and the public SSM parameters of the EKS-optimised
 * images a launch template may name with `resolve:ssm:`.
 *
 * Sources: EKS API `Nodegroup.amiType` (the @pulumi/aws `NodeGroupArgs.amiType` doc points there; the provider
 * has no enum of its own) and AWS CDK `NodegroupAmiType`, which lists AL2023_x86_64_STANDARD,
 * AL2023_ARM_64_STANDARD, AL2023_x86_64_NEURON, AL2023_x86_64_NVIDIA, AL2023_ARM_64_NVIDIA and the Bottlerocket
 * types; EKS user guide "Retrieve recommended Amazon Linux AMI IDs"
 * (`/aws/service/eks/optimized-ami/<version>/amazon-linux-2023/{x86_64,arm64}/{standard,nvidia,neuron}/recommended/image_id`)
 * and Bottlerocket "Retrieve recommended Bottlerocket AMI IDs" (`/aws/service/bottlerocket/aws-k8s-<version>/...`).
 */

/** Amazon Linux 2023 node-group AMI types (EKS API spelling: lower-case `x86_64`). */
export const AL2023_AMI_TYPES = ["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NEURON", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA"] as const;

/** Bottlerocket node-group AMI types. */
export const BOTTLEROCKET_AMI_TYPES = [
  "BOTTLEROCKET_x86_64",
  "BOTTLEROCKET_ARM_64",
  "BOTTLEROCKET_x86_64_FIPS",
  "BOTTLEROCKET_ARM_64_FIPS",
  "BOTTLEROCKET_x86_64_NVIDIA",
  "BOTTLEROCKET_ARM_64_NVIDIA",
  "BOTTLEROCKET_x86_64_NVIDIA_FIPS",
  "BOTTLEROCKET_ARM_64_NVIDIA_FIPS",
] as const;

/** Every supported hardened AMI type (AL2 types reached end of support on 26 Nov 2025 and are never accepted). */
export const SUPPORTED_AMI_TYPES: readonly string[] = [...AL2023_AMI_TYPES, ...BOTTLEROCKET_AMI_TYPES];

/** Public SSM parameter prefixes of EKS-optimised AL2023 and Bottlerocket images (the `resolve:ssm:` form). */
const EKS_OPTIMISED_PARAMETERS: readonly RegExp[] = [
  /^resolve:ssm:\/aws\/service\/eks\/optimized-ami\/\d+\.\d+\/amazon-linux-2023\/(x86_64|arm64)\/(standard|nvidia|neuron)\/recommended(\/image_id)?$/,
  /^resolve:ssm:\/aws\/service\/bottlerocket\/aws-k8s-\d+\.\d+(-nvidia)?(-fips)?\/(x86_64|arm64)\/latest\/image_id$/,
];

/** True when `imageId` is the `resolve:ssm:` public parameter of an EKS-optimised AL2023 or Bottlerocket image. */
export function isEksOptimisedParameter(imageId: string): boolean {
  return EKS_OPTIMISED_PARAMETERS.some((re) => re.test(imageId));
}

/**
 * True when `amiType` is allowed: its family prefix is in `allowedPrefixes` (config `allowedAmiTypes`) and, for the
 * AL2023 and Bottlerocket families, it is exactly one of the EKS values (EKS rejects any other spelling). `AL2_*`
 * is never allowed.
 */
export function amiTypeAllowed(amiType: string, allowedPrefixes: readonly string[]): boolean {
  if (amiType.startsWith("AL2_") || !allowedPrefixes.some((p) => amiType.startsWith(p))) return false;
  const family = amiType.startsWith("AL2023_") || amiType.startsWith("BOTTLEROCKET_");
  return !family || SUPPORTED_AMI_TYPES.includes(amiType);
}
