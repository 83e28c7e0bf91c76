import { fieldReader, UNKNOWN } from "../../core/fields";
import { resourceRule } from "../../core/rule";
import { concretePaths } from "./paths";

/** One enumerated input: the values the API accepts and where that list comes from. */
interface EnumField {
  readonly type: string;
  /** Dotted path; `[]` iterates an array. */
  readonly path: string;
  readonly values: readonly (string | number)[];
  readonly doc: string;
}

const EKS = "https://docs.aws.amazon.com/eks/latest/APIReference";
const EC2 = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference";

/** Enumerations whose wrong value the provider passes through and only the API rejects at apply. */
export const ENUM_FIELDS: readonly EnumField[] = [
  { type: "aws:eks/cluster:Cluster", path: "accessConfig.authenticationMode", values: ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"], doc: `${EKS}/API_CreateAccessConfigRequest.html` },
  { type: "aws:eks/cluster:Cluster", path: "enabledClusterLogTypes[]", values: ["api", "audit", "authenticator", "controllerManager", "scheduler"], doc: `${EKS}/API_LogSetup.html` },
  { type: "aws:eks/cluster:Cluster", path: "upgradePolicy.supportType", values: ["STANDARD", "EXTENDED"], doc: `${EKS}/API_UpgradePolicyRequest.html` },
  { type: "aws:eks/nodeGroup:NodeGroup", path: "taints[].effect", values: ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"], doc: `${EKS}/API_Taint.html` },
  { type: "aws:eks/nodeGroup:NodeGroup", path: "capacityType", values: ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"], doc: `${EKS}/API_CreateNodegroup.html` },
  { type: "aws:eks/accessEntry:AccessEntry", path: "type", values: ["STANDARD", "FARGATE_LINUX", "EC2_LINUX", "EC2_WINDOWS", "HYBRID_LINUX", "HYPERPOD_LINUX", "EC2"], doc: `${EKS}/API_CreateAccessEntry.html` },
  { type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", path: "accessScope.type", values: ["cluster", "namespace"], doc: `${EKS}/API_AccessScope.html` },
  { type: "aws:eks/addon:Addon", path: "resolveConflictsOnCreate", values: ["NONE", "OVERWRITE"], doc: `${EKS}/API_CreateAddon.html` },
  { type: "aws:eks/addon:Addon", path: "resolveConflictsOnUpdate", values: ["NONE", "OVERWRITE", "PRESERVE"], doc: `${EKS}/API_UpdateAddon.html` },
  { type: "aws:ec2/launchTemplate:LaunchTemplate", path: "metadataOptions.httpTokens", values: ["optional", "required"], doc: `${EC2}/API_LaunchTemplateInstanceMetadataOptionsRequest.html` },
  { type: "aws:ec2/launchTemplate:LaunchTemplate", path: "metadataOptions.httpEndpoint", values: ["enabled", "disabled"], doc: `${EC2}/API_LaunchTemplateInstanceMetadataOptionsRequest.html` },
  { type: "aws:ec2/launchTemplate:LaunchTemplate", path: "metadataOptions.instanceMetadataTags", values: ["enabled", "disabled"], doc: `${EC2}/API_LaunchTemplateInstanceMetadataOptionsRequest.html` },
  { type: "aws:ec2/flowLog:FlowLog", path: "trafficType", values: ["ACCEPT", "REJECT", "ALL"], doc: `${EC2}/API_CreateFlowLogs.html` },
  { type: "aws:ec2/flowLog:FlowLog", path: "logDestinationType", values: ["cloud-watch-logs", "s3", "kinesis-data-firehose"], doc: `${EC2}/API_CreateFlowLogs.html` },
  { type: "aws:ecr/repository:Repository", path: "imageTagMutability", values: ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"], doc: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html" },
  { type: "aws:ecr/repository:Repository", path: "encryptionConfigurations[].encryptionType", values: ["AES256", "KMS", "KMS_DSSE"], doc: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html" },
  { type: "aws:kms/key:Key", path: "keyUsage", values: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"], doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html" },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    path: "retentionInDays",
    values: [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
    doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
  },
  { type: "aws:codebuild/project:Project", path: "environment.imagePullCredentialsType", values: ["CODEBUILD", "SERVICE_ROLE"], doc: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectEnvironment.html" },
  {
    type: "aws:codebuild/project:Project",
    path: "source.type",
    values: ["CODECOMMIT", "CODEPIPELINE", "GITHUB", "GITLAB", "GITLAB_SELF_MANAGED", "S3", "BITBUCKET", "GITHUB_ENTERPRISE", "NO_SOURCE"],
    doc: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectSource.html",
  },
];


/** API-012: enumerated inputs hold a value the AWS API accepts. */
export const api012 = resourceRule({
  id: "API-012",
  name: "enum-values-valid",
  description: "Enumerated inputs (EKS authentication mode, log types, taint effects, access entry types, IMDS options, flow-log, ECR, KMS, log retention and CodeBuild enums) hold a value the AWS API accepts.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "aws"],
  seed: ["S1 §5.1"],
  upstream: [...new Set(ENUM_FIELDS.map((f) => f.doc))].join(" · "),
  remediation: "Use one of the values the API reference lists for the field (case-sensitive).",
  resourceTypes: [...new Set(ENUM_FIELDS.map((f) => f.type))],
  check(resource, report) {
    const get = fieldReader(resource.props, report);
    for (const field of ENUM_FIELDS) {
      if (field.type !== resource.type) continue;
      for (const path of concretePaths(get, field.path)) {
        const value = get(path);
        if (value === UNKNOWN || value === undefined || value === null) continue;
        if (!field.values.includes(value as string | number)) {
          report({
            message: `${path} = ${JSON.stringify(value)} is not a value the API accepts (${field.values.join(", ")}) (${field.doc})`,
            remediation: `Set ${path} to one of ${field.values.join(", ")}.`,
          });
        }
      }
    }
  },
});
