import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { portRow, VPC_ENDPOINT_PORT } from "../../policy-pack/baseline/ports";
import { TENANT_ROLES } from "../../policy-pack/baseline/tenancy";
import { CLUSTER_ADMIN_ACCESS_POLICY, serviceTrustPolicy } from "../cluster/iam";
import { LABEL_PREFIX, LABELS } from "../../policy-pack/baseline/labels";
import { ec2Description } from "../firewall/description";
import { PORT_ROW_TAG } from "../firewall/tags";
import { EncryptedLogGroup } from "../logs";
import { tenantGroup } from "../tenant/rbac";
import { buildspec } from "./buildspec";
import { awsKmsSecretsProvider, KMS_KEY_ARN_PATTERN, parseEcrImage, parseS3Backend, parseS3Source, SECRET_ARN_PATTERN } from "./arns";
import { buildPolicy, deployPolicy, startBuildCallerPolicy, type DeployerPermissionsInput } from "./permissions";
import { DEPLOYER_GROUP } from "./rbac";

export { buildspec, buildspecEnv, type BuildspecInput, type InstallMode } from "./buildspec";
export * from "./arns";
export * from "./permissions";
export * from "./rbac";

/** `sg-role` of the deployer's client-only security group. */
export const DEPLOYER_SG_ROLE = "deployer";

/** Tag naming where a deployer egress rule goes. */
export const DESTINATION_ROLE_TAG = `${LABEL_PREFIX}destination-role`;

/** Where CodeBuild fetches the in-cluster program. */
export interface DeployerSource {
  readonly type: "GITHUB" | "CODECOMMIT" | "S3" | "BITBUCKET" | "GITLAB";
  /** Repository URL, or `bucket/key.zip` for S3. */
  readonly location: string;
  /** Directory of the in-cluster program inside the source. */
  readonly programDir: string;
  /** Pinned source version: S3 object version id, or a commit SHA / tag (W4: builds run reviewed code). */
  readonly version?: string;
  /** The stack's pack config inside the source; default `<programDir>/stacks/policy-config.<stack>.json`. */
  readonly policyPackConfig?: string;
}

