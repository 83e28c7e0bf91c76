/**
 * VPC endpoint policies of the private-only network: what may pass through each endpoint, on top of (never
 * instead of) the caller's IAM policies and the resource's own policy.
 *
 * - S3 gateway endpoint: only the ECR layer bucket (`prod-<region>-starport-layer-bucket`, read through
 *   ECR's pre-signed URLs, so no principal condition: ECR docs "Minimum Amazon S3 bucket permissions for
 *   Amazon ECR"), plus the platform's own buckets (Pulumi state, deployer sources, from config) for this
 *   account's principals only. Any other bucket, e.g. an attacker's bucket in the same region, is denied.
 * - Interface endpoints: any action, but only by principals of this account (`aws:PrincipalAccount`, the
 *   form the GuardDuty Runtime Monitoring docs give for `guardduty-data`). STS also serves IRSA's
 *   `AssumeRoleWithWebIdentity`, whose federated caller has no `aws:PrincipalAccount` (IAM docs "Control access
 *   to AWS STS with VPC endpoint policies"): that action is allowed for this account's roles only.
 */

/** A policy document as the endpoints take it (rendered with `JSON.stringify`). */
export interface EndpointPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Record<string, unknown>[];
}

/** The S3 bucket ECR serves image layers from in a region (AWS-owned). */
export function ecrLayerBucket(region: string): string {
  return `prod-${region}-starport-layer-bucket`;
}

/** S3 actions the platform's own buckets need: read/write objects (Pulumi state), read sources, list. */
export const PLATFORM_BUCKET_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "s3:ListBucketVersions",
  "s3:GetBucketLocation",
  "s3:GetBucketVersioning",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
] as const;

/** The S3 gateway endpoint's policy: ECR layers for anyone, `buckets` for `accountId`'s principals, nothing else. */
export function s3GatewayEndpointPolicy(region: string, accountId: string, buckets: readonly string[]): EndpointPolicyDocument {
  const statements: Record<string, unknown>[] = [
    { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${ecrLayerBucket(region)}/*` },
  ];
  const own = [...new Set(buckets)].sort();
  if (own.length > 0) {
    statements.push({
      Sid: "PlatformBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: [...PLATFORM_BUCKET_ACTIONS],
      Resource: own.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]),
      Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** An interface endpoint's policy: every action for `accountId`'s principals (plus IRSA web identity on `sts`). */
export function interfaceEndpointPolicy(service: string, accountId: string): EndpointPolicyDocument {
  const statements: Record<string, unknown>[] = [
    { Sid: "AccountPrincipalsOnly", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": accountId } } },
  ];
  if (service === "sts") {
    statements.push({ Sid: "IrsaWebIdentityToOwnRoles", Effect: "Allow", Principal: "*", Action: "sts:AssumeRoleWithWebIdentity", Resource: `arn:aws:iam::${accountId}:role/*` });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The bucket of an `s3://bucket[/prefix]` URL or a `bucket/key` location; undefined for anything else. */
export function bucketOf(location: string): string | undefined {
  const m = /^(?:s3:\/\/)?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/.*)?$/.exec(location);
  return m?.[1];
}
