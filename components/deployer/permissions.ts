/**
 * The Deployer role's IAM policy documents, rendered from literals only (names, account, region), so that
 * nothing in them waits for another resource: the CodeBuild project can depend on its build policy without
 * waiting ~10 minutes for the EKS cluster (audit B2), and the tests simulate exactly what is deployed
 * (`permissions.cases.ts`, run through `@cloud-copilot/iam-simulate`).
 *
 * Two documents, one per phase:
 * - **build**: what CodeBuild itself needs to provision, fetch and log a build (VPC ENIs, image pull, source
 *   object, log stream, the project's KMS key). The project depends on it.
 * - **deploy**: what `pulumi up` of the in-cluster stack needs (state bucket, secrets-provider key, token,
 *   this cluster's add-ons and tenant access entries, the observability alarms). Nothing on other clusters,
 *   no `iam:PassRole` on `*`, no access-policy association (Kubernetes rights come from RBAC, see `rbac.ts`).
 */

import type { EcrImage, S3Location } from "./arns";

/** An IAM statement as rendered (JSON object). */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  /** Resource policies only (key policies). */
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** An IAM policy document as rendered. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** Everything the documents are rendered from (all literals). */
export interface DeployerPermissionsInput {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  /** CodeBuild log group name (`/aws/codebuild/<project>`). */
  readonly logGroupName: string;
  /** Key encrypting build output and the log group. */
  readonly buildKeyArn: string;
  /** ECR image of the build environment; undefined for CodeBuild's curated images. */
  readonly image?: EcrImage;
  /** The S3 source object (S3 sources only). */
  readonly source?: S3Location;
  /** The S3 state backend (DIY backends only). */
  readonly state?: S3Location;
  /** KMS key of the `awskms://` secrets provider. */
  readonly secretsProviderKeyArn?: string;
  /** Full Secrets Manager ARN (with its 6-character suffix) of the Pulumi access token. */
  readonly accessTokenSecretArn?: string;
  /** Role the observability add-on's service account assumes (passed to EKS by the in-cluster stack). */
  readonly observabilityRoleArn?: string;
  /** Principals whose access entries the deployer must never update or delete (admins, itself). */
  readonly protectedPrincipalArns: readonly string[];
  /** Kubernetes groups the deployer may put tenants' access entries in (`StringLike` patterns). */
  readonly tenantGroupPatterns: readonly string[];
}

/** ARNs the documents are built from. */
export function deployerArns(input: Pick<DeployerPermissionsInput, "partition" | "region" | "accountId" | "clusterName">) {
  const eks = `arn:${input.partition}:eks:${input.region}:${input.accountId}`;
  return {
    cluster: `${eks}:cluster/${input.clusterName}`,
    accessEntries: `${eks}:access-entry/${input.clusterName}/*`,
    addons: `${eks}:addon/${input.clusterName}/*`,
    /** An access entry's ARN for a role principal: `access-entry/<cluster>/role/<account>/<name>/<uuid>`. */
    accessEntryOf: (principalArn: string) => {
      const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
      return m ? `${eks}:access-entry/${input.clusterName}/role/${m[1]}/${m[2]}/*` : `${eks}:access-entry/${input.clusterName}/*/${principalArn}/*`;
    },
    alarms: `arn:${input.partition}:cloudwatch:${input.region}:${input.accountId}:alarm:${input.clusterName}-*`,
  };
}

const ACCESS_ENTRY_WRITE = ["eks:UpdateAccessEntry", "eks:DeleteAccessEntry", "eks:TagResource", "eks:UntagResource"];

