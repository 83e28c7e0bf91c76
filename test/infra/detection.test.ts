import { parsePlatformConfig } from "../../infra/config";
import { GUARDDUTY_EKS_FEATURES } from "../../components/detection";
import type { RecordedResource } from "../../engine/record";
import { dependsOnComponent, stackRun } from "./fixtures";
import { loadStackConfig, ofType } from "./stack-config";

const STACKS = ["dev", "staging", "prod"] as const;

/** The component (by type) that is `r`'s parent. */
function parentOf(resources: readonly RecordedResource[], r: RecordedResource): RecordedResource | undefined {
  return resources.find((p) => p.urn === r.parent);
}

describe.each(STACKS)("detection and registry in the %s AWS stack", (stack) => {
  let resources: RecordedResource[];
  const config = parsePlatformConfig(loadStackConfig(stack));
  const cluster = config.clusterName;
  beforeAll(async () => {
    resources = (await stackRun(stack)).resources;
  });

  test("audit metric filters sit on the EKS control-plane log group and wait for it", () => {
    const filters = ofType(resources, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
    expect(filters.length).toBeGreaterThanOrEqual(3);
    for (const f of filters) expect(f.inputs.logGroupName).toBe(`/aws/eks/${cluster}/cluster`);
    const [audit] = ofType(resources, "hardened-cluster:detection:AuditAlarms");
    const controlPlane = ofType(resources, "hardened-cluster:logs:EncryptedLogGroup").find((g) => g.name.endsWith("-control-plane"))!;
    expect(dependsOnComponent(resources, audit, controlPlane)).toBe(true);
  });

  test("every alarm notifies the KMS-encrypted alert topic", () => {
    const [topic] = ofType(resources, "aws:sns/topic:Topic");
    expect(topic.inputs.kmsMasterKeyId).toMatch(/^arn:aws:kms:/);
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    // The two node alarms live with the observability add-on: in the in-cluster stack in the split layout (B3).
    expect(alarms.length).toBeGreaterThanOrEqual(stack === "dev" ? 8 : 6);
    for (const a of alarms) expect(a.inputs.alarmActions).toEqual([topic.outputs.arn]);
    expect(ofType(resources, "aws:sns/topicSubscription:TopicSubscription")).toHaveLength(config.detection.alertEmails.length + config.detection.alertWebhooks.length);
  });

  test("Container Insights: its performance log group is pre-created encrypted with retention; the add-on follows the pools", () => {
    const group = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === `/aws/containerinsights/${cluster}/performance`)!;
    expect(group.inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
    expect(group.inputs.retentionInDays).toBe(config.logRetentionDays);
    expect(group.protect).toBe(config.protect);
    const addon = ofType(resources, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "amazon-cloudwatch-observability")!;
    if (stack !== "dev") {
      expect(addon).toBeUndefined(); // created by the in-cluster stack after the ENIConfigs (B3)
      return;
    }
    expect(addon.inputs.addonVersion).toBe(config.detection.observabilityAddonVersion);
    expect(addon.inputs.serviceAccountRoleArn).toMatch(/role\/.*cloudwatch-agent/);
    const component = parentOf(resources, addon)!;
    const pools = ofType(resources, "hardened-cluster:node-pool:NodePool");
    const groupComponent = parentOf(resources, group)!;
    expect(pools).toHaveLength(3);
    for (const dep of [...pools, groupComponent]) expect(dependsOnComponent(resources, component, dep)).toBe(true);
  });

  test("GuardDuty: on with both EKS features in prod and where configured, absent otherwise", () => {
    const detectors = ofType(resources, "aws:guardduty/detector:Detector");
    const expected = stack === "prod" || config.detection.guardDuty.enabled === true;
    expect(detectors).toHaveLength(expected ? 1 : 0);
    if (!expected) return;
    expect(detectors[0].inputs.enable).toBe(true);
    const features = ofType(resources, "aws:guardduty/detectorFeature:DetectorFeature");
    expect(features.map((f) => ({ name: f.inputs.name, status: f.inputs.status, extra: f.inputs.additionalConfigurations }))).toEqual(
      GUARDDUTY_EKS_FEATURES.map((f) => ({ name: f.name, status: "ENABLED", extra: "additionalConfigurations" in f ? f.additionalConfigurations : undefined })),
    );
    for (const f of features) expect(f.propertyDependencies.detectorId).toContain(detectors[0].urn);
    const [target] = ofType(resources, "aws:cloudwatch/eventTarget:EventTarget");
    expect(target.inputs.arn).toBe(ofType(resources, "aws:sns/topic:Topic")[0].outputs.arn);
  });

  test("registry: one hardened repository per configured name, pulls limited to the node roles, pushes to CI", () => {
    const repos = ofType(resources, "aws:ecr/repository:Repository");
    expect(repos.map((r) => r.inputs.name)).toEqual(config.registry!.repositories);
    const nodeRole = `arn:aws:iam::${config.accountId}:role/${cluster}-node`;
    for (const policy of ofType(resources, "aws:ecr/repositoryPolicy:RepositoryPolicy")) {
      const doc = JSON.parse(policy.inputs.policy);
      const pull = doc.Statement.find((s: { Sid: string }) => s.Sid === "NodesPull");
      const push = doc.Statement.find((s: { Sid: string }) => s.Sid === "CiPush");
      // Both node roles pull (W6: the sensitive pool has its own).
      expect(pull.Principal.AWS).toEqual([nodeRole, `arn:aws:iam::${config.accountId}:role/${cluster}-sensitive-node`, ...config.registry!.extraPullPrincipalArns]);
      expect(push.Principal.AWS).toEqual(config.registry!.ciPushPrincipalArns);
    }
    for (const r of repos) {
      expect(r.inputs.imageTagMutability).toBe("IMMUTABLE");
      expect(r.inputs.encryptionConfigurations[0]).toMatchObject({ encryptionType: "KMS", kmsKey: expect.stringMatching(/^arn:aws:kms:/) });
    }
  });

  test("protect and retainOnDelete follow the environment on the new keys and log groups", () => {
    for (const k of ofType(resources, "aws:kms/key:Key")) {
      expect(k.protect).toBe(config.protect);
      expect(k.retainOnDelete).toBe(config.protect);
    }
  });
});
