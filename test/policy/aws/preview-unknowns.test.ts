import { LABELS } from "../../../policy-pack/baseline/labels";
import type { StackResource } from "../../../policy-pack/core/rule";
import { isUnknownValueError } from "../../../policy-pack/core/unknowns";
import { resource, violationsOf } from "../../support/rules";

/** Internal API of @pulumi/policy 1.21.0 (pinned): the preview proxy and its unknown sentinels. */
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(o: T): T;
  unknownStringValue: string;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownArrayValue: string;
};
const S = proxy.unknownStringValue;
const B = proxy.unknownBooleanValue;
const N = proxy.unknownNumberValue;
const A = proxy.unknownArrayValue;

/** Wrap a fixture's props the way the SDK does during `pulumi preview`. */
const previewed = (r: StackResource): StackResource => ({ ...r, props: proxy.unknownCheckingProxy(r.props) });

interface UnknownCase {
  readonly title: string;
  readonly rule: string;
  readonly target: StackResource | StackResource[];
  /** The unknown field the advisory must name. */
  readonly field: string;
  /** A definite violation that must still be reported (literal fields are checked first). */
  readonly alsoMandatory?: string;
}

const SGIR = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const cases: UnknownCase[] = [
  { title: "EKS-001 unknown endpointPrivateAccess", rule: "EKS-001", target: resource("aws:eks/cluster:Cluster", "c", { vpcConfig: { endpointPrivateAccess: B } }), field: "vpcConfig.endpointPrivateAccess" },
  { title: "EKS-003 unknown publicAccessCidrs", rule: "EKS-003", target: resource("aws:eks/cluster:Cluster", "c", { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: A } }), field: "vpcConfig.publicAccessCidrs" },
  {
    title: "EKS-004 unknown keyArn: presence confirmed, literal resources still judged",
    rule: "EKS-004",
    target: resource("aws:eks/cluster:Cluster", "c", { encryptionConfig: { provider: { keyArn: S }, resources: [] } }),
    field: "encryptionConfig.provider.keyArn",
    alsoMandatory: "encryptionConfig.resources",
  },
  {
    title: "NODE-001 tokens reported before the unknown hop limit",
    rule: "NODE-001",
    target: resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: N } }),
    field: "metadataOptions.httpPutResponseHopLimit",
    alsoMandatory: "metadataOptions.httpTokens",
  },
  {
    title: "NODE-002 unknown kmsKeyId",
    rule: "NODE-002",
    target: resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: S } }] }),
    field: "kmsKeyId",
  },
  { title: "KMS-001 unknown enableKeyRotation", rule: "KMS-001", target: resource("aws:kms/key:Key", "k", { enableKeyRotation: B }), field: "enableKeyRotation" },
  { title: "ECR-003 unknown kmsKey", rule: "ECR-003", target: resource("aws:ecr/repository:Repository", "r", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: S }] }), field: "kmsKey" },
  { title: "LOG-002 unknown retention", rule: "LOG-002", target: resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: N }), field: "retentionInDays" },
  {
    title: "SG-002 unknown cidrIpv4",
    rule: "SG-002",
    target: resource(SGIR, "r", { securityGroupId: S, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: S, tags: { [LABELS.sgRole]: "lb" } }),
    field: "cidrIpv4",
  },
  { title: "SG-004 unknown inline ingress", rule: "SG-004", target: resource("aws:ec2/securityGroup:SecurityGroup", "sg", { ingress: A, tags: { [LABELS.sgRole]: "node" } }), field: "ingress" },
  {
    title: "SG-009 (SG-001 on the tagless SecurityGroupRule) unknown protocol",
    rule: "SG-009",
    target: resource("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "ingress", protocol: S, fromPort: 1, toPort: 2, cidrBlocks: ["10.0.0.0/8"], securityGroupId: S }),
    field: "protocol",
  },
  {
    title: "SG-006 self-reference with both ids unknown is deferred, not passed",
    rule: "SG-006",
    target: resource(SGIR, "r", { securityGroupId: S, referencedSecurityGroupId: S, ipProtocol: "tcp", fromPort: 10250, toPort: 10250, tags: { [LABELS.sgRole]: "node", [LABELS.sourceRole]: "node" } }),
    field: "self-reference",
  },
  { title: "LOG-003 unknown cluster name (stack rule)", rule: "LOG-003", target: [resource("aws:eks/cluster:Cluster", "c", { name: S, enabledClusterLogTypes: ["api"] })], field: "name" },
  {
    title: "GD-001 unknown feature status (stack rule)",
    rule: "GD-001",
    target: (() => {
      const d = resource("aws:guardduty/detector:Detector", "gd", { enable: true });
      return [d, resource("aws:guardduty/detectorFeature:DetectorFeature", "f", { name: "EKS_AUDIT_LOGS", status: S }, { propertyDependencies: { detectorId: [d.urn] } })];
    })(),
    field: "DetectorFeature",
  },
];

describe("preview unknowns (unknownCheckingProxy): never a silent pass", () => {
  it.each(cases.map((c) => [c.title, c] as const))("%s", (_t, c) => {
    const target = Array.isArray(c.target) ? c.target.map(previewed) : previewed(c.target);
    const config = c.rule === "GD-001" ? { requireGuardDuty: true } : {};
    let threw: unknown;
    let vs: ReturnType<typeof violationsOf> = [];
    try {
      vs = violationsOf(c.rule, target, config);
    } catch (error) {
      threw = error;
    }
    if (threw !== undefined) {
      // The SDK turns this into its advisory "can't run policy ... during preview".
      expect(isUnknownValueError(threw)).toBe(true);
      return;
    }
    const deferred = vs.find((v) => v.level === "advisory" && v.message.includes("cannot verify") && v.message.includes(c.field));
    expect(deferred).toBeDefined();
    const mandatory = vs.filter((v) => v.level === "mandatory");
    // Only the literal finding is definite; the unknown field itself is never a mandatory violation.
    expect(mandatory.map((v) => v.message.includes(c.alsoMandatory ?? "\u0000"))).toEqual(c.alsoMandatory ? [true] : []);
  });

  it("the proxy really throws UnknownValueError on a raw read (sanity check of the fixture)", () => {
    const p = proxy.unknownCheckingProxy({ a: { b: S } }) as { a: { b: string } };
    expect(() => p.a.b).toThrow(/can't be known during preview/);
    expect("b" in p.a).toBe(true);
  });
});
