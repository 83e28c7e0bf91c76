/**
 * What the Deployer role must and must not be able to do, as a table the tests simulate with
 * `@cloud-copilot/iam-simulate` against the documents of `permissions.ts` (issue 15 item 4). The example
 * is the prod deployer (S3 source, S3 state, awskms secrets provider, ECR image); `CLOUD_EXAMPLE` is the
 * staging one (Pulumi Cloud token in Secrets Manager).
 */
import { TENANT_ROLES } from "../../policy-pack/baseline/tenancy";
import { tenantGroup } from "../tenant/rbac";
import type { DeployerPermissionsInput, PolicyDocument } from "./permissions";

/** One simulated request and the expected decision. */
export interface DeployerPermissionCase {
  readonly name: string;
  /** `service:Action`, judged against both inline policies of the role (build + deploy). */
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** The resource's own policy where AWS judges the request by one too (KMS keys). */
  readonly resourcePolicy?: PolicyDocument;
  readonly allowed: boolean;
}

/**
 * The key policy of the secrets-provider key as docs/deploy.md step 1 creates it (the KMS default: the
 * account delegates to IAM), so the role's identity policy decides.
 */
export const BOOTSTRAP_KEY_POLICY: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: "arn:aws:iam::333333333333:root" }, Action: "kms:*", Resource: "*" }],
};

const ACCOUNT = "333333333333";
const REGION = "eu-west-1";
const CLUSTER = "hc-prod";
const EKS = `arn:aws:eks:${REGION}:${ACCOUNT}`;

/** The prod-like deployer the cases are written for. */
export const PROD_EXAMPLE: DeployerPermissionsInput = {
  partition: "aws",
  region: REGION,
  accountId: ACCOUNT,
  clusterName: CLUSTER,
  logGroupName: "/aws/codebuild/hc-prod-deployer",
  buildKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
  image: { accountId: ACCOUNT, region: REGION, repository: "platform/pulumi-deployer" },
  source: { bucket: "hc-prod-deploy-sources", key: "in-cluster.zip" },
  state: { bucket: "hc-prod-pulumi-state", key: "" },
  secretsProviderKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f`,
  observabilityRoleArn: `arn:aws:iam::${ACCOUNT}:role/${CLUSTER}-cloudwatch-agent`,
  protectedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/platform-breakglass`, `arn:aws:iam::${ACCOUNT}:role/${CLUSTER}-deployer`],
  tenantGroupPatterns: TENANT_ROLES.map((role) => tenantGroup("*", role)),
};

