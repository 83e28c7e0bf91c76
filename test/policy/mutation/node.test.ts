/**
 * Boundary and branch cases found by mutation testing (Stryker) for the node-pool rules NODE-002..NODE-007
 * (incl. the stack part NODE-003S): which block-device mappings NODE-002 judges and how it words them, the
 * launch-template reference shapes NODE-003 accepts, how NODE-003S joins a node group to its template (and
 * what it ignores), SSH message variants and unknown key pairs (NODE-004), label/taint pairing edge cases
 * (NODE-005), and the AMI / image allowlists (NODE-007).
 */
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import type { Violation } from "../../../policy-pack/core/evaluate";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";
const ASG = "aws:autoscaling/group:Group";
const PARAM = "aws:ssm/parameter:Parameter";
const POOL = "hardened-cluster.io/pool";
const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const rootEbs = { encrypted: "true", kmsKeyId: KEY_ARN, volumeType: "gp3" };
const hardened = {
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: rootEbs }],
};
const lt = (props: Record<string, unknown> = {}, name = "nodes") => resource(LT, name, { ...hardened, ...props });
const ng = (props: Record<string, unknown> = {}, extra: Partial<StackResource> = {}) =>
  resource(
    NG,
    "workers",
    { clusterName: "prod", nodeRoleArn: "arn:aws:iam::111122223333:role/nodes", subnetIds: ["subnet-1"], amiType: "AL2023_x86_64_STANDARD", launchTemplate: { id: "lt-0abc", version: "3" }, ...props },
    extra,
  );
const attached = (t: StackResource, props: Record<string, unknown> = {}) => ng(props, { propertyDependencies: { launchTemplate: [t.urn] } });
const external = (name: string): Partial<PackConfig> => ({ externalLaunchTemplates: [{ name, justification: "owned by the shared platform-nodes stack" }] });

const levels = (vs: Violation[]) => vs.map((v) => v.level);
const messages = (vs: Violation[]) => vs.map((v) => v.message);

describe("NODE-002 root volume encryption: which mappings are judged, and the wording", () => {
  it("an empty mapping list is reported once as absent/empty (not as a missing root device)", () => {
    const vs = violationsOf("NODE-002", lt({ blockDeviceMappings: [] }));
    expect(messages(vs)).toEqual([expect.stringContaining("blockDeviceMappings is absent or empty")]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it.each([
    ["without an ebs block", { deviceName: "/dev/sdf", noDevice: "" }],
    ["with ebs null (stack output)", { deviceName: "/dev/sdf", noDevice: "", ebs: null }],
  ])("a non-EBS mapping (noDevice, suppressing an AMI device) %s is not judged for encryption", (_t, extra) => {
    expect(violationsOf("NODE-002", lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: rootEbs }, extra] }))).toEqual([]);
  });

  it("an ebs block without encrypted says the field is absent", () => {
    const vs = violationsOf("NODE-002", lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { kmsKeyId: KEY_ARN } }] }));
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("mandatory");
    expect(vs[0].message).toContain('blockDeviceMappings[0].ebs.encrypted is absent; it must be the string "true"');
  });

  it("a boolean true is named with its JSON spelling, so the user sees why it fails", () => {
    const vs = violationsOf("NODE-002", lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true, kmsKeyId: KEY_ARN } }] }));
    expect(messages(vs)).toEqual([expect.stringContaining("ebs.encrypted is true; it must be")]);
  });

  it.each([
    ["null", null],
    ["an empty string", ""],
  ])("kmsKeyId %s counts as absent while a customer key is required", (_t, kmsKeyId) => {
    const vs = violationsOf("NODE-002", lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId } }] }));
    expect(messages(vs)).toEqual([expect.stringContaining("blockDeviceMappings[0].ebs.kmsKeyId is absent")]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("requireCustomerKey false accepts the AWS-managed EBS key", () => {
    const target = lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] });
    expect(violationsOf("NODE-002", target, { requireCustomerKey: false })).toEqual([]);
  });

  it("the missing-root message lists every configured root device name", () => {
    const vs = violationsOf("NODE-002", lt({ blockDeviceMappings: [{ deviceName: "/dev/sdf", ebs: rootEbs }] }), { rootDeviceNames: ["/dev/xvda", "/dev/xvdb"] });
    expect(messages(vs)).toEqual([expect.stringContaining("config rootDeviceNames (/dev/xvda, /dev/xvdb)")]);
  });

  it("an ebs block unknown at preview is deferred once, without reading into it", () => {
    const vs = violationsOf("NODE-002", previewed(lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: sdkProxy.unknownObjectValue }] })));
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify blockDeviceMappings.0.ebs at preview");
  });
});

