import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
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

// Issue 16.5: launch configurations, key pairs and public IPs on nodes were not judged at all.
const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
const SUBNET = "aws:ec2/subnet:Subnet";
const lc = (props: Record<string, unknown> = {}) =>
  resource(LC, "lc", { imageId: "ami-1", instanceType: "m7g.large", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }, rootBlockDevice: { encrypted: true, volumeType: "gp3" }, ...props });
const subnet = (name: string, mapPublicIpOnLaunch: boolean) => resource(SUBNET, name, { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch });
const inSubnets = (...subnets: ReturnType<typeof subnet>[]) => ng({}, { propertyDependencies: { subnetIds: subnets.map((s) => s.urn) } });

describe("launch configurations, key pairs and public IPs", () => {
  runCases([
    { title: "NODE-001 ✔ launch configuration requires IMDSv2 with hop limit 1", rule: "NODE-001", target: lc(), expect: null },
    { title: "NODE-001 ✘ launch configuration without metadataOptions", rule: "NODE-001", target: lc({ metadataOptions: undefined }), expect: mandatory("metadataOptions") },
    { title: "NODE-001 ✘ launch configuration with optional tokens", rule: "NODE-001", target: lc({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }), expect: mandatory("metadataOptions.httpTokens") },
    { title: "NODE-002 ✔ launch configuration encrypted (customer key not required)", rule: "NODE-002", target: lc({ ebsBlockDevices: [{ deviceName: "/dev/xvdb", encrypted: true }] }), config: { requireCustomerKey: false }, expect: null },
    { title: "NODE-002 ✘ launch configuration root volume unencrypted", rule: "NODE-002", target: lc({ rootBlockDevice: { encrypted: false } }), config: { requireCustomerKey: false }, expect: mandatory("rootBlockDevice.encrypted") },
    { title: "NODE-002 ✘ launch configuration data volume unencrypted", rule: "NODE-002", target: lc({ ebsBlockDevices: [{ deviceName: "/dev/xvdb" }] }), config: { requireCustomerKey: false }, expect: mandatory("ebsBlockDevices[0].encrypted") },
    { title: "NODE-002 ✘ launch configuration cannot use a customer key", rule: "NODE-002", target: lc(), expect: mandatory("customer KMS key", 1) },
    { title: "NODE-004 ✘ launch configuration keyName", rule: "NODE-004", target: lc({ keyName: "ops" }), expect: mandatory("keyName") },
    { title: "NODE-004 ✔ launch configuration without keyName", rule: "NODE-004", target: lc(), expect: null },
    { title: "NODE-008 ✔ launch template without public IP", rule: "NODE-008", target: lt({ networkInterfaces: [{ associatePublicIpAddress: "false", deviceIndex: 0 }] }), expect: null },
    { title: "NODE-008 ✘ launch template network interface with public IP", rule: "NODE-008", target: lt({ networkInterfaces: [{ associatePublicIpAddress: "true", deviceIndex: 0 }] }), expect: mandatory("networkInterfaces[0].associatePublicIpAddress") },
    { title: "NODE-008 ✔ launch configuration without public IP", rule: "NODE-008", target: lc({ associatePublicIpAddress: false }), expect: null },
    { title: "NODE-008 ✘ launch configuration with public IP", rule: "NODE-008", target: lc({ associatePublicIpAddress: true }), expect: mandatory("associatePublicIpAddress") },
    (() => {
      const s = subnet("private-a", false);
      return { title: "NODE-008S ✔ node group in private subnets", rule: "NODE-008S", target: [s, inSubnets(s)], expect: null } as RuleCase;
    })(),
    (() => {
      const s = subnet("public-a", true);
      return { title: "NODE-008S ✘ node group in a subnet that maps public IPs", rule: "NODE-008S", target: [s, inSubnets(s)], expect: mandatory("mapPublicIpOnLaunch") } as RuleCase;
    })(),
    { title: "NODE-008S ✔ a public subnet no node group uses (load balancers, NAT)", rule: "NODE-008S", target: [subnet("public-a", true), ng()], expect: null },
  ]);

  it("NODE-004 flags a launch template whose keyName comes from an aws.ec2.KeyPair (unknown at preview)", () => {
    const kp = resource("aws:ec2/keyPair:KeyPair", "ops", { publicKey: "ssh-ed25519 AAAA" });
    const template = previewed(resource(LT, "lt", { ...good, keyName: sdkProxy.unknownStringValue }, { propertyDependencies: { keyName: [kp.urn] } }));
    const vs = violationsOf("NODE-004", template);
    expect(vs).toEqual([expect.objectContaining({ level: "mandatory", message: expect.stringContaining("aws.ec2.KeyPair") })]);
  });

  it("NODE-004 flags a node group whose remoteAccess.ec2SshKey names an aws.ec2.KeyPair", () => {
    const vs = violationsOf("NODE-004", ng({ remoteAccess: { ec2SshKey: sdkProxy.unknownStringValue } }));
    expect(vs.map((v) => v.level)).toEqual(["mandatory"]);
  });
});