/** Arguments of {@link Deployer}. */
export interface DeployerArgs {
  /** EKS cluster name (literal: the role's EKS statements are scoped to this cluster's ARNs). */
  readonly clusterName: string;
  /** The cluster resource: the deployer's access entry waits for it. Default unset (no explicit dependency). */
  readonly cluster?: pulumi.Resource;
  /** AWS region (literal: scopes the role's statements and sets `AWS_REGION` in the build). */
  readonly region: string;
  /** 12-digit AWS account id (literal: the role's trust policy and ARNs are scoped to it). */
  readonly accountId: string;
  /** ARN partition; default `aws`. */
  readonly partition?: string;
  /** Deterministic role name, so the logs key policy can name it before it exists. */
  readonly roleName: string;
  /** VPC the CodeBuild project runs in (`network.vpcId`): the private API is reachable only from inside it. */
  readonly vpcId: pulumi.Input<string>;
  /** VPC CIDR (literal): the only DNS egress target of the deployer's security group. */
  readonly vpcCidr: string;
  /** Private deployer subnets (their CIDRs are allowlisted on the API by the Firewall). */
  readonly subnetIds: pulumi.Input<string>[];
  /** The Firewall's cluster SG: the deployer's only route to the API. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  /** AWS API path: endpoints (private-only, no internet: the image must be self-contained) or NAT. */
  readonly awsApis: { readonly mode: "endpoints"; readonly endpointSecurityGroupId: pulumi.Input<string>; readonly s3PrefixListId: pulumi.Input<string> } | { readonly mode: "nat" };
  /** KMS key for build artifacts and the build log group. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Where CodeBuild fetches the in-cluster program; pin `version` (W4: builds run reviewed code). */
  readonly source: DeployerSource;
  /** Fully qualified in-cluster stack, e.g. `acme/hardened-cluster-in-cluster/prod`. */
  readonly stack: string;
  /** Pulumi backend URL (`https://api.pulumi.com` or `s3://bucket[/prefix]`). */
  readonly backendUrl: string;
  /**
   * Full Secrets Manager ARN (with the 6-character suffix) of a Pulumi access token (Pulumi Cloud backends). Unset
   * with an `s3://` backend.
   */
  readonly accessTokenSecretArn?: string;
  /**
   * KMS key ARN of the stack's `awskms://` secrets provider (required with an `s3://` backend). The AWS
   * stack must use the same key: the in-cluster stack decrypts its secret `kubeconfig` output.
   */
  readonly secretsProviderKeyArn?: string;
  /**
   * Build image; in private-only mode an ECR image with the CLI, plugins, npm cache and AWS CLI baked in. Default
   * `aws/codebuild/amazonlinux-x86_64-standard:5.0`.
   */
  readonly image?: string;
  /** Pulumi CLI version installed in the build (pinned, not `latest`). Default `3.248.0`. */
  readonly pulumiVersion?: string;
  /**
   * IRSA role of the observability add-on the in-cluster stack creates (iam:PassRole on this role only). Default
   * unset (no iam:PassRole).
   */
  readonly observabilityRoleArn?: string;
  /**
   * Principals (admins) whose access entries the deployer may never update or delete. The deployer's own role is
   * always added. Default none.
   */
  readonly protectedPrincipalArns?: readonly string[];
  /**
   * Associate AmazonEKSClusterAdminPolicy for the first in-cluster deploy, which creates the deployer's own
   * scoped ClusterRole; set false (the default) once that deploy succeeded.
   */
  readonly bootstrapClusterAdmin?: boolean;
  /** Build log retention in days: a CloudWatch-accepted value of at least 365 (LOG-002). Default 365. */
  readonly logRetentionDays?: number;
  /** Production: `protect` on the build log group. Default false. */
  readonly protect?: boolean;
  /** AWS tags added to every resource the component creates (merged under the component's own tags). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** The stack's pack config inside the source: `<programDir>/stacks/policy-config.<stack>.json`. */
export function defaultPolicyPackConfig(programDir: string, stack: string): string {
  return `${programDir.replace(/\/$/, "")}/stacks/policy-config.${stack.split("/").pop()}.json`;
}

/** The literal inputs of the role's documents (the build key is filled in when known). */
export function deployerPermissionsInput(name: string, args: DeployerArgs, buildKeyArn = "*"): DeployerPermissionsInput {
  const image = args.image ? parseEcrImage(args.image) : undefined;
  const partition = args.partition ?? "aws";
  return {
    partition,
    region: args.region,
    accountId: args.accountId,
    clusterName: args.clusterName,
    logGroupName: `/aws/codebuild/${name}`,
    buildKeyArn,
    image,
    source: args.source.type === "S3" ? parseS3Source(args.source.location) : undefined,
    state: parseS3Backend(args.backendUrl),
    secretsProviderKeyArn: args.secretsProviderKeyArn,
    accessTokenSecretArn: args.accessTokenSecretArn,
    observabilityRoleArn: args.observabilityRoleArn,
    protectedPrincipalArns: [...(args.protectedPrincipalArns ?? []), `arn:${partition}:iam::${args.accountId}:role/${args.roleName}`],
    tenantGroupPatterns: TENANT_ROLES.map((role) => tenantGroup("*", role)),
  };
}

/**
 * A CodeBuild project in private deployer subnets that runs `pulumi up` for the in-cluster stack, so the
 * API endpoint can stay private. Its SG has no ingress and egress only to the API (443 on the cluster SG),
 * DNS in the VPC and AWS APIs/backend on 443. Logs go to a KMS-encrypted group. Its role (permissions.ts)
 * can run the build (ENIs, image, source, logs), reach the state, secrets key and token, and manage this
 * cluster's add-ons and tenant access entries, nothing more. Its Kubernetes rights come from an access
 * entry in {@link DEPLOYER_GROUP}, bound by the in-cluster stack to a scoped ClusterRole (rbac.ts).
 */
export class Deployer extends pulumi.ComponentResource {
  readonly project: aws.codebuild.Project;
  readonly roleArn: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  /** The role's two inline policies: `build` (the project depends on it) and `deploy`. */
  readonly policies: { readonly build: aws.iam.RolePolicy; readonly deploy: aws.iam.RolePolicy };
  /** The deployer's EKS access entry (group {@link DEPLOYER_GROUP}). */
  readonly accessEntry: aws.eks.AccessEntry;
  /** IAM policy (JSON) to attach to whoever may start a deploy: this project only, no overrides (W4). */
  readonly callerPolicy: pulumi.Output<string>;

