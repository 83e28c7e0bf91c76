/** Parsing and validation of the ARNs, image references and locations the Deployer is configured with. */

/** A full Secrets Manager secret ARN: the name ends in `-` plus the 6 characters Secrets Manager appends. */
export const SECRET_ARN_PATTERN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

/** A KMS key ARN (not an alias: IAM statements on keys match key ARNs). */
export const KMS_KEY_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;

/** An ECR image reference split into what IAM needs. */
export interface EcrImage {
  readonly accountId: string;
  readonly region: string;
  readonly repository: string;
}

/** An S3 object or prefix. */
export interface S3Location {
  readonly bucket: string;
  /** Object key (source) or key prefix (state); empty for the whole bucket. */
  readonly key: string;
}

/** Parse `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]`; undefined for non-ECR images. */
export function parseEcrImage(image: string): EcrImage | undefined {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._\-/]+?)(?::[\w.-]+|@sha256:[a-f0-9]{64})?$/.exec(image);
  return m ? { accountId: m[1], region: m[2], repository: m[3] } : undefined;
}

/** Parse an S3 source location `bucket/key` (CodeBuild's form). */
export function parseS3Source(location: string): S3Location {
  const [bucket, ...rest] = location.replace(/^s3:\/\//, "").split("/");
  return { bucket, key: rest.join("/") };
}

/** Parse an `s3://bucket[/prefix]` backend URL (query parameters such as `?region=` dropped). */
export function parseS3Backend(url: string): S3Location | undefined {
  const m = /^s3:\/\/([^/?]+)\/?([^?]*)/.exec(url);
  return m ? { bucket: m[1], key: m[2].replace(/\/$/, "") } : undefined;
}

/** The `awskms://` secrets-provider URL for a key ARN (`pulumi stack init --secrets-provider`). */
export function awsKmsSecretsProvider(keyArn: string, region: string): string {
  const keyId = keyArn.replace(/^arn:[^:]+:kms:[^:]+:\d{12}:key\//, "");
  return `awskms://${keyId}?region=${region}`;
}