describe("NODE-003 launch template reference shapes", () => {
  it("a template referenced by name (no id) is accepted", () => {
    expect(violationsOf("NODE-003", ng({ launchTemplate: { name: "workers-lt", version: "1" } }))).toEqual([]);
  });

  it("a template reference with neither id nor name is reported", () => {
    const vs = violationsOf("NODE-003", ng({ launchTemplate: { version: "1" } }));
    expect(messages(vs)).toEqual(["NODE-003: launchTemplate has neither id nor name"]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].remediation).toContain("launchTemplate.id");
  });

  it("an empty version string is reported as empty", () => {
    const vs = violationsOf("NODE-003", ng({ launchTemplate: { id: "lt-0abc", version: "" } }));
    expect(messages(vs)).toEqual(["NODE-003: launchTemplate.version is empty"]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].remediation).toContain("launchTemplate.version");
  });
});

describe("NODE-003S joining a node group to its launch template", () => {
  it("a template's string finding (metadataOptions absent) is carried into the group's message", () => {
    const t = lt({ metadataOptions: undefined });
    const vs = violationsOf("NODE-003S", [t, attached(t)]);
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("mandatory");
    expect(vs[0].urn).toBe(attached(t).urn);
    expect(vs[0].message).toContain("launchTemplate → nodes fails NODE-001: metadataOptions is absent");
  });

  it("only node groups are judged: an autoscaling group with a launchTemplate is ignored", () => {
    const asg = resource(ASG, "self-managed", { launchTemplate: { id: "lt-unlisted", version: "$Latest" }, maxSize: 2, minSize: 1 });
    expect(violationsOf("NODE-003S", [asg])).toEqual([]);
  });

  it.each([
    ["absent", undefined],
    ["null", null],
  ])("a group whose launchTemplate is %s is left to the resource part", (_t, launchTemplate) => {
    expect(violationsOf("NODE-003S", [ng({ launchTemplate })])).toEqual([]);
  });

  it("a launchTemplate dependency on a resource that is not a LaunchTemplate counts as a template outside the stack", () => {
    const param = resource(PARAM, "shared-lt-id", { type: "String", name: "/platform/nodes/lt-id", value: "lt-0abc" });
    const vs = violationsOf("NODE-003S", [param, ng({}, { propertyDependencies: { launchTemplate: [param.urn] } })]);
    expect(messages(vs)).toEqual([expect.stringContaining("launchTemplate lt-0abc is not a LaunchTemplate in this stack and not listed in config externalLaunchTemplates")]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("a launchTemplate dependency whose URN is not among the stack's resources counts as outside the stack", () => {
    const vs = violationsOf("NODE-003S", [ng({}, { propertyDependencies: { launchTemplate: ["urn:pulumi:other::platform::aws:ec2/launchTemplate:LaunchTemplate::nodes"] } })]);
    expect(messages(vs)).toEqual([expect.stringContaining("not listed in config externalLaunchTemplates")]);
  });

  it("an external template referenced by name is matched against externalLaunchTemplates", () => {
    const group = ng({ launchTemplate: { name: "platform-nodes", version: "7" } });
    expect(violationsOf("NODE-003S", [group], external("platform-nodes"))).toEqual([]);
    expect(messages(violationsOf("NODE-003S", [group]))).toEqual([expect.stringContaining("launchTemplate platform-nodes is not a LaunchTemplate in this stack")]);
  });

  it("an allowlist entry for another template does not cover this one", () => {
    const vs = violationsOf("NODE-003S", [ng()], external("lt-0other"));
    expect(messages(vs)).toEqual([expect.stringContaining("launchTemplate lt-0abc is not a LaunchTemplate")]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("an external template id unknown at preview is deferred with an advisory naming launchTemplate.id", () => {
    const vs = violationsOf("NODE-003S", [previewed(ng({ launchTemplate: { id: sdkProxy.unknownStringValue, version: "1" } }))]);
    expect(messages(vs)).toEqual([expect.stringContaining("cannot verify launchTemplate.id at preview")]);
  });

  it.each([
    ["id", { id: sdkProxy.unknownStringValue, version: "1" }],
    ["name", { name: sdkProxy.unknownStringValue, version: "1" }],
  ])("an external template whose %s is unknown at preview is deferred, not failed", (_t, launchTemplate) => {
    const vs = violationsOf("NODE-003S", [previewed(ng({ launchTemplate }))]);
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify launchTemplate");
  });
});

describe("NODE-004 SSH access", () => {
  it("remoteAccess scoped to source security groups still fails, without the 0.0.0.0/0 clause", () => {
    const vs = violationsOf("NODE-004", ng({ remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-0bastion"] } }));
    expect(messages(vs)).toEqual(["NODE-004: remoteAccess is set: SSH (port 22) is opened to the nodes"]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("a keyName unknown at preview is still a key pair: mandatory", () => {
    const vs = violationsOf("NODE-004", previewed(lt({ keyName: sdkProxy.unknownStringValue })));
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain("keyName is set");
  });
});

describe("NODE-005 label/taint pairing edge cases", () => {
  const taint = (key: string, value: string, effect = "NO_SCHEDULE") => ({ key, value, effect });

  it.each([
    ["absent", undefined],
    ["null", null],
  ])("a pool taint with labels %s names the label as <absent>", (_t, labels) => {
    const vs = violationsOf("NODE-005", ng({ labels, taints: [taint(POOL, "sensitive")] }));
    expect(messages(vs)).toEqual([`NODE-005: taints[0] ${POOL}=sensitive does not match labels["${POOL}"] = <absent>: workloads could tolerate but not select the pool`]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("a sensitive taint under another key does not protect the sensitive pool", () => {
    const vs = violationsOf("NODE-005", ng({ labels: { [POOL]: "sensitive" }, taints: [taint("dedicated", "sensitive")] }));
    expect(messages(vs)).toEqual([expect.stringContaining("but taints has no")]);
  });

  it("a pool taint with another value neither protects the pool nor matches its label: two findings", () => {
    const vs = violationsOf("NODE-005", ng({ labels: { [POOL]: "sensitive" }, taints: [taint(POOL, "general")] }));
    expect(messages(vs)).toEqual([expect.stringContaining("but taints has no"), expect.stringContaining(`taints[0] ${POOL}=general does not match labels["${POOL}"] = sensitive`)]);
    expect(levels(vs)).toEqual(["mandatory", "mandatory"]);
  });

  it("null entries in taints (stack outputs) are skipped, not crashed on", () => {
    expect(violationsOf("NODE-005", ng({ labels: { [POOL]: "sensitive" }, taints: [null, taint(POOL, "sensitive")] }))).toEqual([]);
    expect(violationsOf("NODE-005", ng({ taints: [null] }))).toEqual([]);
  });
});

describe("NODE-007 AMI families and image allowlists", () => {
  const image = (imageId: string) => lt({ imageId });

  it("an exact image id in allowedImageIds is allowed; another id is not", () => {
    const config = { allowedImageIds: ["ami-0123456789abcdef0"] };
    expect(violationsOf("NODE-007", image("ami-0123456789abcdef0"), config)).toEqual([]);
    const vs = violationsOf("NODE-007", image("ami-0fedcba9876543210"), config);
    expect(messages(vs)).toEqual([expect.stringContaining("imageId = ami-0fedcba9876543210 is not in config allowedImageIds")]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("exact ids are not prefixes: a longer id starting with an allowed one is rejected", () => {
    const vs = violationsOf("NODE-007", image("ami-0123456789abcdef0-copy"), { allowedImageIds: ["ami-0123456789abcdef0"] });
    expect(messages(vs)).toEqual([expect.stringContaining("imageId = ami-0123456789abcdef0-copy")]);
  });

  it("an empty allowlist entry is not a resolve:ssm: prefix and allows no SSM parameter", () => {
    const vs = violationsOf("NODE-007", image("resolve:ssm:/aws/service/eks/optimized-ami/1.34/amazon-linux-2/recommended/image_id"), { allowedImageIds: [""] });
    expect(levels(vs)).toEqual(["mandatory"]);
  });

  it("an empty imageId (stack output for 'no custom image') is not judged", () => {
    expect(violationsOf("NODE-007", image(""))).toEqual([]);
  });

  it("an empty amiType is reported as absent", () => {
    const vs = violationsOf("NODE-007", ng({ amiType: "" }));
    expect(messages(vs)).toEqual([expect.stringContaining("amiType is absent")]);
  });

  it("CUSTOM is accepted (the launch template's imageId is judged instead)", () => {
    expect(violationsOf("NODE-007", ng({ amiType: "CUSTOM" }), { allowedImageIds: ["resolve:ssm:/hardened/"] })).toEqual([]);
    expect(violationsOf("NODE-007", ng({ amiType: "CUSTOM" }))).toEqual([]);
  });

  it("a family outside allowedAmiTypes is reported with the configured prefixes", () => {
    const vs = violationsOf("NODE-007", ng({ amiType: "WINDOWS_CORE_2022_x86_64" }));
    expect(messages(vs)).toEqual([expect.stringMatching(/^NODE-007: amiType = WINDOWS_CORE_2022_x86_64 is not a supported type of an allowed family \(config allowedAmiTypes AL2023_, BOTTLEROCKET_;/)]);
    expect(levels(vs)).toEqual(["mandatory"]);
  });
});
