import * as aws from "@pulumi/aws";
import { recordResources, type RecordedResource } from "../../../engine/record";
import { AlertTopic } from "../../../components/detection/alert-topic";
import { AuditAlarms } from "../../../components/detection/audit-alarms";
import { AUDIT_SIGNALS } from "../../../components/detection/audit-signals";
import { ResourceExhaustionAlarms } from "../../../components/detection/resource-alarms";
import { RuntimeDetection } from "../../../components/detection/runtime-detection";
import { GuardDutyAgent } from "../../../components/detection/guardduty-agent";
import { constructUnderMocks } from "../../support/rejects";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const ofType = (rs: RecordedResource[], type: string) => rs.filter((r) => r.type === type);
const one = (rs: RecordedResource[], type: string, addonName?: string) => {
  const found = ofType(rs, type).filter((r) => addonName === undefined || r.inputs.addonName === addonName);
  expect(found).toHaveLength(1);
  return found[0];
};

/** The GuardDuty agent add-on of the test cluster. */
const AGENT = { clusterName: "prod-eks", addonVersion: "v1.12.1-eksbuild.2" };

/** The detection stack as the platform composes it. */
async function detectionStack(): Promise<RecordedResource[]> {
  return recordResources(() => {
    const topic = new AlertTopic("alerts", { accountId: ACCOUNT, region: REGION, emailEndpoints: ["secops@example.com"], httpsEndpoints: ["https://hooks.example.com/alerts"] });
    new AuditAlarms("audit", { clusterName: "prod-eks", topicArn: topic.topicArn });
    new ResourceExhaustionAlarms("exhaustion", { clusterName: "prod-eks", addonVersion: "v4.1.0-eksbuild.1", topicArn: topic.topicArn });
    new RuntimeDetection("guardduty", { topicArn: topic.topicArn, agent: AGENT });
  }, { stack: "prod" });
}

