import { resource } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";
const POOL = "hardened-cluster.io/pool";
const good = {
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k", volumeType: "gp3" } }],
};
const lt = (props: Record<string, unknown> = {}, name = "lt") => resource(LT, name, { ...good, ...props });
const ng = (props: Record<string, unknown> = {}, extra = {}) =>
  resource(NG, "ng", { clusterName: "c", nodeRoleArn: "arn", subnetIds: ["s"], scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 }, amiType: "AL2023_x86_64_STANDARD", launchTemplate: { id: "lt-1", version: "1" }, ...props }, extra);
const withLt = (t: ReturnType<typeof lt>, props: Record<string, unknown> = {}) => ng(props, { propertyDependencies: { launchTemplate: [t.urn] } });

const cases: RuleCase[] = [
  { title: "NODE-001 ✔ required + hop 1", rule: "NODE-001", target: lt(), expect: null },
  { title: "NODE-001 ✘ hop limit 2", rule: "NODE-001", target: lt({ metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 } }), expect: mandatory("metadataOptions.httpPutResponseHopLimit", 1) },
  { title: "NODE-001 ✘ httpTokens optional", rule: "NODE-001", target: lt({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }), expect: mandatory("metadataOptions.httpTokens", 1) },
  { title: "NODE-001 ✘ tokens and hop reported separately", rule: "NODE-001", target: lt({ metadataOptions: { httpEndpoint: "enabled" } }), expect: mandatory("httpTokens", 2) },
  { title: "NODE-001 ✘ metadataOptions absent", rule: "NODE-001", target: lt({ metadataOptions: undefined }), expect: mandatory("metadataOptions") },
  { title: "NODE-001 ✔ endpoint disabled", rule: "NODE-001", target: lt({ metadataOptions: { httpEndpoint: "disabled" } }), expect: null },
  { title: "NODE-002 ✔ encrypted root with CMK", rule: "NODE-002", target: lt(), expect: null },
  { title: "NODE-002 ✘ encrypted \"false\"", rule: "NODE-002", target: lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", kmsKeyId: "k" } }] }), expect: mandatory("blockDeviceMappings[0].ebs.encrypted") },
  { title: "NODE-002 ✘ boolean true is not the string", rule: "NODE-002", target: lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true, kmsKeyId: "k" } }] }), expect: mandatory("\"true\"") },
  { title: "NODE-002 ✘ no root mapping", rule: "NODE-002", target: lt({ blockDeviceMappings: [{ deviceName: "/dev/xvdb", ebs: { encrypted: "true", kmsKeyId: "k" } }] }), expect: mandatory("rootDeviceNames") },
  { title: "NODE-002 ✔ Bottlerocket root device by config", rule: "NODE-002", target: lt({ blockDeviceMappings: [{ deviceName: "/dev/xvdb", ebs: { encrypted: "true", kmsKeyId: "k" } }] }), config: { rootDeviceNames: ["/dev/xvda", "/dev/xvdb"] }, expect: null },
  { title: "NODE-002 ✘ no kmsKeyId", rule: "NODE-002", target: lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }), expect: mandatory("ebs.kmsKeyId") },
  { title: "NODE-002 ✘ no mappings", rule: "NODE-002", target: lt({ blockDeviceMappings: undefined }), expect: mandatory("blockDeviceMappings") },
  { title: "NODE-003 ✔ template with version", rule: "NODE-003", target: ng(), expect: null },
  { title: "NODE-003 ✘ no template", rule: "NODE-003", target: ng({ launchTemplate: undefined }), expect: mandatory("launchTemplate") },
  { title: "NODE-003 ✘ no version", rule: "NODE-003", target: ng({ launchTemplate: { id: "lt-1" } }), expect: mandatory("launchTemplate.version") },
  { title: "NODE-003S ✔ in-stack hardened template", rule: "NODE-003S", target: (() => { const t = lt(); return [t, withLt(t)]; })(), expect: null },
  { title: "NODE-003S ✘ in-stack template with hop limit 2", rule: "NODE-003S", target: (() => { const t = lt({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } }); return [t, withLt(t)]; })(), expect: mandatory("NODE-001") },
  { title: "NODE-003S ✘ in-stack template with keyName", rule: "NODE-003S", target: (() => { const t = lt({ keyName: "ops" }); return [t, withLt(t)]; })(), expect: mandatory("NODE-004") },
  { title: "NODE-003S ✘ template not in stack", rule: "NODE-003S", target: [ng()], expect: mandatory("externalLaunchTemplates") },
  { title: "NODE-003S ✔ external template allow-listed", rule: "NODE-003S", target: [ng()], config: { externalLaunchTemplates: [{ name: "lt-1", justification: "owned by the shared platform-nodes stack" }] }, expect: null },
  { title: "NODE-004 ✘ remoteAccess", rule: "NODE-004", target: ng({ remoteAccess: { ec2SshKey: "ops" } }), expect: mandatory("0.0.0.0/0") },
  { title: "NODE-004 ✘ keyName on template", rule: "NODE-004", target: lt({ keyName: "ops" }), expect: mandatory("keyName") },
  { title: "NODE-004 ✔ neither", rule: "NODE-004", target: [ng(), lt()], expect: null },
  { title: "NODE-005 ✔ label + taint", rule: "NODE-005", target: ng({ labels: { [POOL]: "sensitive" }, taints: [{ key: POOL, value: "sensitive", effect: "NO_SCHEDULE" }] }), expect: null },
  { title: "NODE-005 ✘ sensitive label without taint", rule: "NODE-005", target: ng({ labels: { [POOL]: "sensitive" } }), expect: mandatory("taints") },
  { title: "NODE-005 ✘ taint value differs from label", rule: "NODE-005", target: ng({ labels: { [POOL]: "general" }, taints: [{ key: POOL, value: "sensitive", effect: "NO_SCHEDULE" }] }), expect: mandatory("taints[0]") },
  { title: "NODE-005 ✘ PREFER_NO_SCHEDULE is not enough", rule: "NODE-005", target: ng({ labels: { [POOL]: "sensitive" }, taints: [{ key: POOL, value: "sensitive", effect: "PREFER_NO_SCHEDULE" }] }), expect: mandatory("NO_SCHEDULE") },
  { title: "NODE-005 ✔ NO_EXECUTE accepted", rule: "NODE-005", target: ng({ labels: { [POOL]: "sensitive" }, taints: [{ key: POOL, value: "sensitive", effect: "NO_EXECUTE" }] }), expect: null },
  { title: "NODE-007 ✔ AL2023 ARM", rule: "NODE-007", target: ng({ amiType: "AL2023_ARM_64_STANDARD" }), expect: null },
  { title: "NODE-007 ✘ AL2 AMI", rule: "NODE-007", target: ng({ amiType: "AL2_x86_64" }), expect: mandatory("amiType") },
  { title: "NODE-007 ✘ AL2 even if allowed by config", rule: "NODE-007", target: ng({ amiType: "AL2_x86_64_GPU" }), config: { allowedAmiTypes: ["AL2"] }, expect: mandatory("AL2_x86_64_GPU") },
  { title: "NODE-007 ✘ amiType absent", rule: "NODE-007", target: ng({ amiType: undefined }), expect: mandatory("amiType") },
  // Issue 16.5: the AL2023 / Bottlerocket EKS AMIs (every variant of the EKS enum) are accepted.
  ...["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA", "AL2023_x86_64_NEURON", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64_FIPS", "BOTTLEROCKET_x86_64_NVIDIA"].map(
    (amiType): RuleCase => ({ title: `NODE-007 ✔ ${amiType}`, rule: "NODE-007", target: ng({ amiType }), expect: null }),
  ),
  { title: "NODE-007 ✘ misspelt AL2023 type (not an EKS value)", rule: "NODE-007", target: ng({ amiType: "AL2023_x86_64" }), expect: mandatory("AL2023_x86_64") },
  { title: "NODE-007 ✔ CUSTOM: the image is judged on the launch template", rule: "NODE-007", target: ng({ amiType: "CUSTOM" }), expect: null },
  {
    title: "NODE-007 ✔ template imageId = EKS-optimised AL2023 SSM parameter",
    rule: "NODE-007",
    target: lt({ imageId: "resolve:ssm:/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/image_id" }),
    expect: null,
  },
  { title: "NODE-007 ✔ template imageId = Bottlerocket SSM parameter", rule: "NODE-007", target: lt({ imageId: "resolve:ssm:/aws/service/bottlerocket/aws-k8s-1.34/arm64/latest/image_id" }), expect: null },
  {
    title: "NODE-007 ✘ template imageId = EKS-optimised AL2 SSM parameter",
    rule: "NODE-007",
    target: lt({ imageId: "resolve:ssm:/aws/service/eks/optimized-ami/1.32/amazon-linux-2/recommended/image_id" }),
    expect: mandatory("imageId"),
  },
  { title: "NODE-007 ✔ template imageId via allowed SSM prefix", rule: "NODE-007", target: lt({ imageId: "resolve:ssm:/hardened/ami/eks-1.34" }), config: { allowedImageIds: ["resolve:ssm:/hardened/"] }, expect: null },
  { title: "NODE-007 ✘ template imageId not allowed", rule: "NODE-007", target: lt({ imageId: "ami-0123456789abcdef0" }), expect: mandatory("imageId") },
];

describe("node rules", () => {
  runCases(cases);
});

describe("NODE-004 on stack outputs", () => {
  runCases([
    { title: "NODE-004 ✔ empty keyName output counts as unset", rule: "NODE-004", target: lt({ keyName: "" }), expect: null, presenceIsViolation: ["keyName"] },
  ]);
});
