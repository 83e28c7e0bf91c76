import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { portRow, VPC_ENDPOINT_PORT } from "../../policy-pack/baseline/ports";
import { serviceTrustPolicy } from "../cluster/iam";
import { LABEL_PREFIX, LABELS } from "../../policy-pack/baseline/labels";
import { ec2Description } from "../firewall/description";
import { PORT_ROW_TAG } from "../firewall/tags";
import { EncryptedLogGroup } from "../logs";
import { buildspec } from "./buildspec";

export { buildspec, type BuildspecInput } from "./buildspec";

/** `sg-role` of the deployer's client-only security group. */
export const DEPLOYER_SG_ROLE = "deployer";

/** Tag naming where a deployer egress rule goes. */
export const DESTINATION_ROLE_TAG = `${LABEL_PREFIX}destination-role`;

/** Where CodeBuild fetches the in-cluster program. */
export interface DeployerSource {
  readonly type: "GITHUB" | "CODECOMMIT" | "S3" | "BITBUCKET" | "GITLAB";
  readonly location: string;
  /** Directory of the in-cluster program inside the source. */
  readonly programDir: string;
}

/** Arguments of {@link Deployer}. */
export interface DeployerArgs {
  readonly clusterName: string;
  /** Cluster ARN, for `eks:DescribeCluster`. */
  readonly clusterArn: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: string;
  /** Deterministic role name; the platform grants it cluster-admin through an access entry. */
  readonly roleName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  /** Private deployer subnets (their CIDRs are allowlisted on the API by the Firewall). */
  readonly subnetIds: pulumi.Input<string>[];
  /** The Firewall's cluster SG: the deployer's only route to the API. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  /** AWS API path: endpoints (private-only) or NAT. */
  readonly awsApis: { readonly mode: "endpoints"; readonly endpointSecurityGroupId: pulumi.Input<string>; readonly s3PrefixListId: pulumi.Input<string> } | { readonly mode: "nat" };
  /** KMS key for build artifacts and the build log group. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly source: DeployerSource;
  /** Fully qualified in-cluster stack, e.g. `acme/hardened-cluster-in-cluster/prod`. */
  readonly stack: string;
  /** Pulumi backend URL (`https://api.pulumi.com` or `s3://bucket`). */
  readonly backendUrl: string;
  /** Secrets Manager ARN of a Pulumi access token (Pulumi Cloud backends). */
  readonly accessTokenSecretArn?: string;
  /** Build image; in private-only mode use an ECR image with the Pulumi CLI preinstalled. */
  readonly image?: string;
  readonly pulumiVersion?: string;
  readonly logRetentionDays?: number;
  readonly protect?: boolean;
  readonly tags?: Record<string, string>;
}

/**
 * A CodeBuild project in private deployer subnets that runs `pulumi up` for the in-cluster stack, so the
 * API endpoint can stay private. Its SG has no ingress and egress only to the API (443 on the cluster SG),
 * DNS in the VPC and AWS APIs/backend on 443. Logs go to a KMS-encrypted group; its role can describe
 * this cluster, manage its add-ons (the in-cluster stack creates CoreDNS after the ENIConfigs), read its
 * token secret and write its logs, nothing more (Kubernetes rights come from the access entry the platform
 * grants to `roleName`).
 */
export class Deployer extends pulumi.ComponentResource {
  readonly project: aws.codebuild.Project;
  readonly roleArn: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;

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
    const logArn = `arn:aws:logs:${args.region}:${args.accountId}:log-group:${logGroupName}`;
    new aws.iam.RolePolicy(
      `${name}`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logArn, `${logArn}:*`] },
            { Sid: "Cluster", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: args.clusterArn },
            {
              Sid: "BootstrapAddons",
              Effect: "Allow",
              Action: ["eks:CreateAddon", "eks:DescribeAddon", "eks:UpdateAddon", "eks:DeleteAddon", "eks:TagResource"],
              Resource: [args.clusterArn, `arn:aws:eks:${args.region}:${args.accountId}:addon/${args.clusterName}/*/*`],
            },
            { Sid: "AddonVersions", Effect: "Allow", Action: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration"], Resource: "*" },
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
              Resource: `arn:aws:ec2:${args.region}:${args.accountId}:network-interface/*`,
              Condition: { StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" } },
            },
            { Sid: "Key", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: args.kmsKeyArn },
            ...(args.accessTokenSecretArn ? [{ Sid: "PulumiToken", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: args.accessTokenSecretArn }] : []),
          ],
        }),
      },
      child,
    );

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
        source: {
          type: args.source.type,
          location: args.source.location,
          buildspec: buildspec({ pulumiVersion: args.pulumiVersion ?? "3.248.0", programDir: args.source.programDir, installCli: args.awsApis.mode === "nat" }),
        },
        environment: {
          type: "LINUX_CONTAINER",
          computeType: "BUILD_GENERAL1_SMALL",
          image: args.image ?? "aws/codebuild/amazonlinux-x86_64-standard:5.0",
          imagePullCredentialsType: args.image && !args.image.startsWith("aws/") ? "SERVICE_ROLE" : "CODEBUILD",
          privilegedMode: false,
          environmentVariables: [
            { name: "PULUMI_STACK", value: args.stack },
            { name: "PULUMI_BACKEND_URL", value: args.backendUrl },
            { name: "AWS_REGION", value: args.region },
            ...(args.accessTokenSecretArn ? [{ name: "PULUMI_ACCESS_TOKEN", type: "SECRETS_MANAGER", value: args.accessTokenSecretArn }] : []),
          ],
        },
        vpcConfig: { vpcId: args.vpcId, subnets: args.subnetIds, securityGroupIds: [sg.id] },
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logs.name }, s3Logs: { status: "DISABLED" } },
        tags,
      },
      { parent: this, dependsOn: [logs.logGroup] },
    );
    this.registerOutputs({ roleArn: this.roleArn, projectName: this.project.name });
  }
}

function validateDeployerArgs(args: DeployerArgs): void {
  if (args.subnetIds.length === 0) throw new Error("Deployer: subnetIds is empty; pass the Network's deployer subnets");
  if (!args.stack.includes("/")) throw new Error(`Deployer: stack "${args.stack}" must be fully qualified (org/project/stack)`);
  if (!/^(https:\/\/|s3:\/\/|azblob:\/\/|gs:\/\/)/.test(args.backendUrl)) throw new Error(`Deployer: backendUrl "${args.backendUrl}" must be an https:// or s3:// backend URL`);
  if (args.backendUrl.startsWith("https://") && !args.accessTokenSecretArn) {
    throw new Error("Deployer: accessTokenSecretArn is required for a Pulumi Cloud backend (store the token in Secrets Manager)");
  }
  if (!args.source.location) throw new Error("Deployer: source.location is required");
}
