/**
 * Issue 16.4 (pack side): reads that used to throw past the rule (aborting it) or pass an unknown as compliant.
 * Each case has one field unknown the way the SDK presents it at preview; the rule must answer with an advisory
 * "cannot verify" note (the engine lists those as UNVERIFIED) and never with silence or a mandatory violation.
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";

const S = sdkProxy.unknownStringValue;
const O = sdkProxy.unknownObjectValue;
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";
const POOL = LABELS.pool;

interface AuditCase {
  readonly title: string;
  readonly rule: string;
  readonly target: StackResource | StackResource[];
  /** Text the advisory must contain (the unknown field). */
  readonly field: string;
}

const cases: AuditCase[] = [
  { title: "NODE-002 unknown mapping element (forEach threw)", rule: "NODE-002", target: resource(LT, "lt", { blockDeviceMappings: [O] }), field: "blockDeviceMappings.0" },
  {
    title: "NODE-005 unknown taint element (some() threw)",
    rule: "NODE-005",
    target: resource(NG, "ng", { labels: { [POOL]: "sensitive" }, taints: [O] }),
    field: "taints.0",
  },
  { title: "NODE-005 unknown pool label value (dotted key read)", rule: "NODE-005", target: resource(NG, "ng", { labels: { [POOL]: S }, taints: [] }), field: `labels["${POOL}"]` },
  { title: "LOG-001 unknown kmsKeyId", rule: "LOG-001", target: resource("aws:cloudwatch/logGroup:LogGroup", "g", { kmsKeyId: S }), field: "kmsKeyId" },
  { title: "EKS-004 unknown encryptionConfig.resources element (includes threw)", rule: "EKS-004", target: resource("aws:eks/cluster:Cluster", "c", { encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:1:key/k" }, resources: [S] } }), field: "encryptionConfig.resources.0" },
  { title: "EKS-005 unknown log type element (includes threw)", rule: "EKS-005", target: resource("aws:eks/cluster:Cluster", "c", { enabledClusterLogTypes: ["api", S] }), field: "enabledClusterLogTypes.1" },
  { title: "EKS-008 unknown access-entry group (includes threw)", rule: "EKS-008", target: resource("aws:eks/accessEntry:AccessEntry", "e", { clusterName: "c", principalArn: "arn", kubernetesGroups: [S] }), field: "kubernetesGroups.0" },
  { title: "ECR-003 unknown encryption entry (forEach threw)", rule: "ECR-003", target: resource("aws:ecr/repository:Repository", "r", { encryptionConfigurations: [O] }), field: "encryptionConfigurations.0" },
  {
    title: "SG-002 unknown CIDR element among known ones (filter threw)",
    rule: "SG-002",
    target: resource("aws:ec2/securityGroup:SecurityGroup", "sg", { tags: { [LABELS.sgRole]: "node" }, ingress: [{ protocol: "tcp", fromPort: 30000, toPort: 32767, cidrBlocks: ["10.0.0.0/8", S] }] }),
    field: "ingress[0].cidrBlocks[1]",
  },
  { title: "LOG-004 unknown log group name (was skipped silently)", rule: "LOG-004", target: [resource("aws:cloudwatch/logGroup:LogGroup", "eks", { name: S, retentionInDays: 365 })], field: "name of log group eks" },
  {
    title: "NODE-004 native launch template whose launchTemplateData is unknown: keyName cannot be judged",
    rule: "NODE-004",
    target: resource("aws-native:ec2:LaunchTemplate", "lt", { launchTemplateData: O }),
    field: "launchTemplateData.keyName",
  },
];

describe("unknown values are cannot-verify, never compliant and never an abort", () => {
  it.each(cases.map((c) => [c.title, c] as const))("%s", (_t, c) => {
    const targets = (Array.isArray(c.target) ? c.target : [c.target]).map(previewed);
    const vs = violationsOf(c.rule, targets);
    expect(vs.filter((v) => v.level === "mandatory")).toEqual([]);
    const note = vs.find((v) => v.message.includes("cannot verify"));
    expect(note).toBeDefined();
    expect(note!.level).toBe("advisory");
    expect(note!.message).toContain(c.field);
  });
});