/** The staging-like deployer: Pulumi Cloud backend, token in Secrets Manager, GitHub source, curated image. */
export const CLOUD_EXAMPLE: DeployerPermissionsInput = {
  ...PROD_EXAMPLE,
  image: undefined,
  source: undefined,
  state: undefined,
  secretsProviderKeyArn: undefined,
  accessTokenSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:pulumi-deployer-token-Xy7pQ2`,
};

const tenantEntry = `${EKS}:access-entry/${CLUSTER}/role/${ACCOUNT}/payments-admins/8ac9b1f2-0000-1111-2222-333344445555`;
const tenantCreate = { "eks:accessEntryType": "STANDARD", "eks:kubernetesGroups": ["payments:admin"], "eks:principalArn": `arn:aws:iam::${ACCOUNT}:role/payments-admins` };

/** The prod deployer's table. */
export const PROD_CASES: readonly DeployerPermissionCase[] = [
  // must (what a build and the in-cluster `pulumi up` need)
  { name: "create a tenant's access entry on this cluster (B6)", action: "eks:CreateAccessEntry", resource: `${EKS}:cluster/${CLUSTER}`, context: tenantCreate, allowed: true },
  { name: "describe a tenant's access entry", action: "eks:DescribeAccessEntry", resource: tenantEntry, allowed: true },
  { name: "update a tenant's access entry", action: "eks:UpdateAccessEntry", resource: tenantEntry, allowed: true },
  { name: "delete a tenant's access entry", action: "eks:DeleteAccessEntry", resource: tenantEntry, allowed: true },
  { name: "tag a tenant's access entry", action: "eks:TagResource", resource: tenantEntry, allowed: true },
  { name: "read its S3 source object (B7)", action: "s3:GetObject", resource: "arn:aws:s3:::hc-prod-deploy-sources/in-cluster.zip", allowed: true },
  { name: "read the pinned version of its source (W4)", action: "s3:GetObjectVersion", resource: "arn:aws:s3:::hc-prod-deploy-sources/in-cluster.zip", allowed: true },
  { name: "list the state bucket", action: "s3:ListBucket", resource: "arn:aws:s3:::hc-prod-pulumi-state", allowed: true },
  { name: "write a checkpoint to the state bucket", action: "s3:PutObject", resource: "arn:aws:s3:::hc-prod-pulumi-state/.pulumi/stacks/hardened-cluster-in-cluster/prod.json", allowed: true },
  { name: "get an ECR token for its image (B7)", action: "ecr:GetAuthorizationToken", resource: "*", allowed: true },
  { name: "pull its image", action: "ecr:BatchGetImage", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/platform/pulumi-deployer`, allowed: true },
  { name: "download its image layers", action: "ecr:GetDownloadUrlForLayer", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/platform/pulumi-deployer`, allowed: true },
  { name: "decrypt with the secrets-provider key (B7)", action: "kms:Decrypt", resource: PROD_EXAMPLE.secretsProviderKeyArn!, resourcePolicy: BOOTSTRAP_KEY_POLICY, allowed: true },
  { name: "encrypt with the secrets-provider key", action: "kms:Encrypt", resource: PROD_EXAMPLE.secretsProviderKeyArn!, resourcePolicy: BOOTSTRAP_KEY_POLICY, allowed: true },
  { name: "describe security groups when CodeBuild creates the project (B2)", action: "ec2:DescribeSecurityGroups", resource: "*", allowed: true },
  { name: "create CoreDNS on this cluster", action: "eks:CreateAddon", resource: `${EKS}:cluster/${CLUSTER}`, allowed: true },
  { name: "pass the observability role to EKS (B3)", action: "iam:PassRole", resource: PROD_EXAMPLE.observabilityRoleArn!, allowed: true },
  { name: "write its build logs", action: "logs:PutLogEvents", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/codebuild/hc-prod-deployer:log-stream:b1`, allowed: true },
  // must not
  { name: "create an access entry on another cluster", action: "eks:CreateAccessEntry", resource: `${EKS}:cluster/other`, context: tenantCreate, allowed: false },
  { name: "delete an access entry of another cluster", action: "eks:DeleteAccessEntry", resource: `${EKS}:access-entry/other/role/${ACCOUNT}/payments-admins/uuid`, allowed: false },
  { name: "describe another cluster", action: "eks:DescribeCluster", resource: `${EKS}:cluster/other`, allowed: false },
  { name: "create an add-on on another cluster", action: "eks:CreateAddon", resource: `${EKS}:cluster/other`, allowed: false },
  { name: "create an access entry outside the tenant groups", action: "eks:CreateAccessEntry", resource: `${EKS}:cluster/${CLUSTER}`, context: { ...tenantCreate, "eks:kubernetesGroups": ["hardened-cluster:deployer"] }, allowed: false },
  { name: "create an access entry of another type", action: "eks:CreateAccessEntry", resource: `${EKS}:cluster/${CLUSTER}`, context: { ...tenantCreate, "eks:accessEntryType": "EC2_LINUX" }, allowed: false },
  { name: "associate an access policy (cluster-admin) to anyone", action: "eks:AssociateAccessPolicy", resource: tenantEntry, allowed: false },
  { name: "delete the break-glass admin's access entry", action: "eks:DeleteAccessEntry", resource: `${EKS}:access-entry/${CLUSTER}/role/${ACCOUNT}/platform-breakglass/uuid`, allowed: false },
  { name: "update its own access entry", action: "eks:UpdateAccessEntry", resource: `${EKS}:access-entry/${CLUSTER}/role/${ACCOUNT}/${CLUSTER}-deployer/uuid`, allowed: false },
  { name: "pass any other role", action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin`, allowed: false },
  { name: "read another object of the source bucket", action: "s3:GetObject", resource: "arn:aws:s3:::hc-prod-deploy-sources/other.zip", allowed: false },
  { name: "read another bucket", action: "s3:GetObject", resource: "arn:aws:s3:::customer-data/export.csv", allowed: false },
  { name: "pull another repository", action: "ecr:BatchGetImage", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/payments/api`, allowed: false },
  { name: "decrypt with another key", action: "kms:Decrypt", resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-0000-0000-0000-000000000000`, resourcePolicy: BOOTSTRAP_KEY_POLICY, allowed: false },
  { name: "read any secret (prod has no token)", action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:pulumi-deployer-token-Xy7pQ2`, allowed: false },
  { name: "write alarms of another cluster", action: "cloudwatch:PutMetricAlarm", resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:other-node-cpu-high`, allowed: false },
];

/** The staging (Pulumi Cloud) deployer's table: the token, and no S3/ECR/KMS beyond what it needs. */
export const CLOUD_CASES: readonly DeployerPermissionCase[] = [
  { name: "read its Pulumi access token (B8: the full ARN with suffix)", action: "secretsmanager:GetSecretValue", resource: CLOUD_EXAMPLE.accessTokenSecretArn!, allowed: true },
  { name: "read another secret of the same name prefix", action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:pulumi-deployer-token-other-AbCdEf`, allowed: false },
  { name: "read any S3 object (no S3 source or state)", action: "s3:GetObject", resource: "arn:aws:s3:::hc-prod-deploy-sources/in-cluster.zip", allowed: false },
  { name: "pull any ECR image (curated CodeBuild image)", action: "ecr:BatchGetImage", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/platform/pulumi-deployer`, allowed: false },
];
