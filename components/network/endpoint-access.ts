/**
 * What the private-only VPC's endpoint policies must let through and what they must stop, as a table the
 * tests simulate with `@cloud-copilot/iam-simulate` (test/components/aws/endpoint-policies.test.ts). Each row is
 * one request through one endpoint; the caller's IAM policy and the resource's policy are taken as allowing it,
 * so the endpoint policy alone decides.
 */
import { ecrLayerBucket } from "./endpoint-policies";

/** One request through one endpoint and the decision the endpoint policy must give. */
export interface EndpointAccessCase {
  readonly title: string;
  /** `s3` (the gateway endpoint) or the interface endpoint's service suffix (`ecr.api`, `sts`, ...). */
  readonly endpoint: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account owning the resource (`aws` buckets such as the ECR layer bucket belong to AWS). */
  readonly resourceAccount: string;
  readonly context?: Record<string, string>;
  readonly expect: "allowed" | "denied";
}

/** An account that is not ours: an attacker's bucket or principal in the same region. */
export const FOREIGN_ACCOUNT = "999999999999";
/** Stand-in for the AWS-owned account of the ECR layer bucket. */
export const AWS_OWNED_ACCOUNT = "000000000000";

/** The table for a VPC in `accountId`/`region` whose platform buckets are `buckets` (at least one). */
export function endpointAccessTable(region: string, accountId: string, buckets: readonly string[]): EndpointAccessCase[] {
  const node = `arn:aws:iam::${accountId}:role/hc-node`;
  const deployer = `arn:aws:iam::${accountId}:role/hc-deployer`;
  const foreign = `arn:aws:iam::${FOREIGN_ACCOUNT}:role/intruder`;
  const layer = `arn:aws:s3:::${ecrLayerBucket(region)}/sha256/0123abcd`;
  const [bucket] = buckets;
  return [
    { title: "node pulls an ECR image layer through the S3 endpoint", endpoint: "s3", principal: node, action: "s3:GetObject", resource: layer, resourceAccount: AWS_OWNED_ACCOUNT, expect: "allowed" },
    { title: "node cannot write to the ECR layer bucket", endpoint: "s3", principal: node, action: "s3:PutObject", resource: layer, resourceAccount: AWS_OWNED_ACCOUNT, expect: "denied" },
    { title: "node cannot upload to an arbitrary (attacker) bucket", endpoint: "s3", principal: node, action: "s3:PutObject", resource: "arn:aws:s3:::exfiltration-bucket/dump.tar", resourceAccount: FOREIGN_ACCOUNT, expect: "denied" },
    { title: "node cannot read an arbitrary bucket", endpoint: "s3", principal: node, action: "s3:GetObject", resource: "arn:aws:s3:::some-public-bucket/tool.sh", resourceAccount: FOREIGN_ACCOUNT, expect: "denied" },
    { title: "deployer writes Pulumi state to the platform bucket", endpoint: "s3", principal: deployer, action: "s3:PutObject", resource: `arn:aws:s3:::${bucket}/.pulumi/stacks/prod.json`, resourceAccount: accountId, expect: "allowed" },
    { title: "deployer lists the platform bucket", endpoint: "s3", principal: deployer, action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}`, resourceAccount: accountId, expect: "allowed" },
    { title: "another account's credentials cannot use the platform bucket through the endpoint", endpoint: "s3", principal: foreign, action: "s3:GetObject", resource: `arn:aws:s3:::${bucket}/.pulumi/stacks/prod.json`, resourceAccount: accountId, expect: "denied" },
    { title: "node gets an ECR auth token through ecr.api", endpoint: "ecr.api", principal: node, action: "ecr:GetAuthorizationToken", resource: "*", resourceAccount: accountId, expect: "allowed" },
    { title: "another account's credentials cannot use ecr.api", endpoint: "ecr.api", principal: foreign, action: "ecr:GetAuthorizationToken", resource: "*", resourceAccount: FOREIGN_ACCOUNT, expect: "denied" },
    { title: "the GuardDuty agent (node role) sends runtime events through guardduty-data", endpoint: "guardduty-data", principal: node, action: "guardduty:SendSecurityTelemetry", resource: "*", resourceAccount: accountId, expect: "allowed" },
    { title: "another account's credentials cannot assume roles through sts", endpoint: "sts", principal: foreign, action: "sts:AssumeRole", resource: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/outside`, resourceAccount: FOREIGN_ACCOUNT, expect: "denied" },
    { title: "a pod's IRSA web identity assumes a role of this account through sts", endpoint: "sts", principal: "cognito-identity.amazonaws.com", action: "sts:AssumeRoleWithWebIdentity", resource: `arn:aws:iam::${accountId}:role/hc-cloudwatch-agent`, resourceAccount: accountId, expect: "allowed" },
    { title: "a web identity cannot assume another account's role through sts", endpoint: "sts", principal: "cognito-identity.amazonaws.com", action: "sts:AssumeRoleWithWebIdentity", resource: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/outside`, resourceAccount: FOREIGN_ACCOUNT, expect: "denied" },
  ];
}