  constructor(name: string, args: DeployerArgs, opts?: pulumi.ComponentResourceOptions) {
    validateDeployerArgs(args);
    super("hardened-cluster:deployer:Deployer", name, {}, opts);
    const tags = { ...args.tags };
    const child = { parent: this };

    const logGroupName = `/aws/codebuild/${name}`;
    const logs = new EncryptedLogGroup(`${name}-logs`, { name: logGroupName, kmsKeyArn: args.kmsKeyArn, retentionInDays: args.logRetentionDays, protect: args.protect, tags }, child);

    // A client-only SG: no ingress at all. Role `deployer` (not a port-table target: nothing may reach it).
    const sg = new aws.ec2.SecurityGroup(
      `${name}`,
      { vpcId: args.vpcId, description: ec2Description("In-VPC deployer (CodeBuild): no ingress; egress to the API and AWS APIs only"), tags: { ...tags, Name: name, [LABELS.sgRole]: DEPLOYER_SG_ROLE } },
      child,
    );
    this.securityGroupId = sg.id;
    const api = portRow("api");
    const dns = portRow("dns");
    const egress = (suffix: string, rule: Omit<aws.vpc.SecurityGroupEgressRuleArgs, "securityGroupId" | "tags">, row: string, destination: "cluster" | "endpoint" | "vpc-cidr" | "aws-apis") =>
      new aws.vpc.SecurityGroupEgressRule(`${name}-out-${suffix}`, { securityGroupId: sg.id, ...rule, description: typeof rule.description === "string" ? ec2Description(rule.description) : rule.description, tags: { ...tags, [PORT_ROW_TAG]: row, [DESTINATION_ROLE_TAG]: destination } }, child);
    egress("api", { ipProtocol: "tcp", fromPort: api.fromPort, toPort: api.toPort, referencedSecurityGroupId: args.clusterSecurityGroupId, description: "Kubernetes API" }, api.id, "cluster");
    for (const protocol of dns.protocols) {
      egress(`dns-${protocol}`, { ipProtocol: protocol, fromPort: dns.fromPort, toPort: dns.toPort, cidrIpv4: args.vpcCidr, description: "DNS in the VPC" }, dns.id, "vpc-cidr");
    }
    if (args.awsApis.mode === "endpoints") {
      egress("endpoints", { ipProtocol: "tcp", fromPort: VPC_ENDPOINT_PORT, toPort: VPC_ENDPOINT_PORT, referencedSecurityGroupId: args.awsApis.endpointSecurityGroupId, description: "AWS APIs via interface endpoints" }, "aws-apis", "endpoint");
      egress("s3", { ipProtocol: "tcp", fromPort: VPC_ENDPOINT_PORT, toPort: VPC_ENDPOINT_PORT, prefixListId: args.awsApis.s3PrefixListId, description: "S3 (state backend, sources) via the gateway endpoint" }, "aws-apis", "aws-apis");
    } else {
      egress("https", { ipProtocol: "tcp", fromPort: VPC_ENDPOINT_PORT, toPort: VPC_ENDPOINT_PORT, cidrIpv4: "0.0.0.0/0", description: "HTTPS through the NAT (Pulumi backend, npm, AWS APIs)" }, "aws-apis", "aws-apis");
    }

    const role = new aws.iam.Role(`${name}`, { name: args.roleName, assumeRolePolicy: serviceTrustPolicy("codebuild.amazonaws.com", args.accountId), tags }, child);
    this.roleArn = role.arn;

    // Both documents are literals (no cluster ARN output), so the project can wait for them without waiting
    // for the cluster (audit B2: CreateProject checks ec2:DescribeSecurityGroups with this role).
    const permissions = deployerPermissionsInput(name, args);
    this.policies = {
      build: new aws.iam.RolePolicy(`${name}-build`, { role: role.id, policy: pulumi.output(args.kmsKeyArn).apply((key) => JSON.stringify(buildPolicy({ ...permissions, buildKeyArn: key }))) }, child),
      deploy: new aws.iam.RolePolicy(`${name}-deploy`, { role: role.id, policy: JSON.stringify(deployPolicy(permissions)) }, child),
    };

    const install = args.awsApis.mode === "nat" ? "online" : "offline";
    const ecrImage = args.image ? parseEcrImage(args.image) : undefined;
    this.project = new aws.codebuild.Project(
      name,
      {
        description: `Runs pulumi up for ${args.stack} from inside the VPC (private EKS endpoint)`,
        serviceRole: role.arn,
        encryptionKey: args.kmsKeyArn,
        buildTimeout: 60,
        queuedTimeout: 60,
        concurrentBuildLimit: 1,
        artifacts: { type: "NO_ARTIFACTS" },
        // The buildspec is embedded and the source version pinned: a build runs exactly the reviewed program
        // (W4). Callers must not override them: see startBuildCallerPolicy().
        source: {
          type: args.source.type,
          location: args.source.location,
          buildspec: buildspec({
            pulumiVersion: args.pulumiVersion ?? "3.248.0",
            programDir: args.source.programDir,
            policyPackConfig: args.source.policyPackConfig ?? defaultPolicyPackConfig(args.source.programDir, args.stack),
            install,
            secretsProvider: args.secretsProviderKeyArn !== undefined,
          }),
        },
        ...(args.source.version ? { sourceVersion: args.source.version } : {}),
        environment: {
          type: "LINUX_CONTAINER",
          computeType: "BUILD_GENERAL1_SMALL",
          image: args.image ?? "aws/codebuild/amazonlinux-x86_64-standard:5.0",
          imagePullCredentialsType: ecrImage ? "SERVICE_ROLE" : "CODEBUILD",
          privilegedMode: false,
          environmentVariables: [
            { name: "PULUMI_STACK", value: args.stack },
            { name: "PULUMI_BACKEND_URL", value: args.backendUrl },
            { name: "AWS_REGION", value: args.region },
            ...(args.secretsProviderKeyArn ? [{ name: "PULUMI_SECRETS_PROVIDER", value: awsKmsSecretsProvider(args.secretsProviderKeyArn, args.region) }] : []),
            ...(args.accessTokenSecretArn ? [{ name: "PULUMI_ACCESS_TOKEN", type: "SECRETS_MANAGER", value: args.accessTokenSecretArn }] : []),
          ],
        },
        vpcConfig: { vpcId: args.vpcId, subnets: args.subnetIds, securityGroupIds: [sg.id] },
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logs.name }, s3Logs: { status: "DISABLED" } },
        tags,
      },
      // Both policies before the project: neither waits for the cluster, and a build never starts half-authorised.
      { parent: this, dependsOn: [logs.logGroup, this.policies.build, this.policies.deploy] },
    );

