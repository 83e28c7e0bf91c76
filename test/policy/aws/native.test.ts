/**
 * Issue 16.5: every `@pulumi/aws-native` equivalent of an AWS type the pack judges is judged by the same checks on
 * the native property names (CloudFormation-style camelCase), and messages name the native fields. Compliant cases
 * are also run with each field unknown (runCases), which exercises the lazy native views at preview.
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import { findRule } from "../../../policy-pack/registry";
import { NATIVE } from "../../../policy-pack/core/native";
import { resource } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";

const KEY = "arn:aws:kms:eu-west-1:111111111111:key/k";
const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const clusterProps = {
  name: "prod",
  roleArn: "arn:aws:iam::111111111111:role/eks",
  version: "1.34",
  resourcesVpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: ["subnet-1"] },
  encryptionConfig: [{ provider: { keyArn: KEY }, resources: ["secrets"] }],
  logging: { clusterLogging: { enabledTypes: LOG_TYPES.map((type) => ({ type })) } },
  accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
};
const cluster = (props: Record<string, unknown> = {}, extra = {}) => resource(NATIVE.cluster, "cluster", { ...clusterProps, ...props }, extra);
const nodegroup = (props: Record<string, unknown> = {}) =>
  resource(NATIVE.nodeGroup, "ng", { clusterName: "prod", nodeRole: "arn:aws:iam::111111111111:role/nodes", subnets: ["subnet-1"], amiType: "AL2023_x86_64_STANDARD", launchTemplate: { id: "lt-1", version: "1" }, ...props });
const ltData = {
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true, kmsKeyId: KEY, volumeType: "gp3" } }],
};
const template = (data: Record<string, unknown> = {}) => resource(NATIVE.launchTemplate, "lt", { launchTemplateData: { ...ltData, ...data } });
const sg = (role: string, ingress: Record<string, unknown>[], name = "sg") =>
  resource(NATIVE.securityGroup, name, { groupDescription: name, tags: [{ key: LABELS.sgRole, value: role }], securityGroupIngress: ingress });
const key = (props: Record<string, unknown> = {}) => resource(NATIVE.kmsKey, "key", { enableKeyRotation: true, keyPolicy: {}, ...props });
const repo = (props: Record<string, unknown> = {}) =>
  resource(NATIVE.repository, "repo", {
    repositoryName: "app",
    imageScanningConfiguration: { scanOnPush: true },
    imageTagMutability: "IMMUTABLE",
    encryptionConfiguration: { encryptionType: "KMS", kmsKey: KEY },
    lifecyclePolicy: { lifecyclePolicyText: '{"rules":[]}' },
    ...props,
  });
const logGroup = (props: Record<string, unknown> = {}) => resource(NATIVE.logGroup, "logs", { logGroupName: "/aws/eks/prod/cluster", kmsKeyId: KEY, retentionInDays: 365, ...props });

const cases: RuleCase[] = [
  ...["EKS-001", "EKS-002", "EKS-003", "EKS-004", "EKS-005", "EKS-006", "EKS-007", "EKS-008"].map((rule): RuleCase => ({ title: `${rule} ✔ hardened aws-native:eks:Cluster`, rule, target: cluster(), expect: null })),
  { title: "EKS-001 ✘ native private endpoint off", rule: "EKS-001", target: cluster({ resourcesVpcConfig: { endpointPrivateAccess: false, endpointPublicAccess: false } }), expect: mandatory("resourcesVpcConfig.endpointPrivateAccess") },
  { title: "EKS-002 ✘ native public endpoint absent", rule: "EKS-002", target: cluster({ resourcesVpcConfig: { endpointPrivateAccess: true } }), expect: mandatory("resourcesVpcConfig.endpointPublicAccess") },
  { title: "EKS-003 ✘ native public endpoint open to the world", rule: "EKS-003", target: cluster({ resourcesVpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }), config: { allowPublicEndpoint: true }, expect: mandatory("resourcesVpcConfig.publicAccessCidrs[0]") },
  { title: "EKS-004 ✘ native encryptionConfig absent", rule: "EKS-004", target: cluster({ encryptionConfig: undefined }), expect: mandatory("encryptionConfig") },
  { title: "EKS-004 ✘ native encryptionConfig without secrets", rule: "EKS-004", target: cluster({ encryptionConfig: [{ provider: { keyArn: KEY }, resources: [] }] }), expect: mandatory("encryptionConfig[0].resources") },
  { title: "EKS-004 ✘ native AWS-managed key alias", rule: "EKS-004", target: cluster({ encryptionConfig: [{ provider: { keyArn: "alias/aws/eks" }, resources: ["secrets"] }] }), expect: mandatory("encryptionConfig[0].provider.keyArn") },
  { title: "EKS-005 ✘ native logging incomplete", rule: "EKS-005", target: cluster({ logging: { clusterLogging: { enabledTypes: [{ type: "api" }] } } }), expect: mandatory("logging.clusterLogging.enabledTypes") },
  { title: "EKS-006 ✘ native CONFIG_MAP", rule: "EKS-006", target: cluster({ accessConfig: { authenticationMode: "CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: false } }), expect: mandatory("accessConfig.authenticationMode") },
  { title: "EKS-007 ✘ native old version", rule: "EKS-007", target: cluster({ version: "1.28" }), expect: mandatory("version") },
  { title: "EKS-008 ✘ native bootstrap admin", rule: "EKS-008", target: cluster({ accessConfig: { authenticationMode: "API" } }), expect: mandatory("bootstrapClusterCreatorAdminPermissions") },

  ...["NODE-003", "NODE-004", "NODE-005", "NODE-007"].map((rule): RuleCase => ({ title: `${rule} ✔ hardened aws-native:eks:Nodegroup`, rule, target: nodegroup(), expect: null })),
  { title: "NODE-003 ✘ native node group without launch template", rule: "NODE-003", target: nodegroup({ launchTemplate: undefined }), expect: mandatory("launchTemplate") },
  { title: "NODE-004 ✘ native remoteAccess", rule: "NODE-004", target: nodegroup({ remoteAccess: { ec2SshKey: "ops" } }), expect: mandatory("remoteAccess.sourceSecurityGroups") },
  { title: "NODE-005 ✘ native sensitive label without taint", rule: "NODE-005", target: nodegroup({ labels: { [LABELS.pool]: "sensitive" } }), expect: mandatory("taints") },
  { title: "NODE-007 ✘ native AL2 AMI", rule: "NODE-007", target: nodegroup({ amiType: "AL2_x86_64" }), expect: mandatory("amiType") },

  ...["NODE-001", "NODE-002", "NODE-004", "NODE-007"].map((rule): RuleCase => ({ title: `${rule} ✔ hardened aws-native:ec2:LaunchTemplate`, rule, target: template(), expect: null })),
  { title: "NODE-001 ✘ native hop limit 2", rule: "NODE-001", target: template({ metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 } }), expect: mandatory("launchTemplateData.metadataOptions.httpPutResponseHopLimit", 1) },
  { title: "NODE-001 ✘ native metadataOptions absent", rule: "NODE-001", target: template({ metadataOptions: undefined }), expect: mandatory("launchTemplateData.metadataOptions") },
  { title: "NODE-002 ✘ native unencrypted root volume (boolean false)", rule: "NODE-002", target: template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: false, kmsKeyId: KEY } }] }), expect: mandatory("launchTemplateData.blockDeviceMappings[0].ebs.encrypted") },
  { title: "NODE-004 ✘ native keyName", rule: "NODE-004", target: template({ keyName: "ops" }), expect: mandatory("keyName") },
  { title: "NODE-007 ✘ native custom image", rule: "NODE-007", target: template({ imageId: "ami-0123456789abcdef0" }), expect: mandatory("launchTemplateData.imageId") },

  {
    title: "SG-001 ✔ native node SG: NodePorts from a trusted SG",
    rule: "SG-001",
    target: sg("node", [{ ipProtocol: "tcp", fromPort: 30000, toPort: 32767, sourceSecurityGroupId: "sg-shared-alb" }]),
    config: { trustedSecurityGroupIds: ["sg-shared-alb"] },
    expect: null,
  },
  { title: "SG-002 ✘ native node SG open to the world", rule: "SG-002", target: sg("node", [{ ipProtocol: "tcp", fromPort: 30000, toPort: 32767, cidrIp: "0.0.0.0/0" }]), expect: mandatory("securityGroupIngress[0].cidrIp") },
  { title: "SG-006 ✘ native kubelet from a CIDR", rule: "SG-006", target: sg("node", [{ ipProtocol: "tcp", fromPort: 10250, toPort: 10250, cidrIp: "10.0.0.0/16" }]), expect: mandatory("securityGroupIngress[0].cidrIp") },
  (() => {
    const node = sg("node", [], "node");
    const clusterSg = sg("cluster", [], "cluster");
    const rule = resource(NATIVE.securityGroupIngress, "kubelet", { groupId: "sg-node", sourceSecurityGroupId: "sg-cluster", ipProtocol: "tcp", fromPort: 10250, toPort: 10250 }, { propertyDependencies: { groupId: [node.urn], sourceSecurityGroupId: [clusterSg.urn] } });
    return { title: "SG-009 ✔ native SecurityGroupIngress: kubelet on the node SG from the cluster SG", rule: "SG-009", target: [node, clusterSg, rule], expect: null } as RuleCase;
  })(),
  (() => {
    const node = sg("node", [], "node");
    const rule = resource(NATIVE.securityGroupIngress, "world", { groupId: "sg-node", cidrIp: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 30000, toPort: 32767 }, { propertyDependencies: { groupId: [node.urn] } });
    return { title: "SG-009 ✘ native SecurityGroupIngress: NodePorts from the world", rule: "SG-009", target: [node, rule], expect: mandatory("cidrIp") } as RuleCase;
  })(),

  ...["KMS-001", "KMS-002", "KMS-003"].map((rule): RuleCase => ({ title: `${rule} ✔ hardened aws-native:kms:Key`, rule, target: key(), expect: null })),
  { title: "KMS-001 ✘ native rotation off", rule: "KMS-001", target: key({ enableKeyRotation: false }), expect: mandatory("enableKeyRotation") },
  { title: "KMS-002 ✘ native 7-day window", rule: "KMS-002", target: key({ pendingWindowInDays: 7 }), expect: mandatory("pendingWindowInDays") },
  { title: "KMS-003 ✘ native lockout bypass", rule: "KMS-003", target: key({ bypassPolicyLockoutSafetyCheck: true }), expect: mandatory("bypassPolicyLockoutSafetyCheck") },

  ...["ECR-001", "ECR-002", "ECR-003", "ECR-004"].map((rule): RuleCase => ({ title: `${rule} ✔ hardened aws-native:ecr:Repository`, rule, target: repo(), expect: null })),
  { title: "ECR-001 ✘ native no scan on push", rule: "ECR-001", target: repo({ imageScanningConfiguration: { scanOnPush: false } }), expect: mandatory("imageScanningConfiguration.scanOnPush") },
  { title: "ECR-002 ✘ native mutable tags", rule: "ECR-002", target: repo({ imageTagMutability: "MUTABLE" }), expect: mandatory("imageTagMutability") },
  { title: "ECR-003 ✘ native AES256", rule: "ECR-003", target: repo({ encryptionConfiguration: { encryptionType: "AES256" } }), expect: mandatory("encryptionConfiguration") },
  { title: "ECR-004 ✘ native repository without lifecycle policy", rule: "ECR-004", target: [repo({ lifecyclePolicy: undefined })], expect: { level: "advisory", field: "repo" } },

  ...["LOG-001", "LOG-002"].map((rule): RuleCase => ({ title: `${rule} ✔ hardened aws-native:logs:LogGroup`, rule, target: logGroup(), expect: null })),
  { title: "LOG-001 ✘ native no kmsKeyId", rule: "LOG-001", target: logGroup({ kmsKeyId: undefined }), expect: mandatory("kmsKeyId") },
  { title: "LOG-002 ✘ native 7-day retention", rule: "LOG-002", target: logGroup({ retentionInDays: 7 }), expect: mandatory("retentionInDays") },
  (() => {
    const group = logGroup();
    return { title: "LOG-003 ✔ native cluster depends on its native log group", rule: "LOG-003", target: [group, cluster({}, { dependencies: [group.urn] })], expect: null } as RuleCase;
  })(),
  { title: "LOG-003 ✘ native cluster without its log group", rule: "LOG-003", target: [cluster()], expect: mandatory("/aws/eks/prod/cluster") },
  { title: "NODE-008 ✘ native launch template with a public IP (boolean)", rule: "NODE-008", target: template({ networkInterfaces: [{ associatePublicIpAddress: true, deviceIndex: 0 }] }), expect: mandatory("launchTemplateData.networkInterfaces[0].associatePublicIpAddress") },
  { title: "NODE-008 ✔ native launch template without a public IP", rule: "NODE-008", target: template({ networkInterfaces: [{ associatePublicIpAddress: false, deviceIndex: 0 }] }), expect: null },
  (() => {
    const s = resource(NATIVE.subnet, "public-a", { vpcId: "vpc-1", mapPublicIpOnLaunch: true });
    const group = resource(NATIVE.nodeGroup, "ng", { clusterName: "prod", nodeRole: "r", subnets: ["subnet-1"] }, { propertyDependencies: { subnets: [s.urn] } });
    return { title: "NODE-008S ✘ native node group in a native subnet that maps public IPs", rule: "NODE-008S", target: [s, group], expect: mandatory("mapPublicIpOnLaunch") } as RuleCase;
  })(),
];

describe("aws-native equivalents are judged by the same checks", () => {
  runCases(cases);

  it.each(Object.values(NATIVE))("%s is in the resourceTypes of at least one rule", (type) => {
    const rules = ["EKS-001", "NODE-001", "NODE-003", "NODE-008S", "SG-001", "SG-009", "KMS-001", "ECR-001", "LOG-001"].map((id) => findRule(id)!);
    expect(rules.some((r) => r.resourceTypes.includes(type))).toBe(true);
  });
});