describe("detection components under mocks", () => {
  let rs: RecordedResource[];
  let topicArn: string;
  beforeAll(async () => {
    rs = await detectionStack();
    topicArn = one(rs, "aws:sns/topic:Topic").outputs.arn;
  });

  it("registers the components with their type tokens", () => {
    expect(rs.filter((r) => r.type.startsWith("hardened-cluster:detection:")).map((r) => r.type).sort()).toEqual([
      "hardened-cluster:detection:AlertTopic",
      "hardened-cluster:detection:AuditAlarms",
      "hardened-cluster:detection:GuardDutyAgent",
      "hardened-cluster:detection:ResourceExhaustionAlarms",
      "hardened-cluster:detection:RuntimeDetection",
    ]);
    for (const r of rs.filter((x) => x.custom)) expect(r.parent).toMatch(/hardened-cluster:detection:/);
  });

  it("encrypts the topic with a rotating customer key that CloudWatch and EventBridge may use", () => {
    const key = one(rs, "aws:kms/key:Key");
    const topic = one(rs, "aws:sns/topic:Topic");
    expect(topic.inputs.kmsMasterKeyId).toBe(key.outputs.arn);
    expect(topic.propertyDependencies.kmsMasterKeyId).toContain(key.urn);
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.inputs.deletionWindowInDays).toBeUndefined();
    expect(key.inputs.bypassPolicyLockoutSafetyCheck).toBeUndefined();
    const policy = JSON.parse(key.inputs.policy);
    expect(policy.Statement[0].Principal.AWS).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(policy.Statement[1].Principal.Service).toEqual(["cloudwatch.amazonaws.com", "events.amazonaws.com"]);
    expect(policy.Statement[1].Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
  });

  it("lets CloudWatch alarms and EventBridge publish to the topic from this account only", () => {
    const tp = one(rs, "aws:sns/topicPolicy:TopicPolicy");
    expect(tp.inputs.arn).toBe(topicArn);
    const doc = JSON.parse(tp.inputs.policy);
    const bySid = Object.fromEntries(doc.Statement.map((s: any) => [s.Sid, s]));
    expect(bySid.CloudWatchAlarmsPublish.Principal.Service).toBe("cloudwatch.amazonaws.com");
    expect(bySid.EventBridgePublish.Principal.Service).toBe("events.amazonaws.com");
    for (const sid of ["CloudWatchAlarmsPublish", "EventBridgePublish"]) {
      expect(bySid[sid].Action).toBe("sns:Publish");
      expect(bySid[sid].Resource).toBe(topicArn);
      expect(bySid[sid].Condition).toEqual({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
    }
    expect(bySid.DenyInsecureTransport.Effect).toBe("Deny");
  });

  it("subscribes the configured e-mail and https endpoints", () => {
    const subs = ofType(rs, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.inputs.protocol, s.inputs.endpoint, s.inputs.topic]);
    expect(subs).toEqual([
      ["email", "secops@example.com", topicArn],
      ["https", "https://hooks.example.com/alerts", topicArn],
    ]);
  });

  it("puts one metric filter per signal on the EKS audit log group", () => {
    const filters = ofType(rs, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
    expect(filters).toHaveLength(AUDIT_SIGNALS.length);
    for (const s of AUDIT_SIGNALS) {
      const f = filters.find((x) => x.inputs.name === `prod-eks-${s.name}`)!;
      expect(f.inputs.logGroupName).toBe("/aws/eks/prod-eks/cluster");
      expect(f.inputs.pattern).toBe(s.pattern);
      expect(f.inputs.metricTransformation).toEqual({ name: s.metricName, namespace: "HardenedCluster/EKSAudit/prod-eks", value: "1", defaultValue: "0", unit: "Count" });
    }
  });

  it.each(AUDIT_SIGNALS.map((s) => [s.name, s] as const))("alarms on %s with its threshold and period, to the topic", (_n, s) => {
    const alarm = ofType(rs, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === `prod-eks-${s.name}`)!;
    expect(alarm.inputs).toMatchObject({
      namespace: "HardenedCluster/EKSAudit/prod-eks",
      metricName: s.metricName,
      statistic: "Sum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: s.threshold,
      period: s.period,
      evaluationPeriods: s.evaluationPeriods,
      treatMissingData: "notBreaching",
      alarmActions: [topicArn],
    });
  });

  it("installs the pinned Container Insights add-on without unmanaged container log groups", () => {
    const addon = one(rs, "aws:eks/addon:Addon", "amazon-cloudwatch-observability");
    expect(addon.inputs).toMatchObject({ clusterName: "prod-eks", addonName: "amazon-cloudwatch-observability", addonVersion: "v4.1.0-eksbuild.1" });
    expect(JSON.parse(addon.inputs.configurationValues)).toEqual({ containerLogs: { enabled: false } });
  });

  it.each([
    ["prod-eks-node-cpu-high", "node_cpu_utilization", 80],
    ["prod-eks-node-memory-pressure", "node_memory_utilization", 90],
  ])("%s: %s > %d%% for 5 one-minute datapoints (hottest node, ClusterName)", (alarmName, metric, threshold) => {
    const alarm = ofType(rs, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === alarmName)!;
    expect(alarm.inputs).toMatchObject({
      namespace: "ContainerInsights",
      metricName: metric,
      dimensions: { ClusterName: "prod-eks" },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold,
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      alarmActions: [topicArn],
    });
    expect(alarm.dependencies).toContain(one(rs, "aws:eks/addon:Addon", "amazon-cloudwatch-observability").urn);
  });

  it("enables GuardDuty EKS audit-log and runtime monitoring with the agent add-on installed by us (R2)", () => {
    const detector = one(rs, "aws:guardduty/detector:Detector");
    expect(detector.inputs).toMatchObject({ enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" });
    const features = Object.fromEntries(ofType(rs, "aws:guardduty/detectorFeature:DetectorFeature").map((f) => [f.inputs.name, f.inputs]));
    expect(Object.keys(features).sort()).toEqual(["EKS_AUDIT_LOGS", "RUNTIME_MONITORING"]);
    expect(features.EKS_AUDIT_LOGS).toMatchObject({ status: "ENABLED", detectorId: detector.outputs.id });
    expect(features.RUNTIME_MONITORING).toMatchObject({
      status: "ENABLED",
      detectorId: detector.outputs.id,
      additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }],
    });
    const agent = one(rs, "aws:eks/addon:Addon", "aws-guardduty-agent");
    expect(agent.inputs).toMatchObject({ addonName: "aws-guardduty-agent", addonVersion: "v1.12.1-eksbuild.2", clusterName: "prod-eks" });
    for (const f of ofType(rs, "aws:guardduty/detectorFeature:DetectorFeature")) expect(agent.dependencies).toContain(f.urn);
  });

  it("routes GuardDuty findings (severity >= 4) to the topic through EventBridge", () => {
    const rule = one(rs, "aws:cloudwatch/eventRule:EventRule");
    expect(JSON.parse(rule.inputs.eventPattern)).toEqual({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail: { severity: [{ numeric: [">=", 4] }] } });
    const target = one(rs, "aws:cloudwatch/eventTarget:EventTarget");
    expect(target.inputs.arn).toBe(topicArn);
    expect(target.propertyDependencies.rule).toContain(rule.urn);
  });
});

describe("detection options", () => {
  it("reuses an existing detector and a given topic key", async () => {
    const rs = await recordResources(() => {
      const topic = new AlertTopic("alerts", { accountId: ACCOUNT, region: REGION, kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/abc` });
      new RuntimeDetection("gd", { topicArn: topic.topicArn, detectorId: "0123456789abcdef0123456789abcdef", minSeverity: 7, agent: AGENT });
    });
    expect(ofType(rs, "aws:kms/key:Key")).toHaveLength(0);
    expect(one(rs, "aws:sns/topic:Topic").inputs.kmsMasterKeyId).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:key/abc`);
    expect(ofType(rs, "aws:guardduty/detector:Detector")).toHaveLength(0);
    for (const f of ofType(rs, "aws:guardduty/detectorFeature:DetectorFeature")) expect(f.inputs.detectorId).toBe("0123456789abcdef0123456789abcdef");
    expect(JSON.parse(one(rs, "aws:cloudwatch/eventRule:EventRule").inputs.eventPattern).detail.severity).toEqual([{ numeric: [">=", 7] }]);
  });

  it("applies per-signal overrides, custom roles and a log group output", async () => {
    const rs = await recordResources(() => {
      const group = new aws.cloudwatch.LogGroup("eks-logs", { name: "/aws/eks/dev-eks/cluster", retentionInDays: 365, kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/abc` });
      new AuditAlarms("audit", {
        clusterName: "dev-eks",
        logGroupName: group.name,
        topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
        privilegedRoles: ["cluster-admin"],
        overrides: { "auth-failures": { threshold: 50, period: 600, evaluationPeriods: 2 } },
      });
    });
    const alarm = ofType(rs, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === "dev-eks-auth-failures")!;
    expect(alarm.inputs).toMatchObject({ threshold: 50, period: 600, evaluationPeriods: 2 });
    const binding = ofType(rs, "aws:cloudwatch/logMetricFilter:LogMetricFilter").find((f) => f.inputs.name === "dev-eks-privileged-binding")!;
    expect(binding.inputs.pattern).toContain('($.requestObject.roleRef.name = "cluster-admin")');
    expect(binding.inputs.pattern).not.toContain('"edit"');
    const group = one(rs, "aws:cloudwatch/logGroup:LogGroup");
    expect(binding.inputs.logGroupName).toBe("/aws/eks/dev-eks/cluster");
    expect(binding.propertyDependencies.logGroupName).toContain(group.urn);
  });
});

describe("bad args fail before any resource registers", () => {
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;
  it.each<[string, () => unknown, RegExp]>([
    ["AlertTopic accountId", () => new AlertTopic("t", { accountId: "1234", region: REGION }), /AlertTopic "t": args\.accountId .*Fix:/],
    ["AlertTopic region", () => new AlertTopic("t", { accountId: ACCOUNT, region: "Europe" }), /args\.region/],
    ["AlertTopic AWS-managed key", () => new AlertTopic("t", { accountId: ACCOUNT, region: REGION, kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/sns` }), /args\.kmsKeyArn is an AWS-managed key alias/],
    ["AlertTopic e-mail", () => new AlertTopic("t", { accountId: ACCOUNT, region: REGION, emailEndpoints: ["ok@example.com", "nope"] }), /args\.emailEndpoints\[1\]/],
    ["AlertTopic http webhook", () => new AlertTopic("t", { accountId: ACCOUNT, region: REGION, httpsEndpoints: ["http://hooks.example.com"] }), /args\.httpsEndpoints\[0\]/],
    ["AuditAlarms clusterName", () => new AuditAlarms("a", { clusterName: "bad name", topicArn }), /AuditAlarms "a": args\.clusterName/],
    ["AuditAlarms logGroupName", () => new AuditAlarms("a", { clusterName: "c", logGroupName: "/aws/eks/other/cluster", topicArn }), /args\.logGroupName .*\/aws\/eks\/c\/cluster/],
    ["AuditAlarms topicArn", () => new AuditAlarms("a", { clusterName: "c", topicArn: "alerts" }), /args\.topicArn/],
    ["AuditAlarms unknown override", () => new AuditAlarms("a", { clusterName: "c", topicArn, overrides: { "secret-read": { threshold: 1 } } }), /args\.overrides\.secret-read names no audit signal/],
    ["AuditAlarms bad period", () => new AuditAlarms("a", { clusterName: "c", topicArn, overrides: { "auth-failures": { period: 45 } } }), /args\.overrides\.auth-failures\.period/],
    ["AuditAlarms zero threshold", () => new AuditAlarms("a", { clusterName: "c", topicArn, overrides: { "secret-change": { threshold: 0 } } }), /args\.overrides\.secret-change\.threshold/],
    ["AuditAlarms empty roles", () => new AuditAlarms("a", { clusterName: "c", topicArn, privilegedRoles: [] }), /args\.privilegedRoles is empty/],
    ["AuditAlarms quoted role", () => new AuditAlarms("a", { clusterName: "c", topicArn, privilegedRoles: ['x") || ("'] }), /args\.privilegedRoles\[0\]/],
    ["AuditAlarms too many namespaces", () => new AuditAlarms("a", { clusterName: "c", topicArn, platformNamespaces: Array.from({ length: 40 }, (_, i) => `platform-namespace-${i}`) }), /args\.platformNamespaces makes .* 1024/],
    ["ResourceExhaustionAlarms addonVersion", () => new ResourceExhaustionAlarms("r", { clusterName: "c", addonVersion: "latest", topicArn }), /ResourceExhaustionAlarms "r": args\.addonVersion/],
    ["ResourceExhaustionAlarms cpu", () => new ResourceExhaustionAlarms("r", { clusterName: "c", addonVersion: "v4.1.0-eksbuild.1", topicArn, cpuThresholdPercent: 120 }), /args\.cpuThresholdPercent/],
    ["RuntimeDetection severity", () => new RuntimeDetection("g", { topicArn, minSeverity: 0, agent: AGENT }), /RuntimeDetection "g": args\.minSeverity/],
    ["RuntimeDetection detectorId", () => new RuntimeDetection("g", { topicArn, detectorId: "abc", agent: AGENT }), /args\.detectorId/],
    ["RuntimeDetection agent version", () => new RuntimeDetection("g", { topicArn, agent: { clusterName: "c", addonVersion: "latest" } }), /args\.agent\.addonVersion/],
    ["RuntimeDetection rule prefix", () => new RuntimeDetection("g", { topicArn, agent: AGENT, ruleNamePrefix: "bad name" }), /args\.ruleNamePrefix/],
    ["RuntimeDetection agent without cluster", () => new RuntimeDetection("g", { topicArn, agent: { addonVersion: "v1.12.1-eksbuild.2" } as never }), /RuntimeDetection "g": args\.agent\.clusterName/],
    ["GuardDutyAgent version", () => new GuardDutyAgent("a", { clusterName: "c", addonVersion: "latest" }), /GuardDutyAgent "a": args\.addonVersion/],
    ["GuardDutyAgent cluster", () => new GuardDutyAgent("a", { addonVersion: "v1.12.1-eksbuild.2" } as never), /GuardDutyAgent "a": args\.clusterName/],
  ])("%s", async (_label, make, message) => {
    const { error, registered } = await constructUnderMocks(make);
    expect(String(error)).toMatch(message);
    expect(registered).toHaveLength(0);
  });
});