    // Its own access entry (N1: after the role exists; EKS stores the role's unique id). Kubernetes rights
    // come from the group's RBAC (rbac.ts), not an access policy, except while bootstrapping.
    const principalArn = `arn:${args.partition ?? "aws"}:iam::${args.accountId}:role/${args.roleName}`;
    this.accessEntry = new aws.eks.AccessEntry(
      `${name}`,
      { clusterName: args.clusterName, principalArn, kubernetesGroups: [DEPLOYER_GROUP], type: "STANDARD", tags },
      { parent: this, dependsOn: [role, ...(args.cluster ? [args.cluster] : [])] },
    );
    if (args.bootstrapClusterAdmin) {
      // First in-cluster deploy only: it creates the deployer's own ClusterRole/Binding. Turn off afterwards.
      new aws.eks.AccessPolicyAssociation(
        `${name}-bootstrap-admin`,
        { clusterName: args.clusterName, principalArn, policyArn: CLUSTER_ADMIN_ACCESS_POLICY, accessScope: { type: "cluster" } },
        { parent: this, dependsOn: [this.accessEntry] },
      );
    }
    this.callerPolicy = this.project.arn.apply((arn) => JSON.stringify(startBuildCallerPolicy(arn)));
    this.registerOutputs({ roleArn: this.roleArn, projectName: this.project.name, callerPolicy: this.callerPolicy });
  }
}