/** The build-phase document: the CodeBuild project depends on it (CreateProject checks DescribeSecurityGroups). */
export function buildPolicy(input: DeployerPermissionsInput): PolicyDocument {
  const logArn = `arn:${input.partition}:logs:${input.region}:${input.accountId}:log-group:${input.logGroupName}`;
  const statements: PolicyStatement[] = [
    { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logArn, `${logArn}:*`] },
    {
      Sid: "VpcNetworkInterfaces",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkInterface", "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"],
      Resource: "*",
    },
    {
      Sid: "VpcNetworkInterfacePermission",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkInterfacePermission"],
      Resource: `arn:${input.partition}:ec2:${input.region}:${input.accountId}:network-interface/*`,
      Condition: { StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" } },
    },
    { Sid: "BuildKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: input.buildKeyArn },
  ];
  if (input.image) {
    // imagePullCredentialsType SERVICE_ROLE: CodeBuild pulls with this role (PROVISIONING fails otherwise).
    statements.push({ Sid: "ImageAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" });
    statements.push({
      Sid: "ImagePull",
      Effect: "Allow",
      Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
      Resource: `arn:${input.partition}:ecr:${input.image.region}:${input.image.accountId}:repository/${input.image.repository}`,
    });
  }
  if (input.source) {
    statements.push({ Sid: "Source", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `arn:${input.partition}:s3:::${input.source.bucket}/${input.source.key}` });
    statements.push({ Sid: "SourceBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:GetBucketAcl"], Resource: `arn:${input.partition}:s3:::${input.source.bucket}` });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The deploy-phase document: what `pulumi up` of the in-cluster stack needs on AWS. */
export function deployPolicy(input: DeployerPermissionsInput): PolicyDocument {
  const arns = deployerArns(input);
  const statements: PolicyStatement[] = [
    { Sid: "Cluster", Effect: "Allow", Action: ["eks:DescribeCluster", "eks:ListAccessEntries", "eks:ListAddons"], Resource: arns.cluster },
    // The in-cluster stack creates CoreDNS (and the observability and GuardDuty agent add-ons) after the ENIConfigs.
    { Sid: "AddonCreate", Effect: "Allow", Action: ["eks:CreateAddon"], Resource: arns.cluster },
    { Sid: "Addons", Effect: "Allow", Action: ["eks:DescribeAddon", "eks:UpdateAddon", "eks:DeleteAddon", "eks:TagResource", "eks:UntagResource"], Resource: arns.addons },
    { Sid: "AddonVersions", Effect: "Allow", Action: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration"], Resource: "*" },
    // Tenants' access entries (audit B6): STANDARD entries into tenant groups only. No AssociateAccessPolicy,
    // so the deployer can never hand out an EKS access policy (cluster-admin) to anyone.
    {
      Sid: "TenantAccessEntriesCreate",
      Effect: "Allow",
      Action: ["eks:CreateAccessEntry"],
      Resource: arns.cluster,
      Condition: { StringEquals: { "eks:accessEntryType": "STANDARD" }, "ForAllValues:StringLike": { "eks:kubernetesGroups": input.tenantGroupPatterns } },
    },
    { Sid: "TenantAccessEntries", Effect: "Allow", Action: ["eks:DescribeAccessEntry", "eks:ListAssociatedAccessPolicies", ...ACCESS_ENTRY_WRITE], Resource: arns.accessEntries },
  ];
  if (input.protectedPrincipalArns.length > 0) {
    statements.push({ Sid: "ProtectedAccessEntries", Effect: "Deny", Action: ACCESS_ENTRY_WRITE, Resource: input.protectedPrincipalArns.map(arns.accessEntryOf) });
  }
  if (input.state) {
    const bucket = `arn:${input.partition}:s3:::${input.state.bucket}`;
    const objects = input.state.key ? `${bucket}/${input.state.key}/*` : `${bucket}/*`;
    statements.push({ Sid: "StateList", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket });
    statements.push({ Sid: "State", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: objects });
  }
  if (input.secretsProviderKeyArn) {
    statements.push({ Sid: "SecretsProvider", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: input.secretsProviderKeyArn });
  }
  if (input.accessTokenSecretArn) {
    statements.push({ Sid: "PulumiToken", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: input.accessTokenSecretArn });
  }
  if (input.observabilityRoleArn) {
    // CreateAddon with serviceAccountRoleArn passes this one role to EKS; never PassRole on "*".
    statements.push({ Sid: "ObservabilityRole", Effect: "Allow", Action: ["iam:PassRole"], Resource: input.observabilityRoleArn });
    statements.push({
      Sid: "ObservabilityAlarms",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"],
      Resource: arns.alarms,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * What we recommend attaching to every principal allowed to start the deploy (or as an SCP): StartBuild on
 * this project only, and an explicit Deny when the request overrides the buildspec, the image, the
 * environment variables, the source location or the service role (the CodeBuild condition keys
 * `codebuild:source.buildspec` etc. support only the `Null` operator, which is all this needs).
 */
export function startBuildCallerPolicy(projectArn: string): PolicyDocument {
  const overrides = ["codebuild:source.buildspec", "codebuild:source.location", "codebuild:environment.image", "codebuild:environment.environmentVariables", "codebuild:serviceRole", "codebuild:environment.privilegedMode"];
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "StartDeploy", Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], Resource: projectArn },
      ...overrides.map((key, i) => ({ Sid: `DenyOverride${i}`, Effect: "Deny" as const, Action: ["codebuild:StartBuild"], Resource: projectArn, Condition: { Null: { [key]: "false" } } })),
    ],
  };
}