function validateDeployerArgs(args: DeployerArgs): void {
  const fail = (field: string, problem: string, fix: string) => new Error(`Deployer: args.${field} ${problem}; ${fix}`);
  if (args.subnetIds.length === 0) throw fail("subnetIds", "is empty", "pass the Network's deployer subnets");
  if (!/^[^/]+\/[^/]+\/[^/]+$/.test(args.stack)) throw fail("stack", `"${args.stack}" is not fully qualified`, "use org/project/stack");
  if (!/^(https:\/\/|s3:\/\/)/.test(args.backendUrl)) throw fail("backendUrl", `"${args.backendUrl}" is not an https:// or s3:// backend URL`, "use https://api.pulumi.com or s3://<state-bucket>");
  if (args.backendUrl.startsWith("https://") && !args.accessTokenSecretArn) {
    throw fail("accessTokenSecretArn", "is required for a Pulumi Cloud backend", "store the token in Secrets Manager and pass its full ARN");
  }
  if (args.backendUrl.startsWith("s3://") && !args.secretsProviderKeyArn) {
    throw fail("secretsProviderKeyArn", "is required for an s3:// backend (no passphrase in a build)", "pass the KMS key ARN of the awskms:// secrets provider");
  }
  if (args.backendUrl.startsWith("s3://") && !args.stack.startsWith("organization/")) {
    throw fail("stack", `"${args.stack}" is not organization/<project>/<stack>`, "DIY (s3://) backends use the fixed organization name `organization`");
  }
  if (args.accessTokenSecretArn !== undefined && !SECRET_ARN_PATTERN.test(args.accessTokenSecretArn)) {
    throw fail("accessTokenSecretArn", `"${args.accessTokenSecretArn}" is not a full secret ARN`, "copy the ARN with its 6-character suffix (…:secret:<name>-AbCdEf) from the Secrets Manager console");
  }
  if (args.secretsProviderKeyArn !== undefined && !KMS_KEY_ARN_PATTERN.test(args.secretsProviderKeyArn)) {
    throw fail("secretsProviderKeyArn", `"${args.secretsProviderKeyArn}" is not a KMS key ARN`, "pass arn:aws:kms:<region>:<account>:key/<key-id> (not an alias)");
  }
  if (!args.source.location) throw fail("source.location", "is empty", "pass the repository URL or bucket/key");
  if (args.source.type === "S3" && !/^[a-z0-9.-]{3,63}\/.+\.zip$/.test(args.source.location)) {
    throw fail("source.location", `"${args.source.location}" is not an S3 bucket/key.zip`, "use <bucket>/<key>.zip");
  }
  if (args.awsApis.mode === "endpoints" && (!args.image || !parseEcrImage(args.image))) {
    throw fail("image", "must be an ECR image in private-only mode (no internet to install the CLI or packages)", "bake Node.js, the Pulumi CLI, its plugins, the npm cache and the AWS CLI into an ECR image");
  }
}
