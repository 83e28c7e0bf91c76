/**
 * Branch cases found by mutation testing (Stryker) for the small AWS families: ECR-003/004, LOG-001..004,
 * GD-001 and KMS-001. Each test pins a verdict users rely on that the catalog tables did not exercise:
 * how stack rules join resources (propertyDependencies vs known names, resources of other types that look
 * alike, the blueprint's component wrappers), accepted alternative spellings, absent/empty/null values and
 * preview unknowns (advisory "cannot verify", never a silent pass or a mandatory failure).
 */
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";

const S = sdkProxy.unknownStringValue;
const B = sdkProxy.unknownBooleanValue;
const A = sdkProxy.unknownArrayValue;
const O = sdkProxy.unknownObjectValue;

const levels = (vs: { level: string }[]) => vs.map((v) => v.level);

// ---------------------------------------------------------------------------------------------------------
// ECR
// ---------------------------------------------------------------------------------------------------------

const REPO = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const REPO_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const goodRepo = { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/k" }] };
const repo = (p: Record<string, unknown> = {}, name = "app") => resource(REPO, name, { name, ...goodRepo, ...p });

describe("ECR-003 encryption: empty and blank values", () => {
  it("an empty encryptionConfigurations list is the AES256 default, reported once", () => {
    const vs = violationsOf("ECR-003", repo({ encryptionConfigurations: [] }));
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("mandatory");
    expect(vs[0].message).toContain("encryptionConfigurations is absent or empty");
  });
  it.each([
    ["null", null],
    ["an empty string", ""],
  ])("kmsKey %s counts as absent (AWS-managed aws/ecr key)", (_t, kmsKey) => {
    const vs = violationsOf("ECR-003", repo({ encryptionConfigurations: [{ encryptionType: "KMS", kmsKey }] }));
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("mandatory");
    expect(vs[0].message).toContain("encryptionConfigurations[0].kmsKey is absent");
  });
});

describe("ECR-004 lifecycle policy: what counts as the repository's policy", () => {
  it("a RepositoryPolicy (access policy) on the repository is not a lifecycle policy", () => {
    const r = repo();
    // The blueprint's Repository component creates both; only the LifecyclePolicy expires images.
    const access = resource(REPO_POLICY, "app-policy", { repository: "app", policy: "{}" }, { propertyDependencies: { repository: [r.urn] } });
    const vs = violationsOf("ECR-004", [r, access]);
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ level: "advisory", urn: r.urn });
    expect(vs[0].message).toContain("repository app has no aws.ecr.LifecyclePolicy");
  });
  it("a repository with no name is not covered by a policy that names no repository", () => {
    const r = resource(REPO, "nameless", { ...goodRepo });
    const vs = violationsOf("ECR-004", [r, resource(LIFECYCLE, "lc", { policy: "{}" })]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("repository nameless has no aws.ecr.LifecyclePolicy");
  });
  it("at preview, an unknown repository name never matches an unknown policy target (only propertyDependencies join)", () => {
    const r = previewed(repo({ name: S }));
    const lc = previewed(resource(LIFECYCLE, "lc", { repository: S, policy: "{}" }));
    const vs = violationsOf("ECR-004", [r, lc]);
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ level: "advisory", urn: r.urn });
    // Joined through propertyDependencies the same unknowns are fine.
    const joined = previewed(resource(LIFECYCLE, "lc", { repository: S, policy: "{}" }, { propertyDependencies: { repository: [r.urn] } }));
    expect(violationsOf("ECR-004", [r, joined])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Logs
// ---------------------------------------------------------------------------------------------------------

const LG = "aws:cloudwatch/logGroup:LogGroup";
const CLUSTER = "aws:eks/cluster:Cluster";
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
/** The blueprint's wrapper (components/logs): registers outputs {name, arn} of the LogGroup it parents. */
const ENCRYPTED_LOG_GROUP = "hardened-cluster:logs:EncryptedLogGroup";
const ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

const logGroup = (p: Record<string, unknown> = {}, name = "eks-logs") =>
  resource(LG, name, { name: "/aws/eks/prod/cluster", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k", retentionInDays: 365, ...p });

describe("LOG-001 kmsKeyId: blank and unknown", () => {
  it("an empty kmsKeyId is absent (mandatory)", () => {
    const vs = violationsOf("LOG-001", logGroup({ kmsKeyId: "" }));
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain("kmsKeyId is absent");
  });
  it("a kmsKeyId unknown at preview is present: deferred with an advisory naming it, never mandatory", () => {
    const vs = violationsOf("LOG-001", previewed(logGroup({ kmsKeyId: S })));
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify kmsKeyId");
  });
});

describe("LOG-002 retention: null, non-numbers and the suggested fix", () => {
  it("null retention is reported as absent", () => {
    const vs = violationsOf("LOG-002", logGroup({ retentionInDays: null }));
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain("retentionInDays is absent");
  });
  it('a string "365" is not a number (even though it would compare as 365)', () => {
    const vs = violationsOf("LOG-002", logGroup({ retentionInDays: "365" }));
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain('retentionInDays = "365" is not a number');
    expect(vs[0].remediation).toBe("Set retentionInDays: 365.");
  });
  it("the fix names a stricter config minRetentionDays", () => {
    const vs = violationsOf("LOG-002", logGroup({ retentionInDays: 400 }), { minRetentionDays: 731 });
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("below config minRetentionDays 731");
    expect(vs[0].remediation).toBe("Set retentionInDays: 731.");
  });
  it("the fix never suggests less than 365 days, even with a laxer config", () => {
    const vs = violationsOf("LOG-002", logGroup({ retentionInDays: undefined }), { minRetentionDays: 30 });
    expect(vs).toHaveLength(1);
    expect(vs[0].remediation).toBe("Set retentionInDays: 365.");
  });
});

describe("LOG-003 EKS log group declared and depended on", () => {
  const cluster = (deps: string[] = [], p: Record<string, unknown> = {}) => resource(CLUSTER, "eks", { name: "prod", enabledClusterLogTypes: ALL_LOG_TYPES, ...p }, { dependencies: deps });

  it("enabledClusterLogTypes unknown at preview: one advisory naming it", () => {
    const vs = violationsOf("LOG-003", [previewed(cluster([], { enabledClusterLogTypes: A }))]);
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify enabledClusterLogTypes");
  });
  it('an empty cluster name is "absent" (no /aws/eks//cluster lookup)', () => {
    const vs = violationsOf("LOG-003", [logGroup(), cluster([], { name: "" })]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain("name is absent");
  });
  it("a log group with another name does not stand in for the EKS group", () => {
    const app = logGroup({ name: "/aws/lambda/web" }, "app-logs");
    const vs = violationsOf("LOG-003", [app, cluster([app.urn])]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain("no aws.cloudwatch.LogGroup named /aws/eks/prod/cluster in the stack");
  });
  it("log groups whose names are unknown at preview: one advisory listing them all and the expected name", () => {
    const a = previewed(logGroup({ name: S }));
    const b = previewed(logGroup({ name: S }, "app-logs"));
    const vs = violationsOf("LOG-003", [a, b, cluster([a.urn])]);
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify name of log group eks-logs, app-logs (one may be /aws/eks/prod/cluster)");
  });
  it("resources of other types with unknown names do not turn a missing log group into an advisory", () => {
    const role = previewed(resource("aws:iam/role:Role", "eks-role", { name: S, assumeRolePolicy: "{}" }));
    const vs = violationsOf("LOG-003", [role, cluster()]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain("no aws.cloudwatch.LogGroup named /aws/eks/prod/cluster");
  });
  it("the blueprint layout passes: EncryptedLogGroup component (same name output) before its LogGroup, cluster dependsOn the LogGroup", () => {
    const component = resource(ENCRYPTED_LOG_GROUP, "eks-control-plane", { name: "/aws/eks/prod/cluster", arn: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/eks/prod/cluster" });
    const group = logGroup({}, "eks-control-plane");
    const vs = violationsOf("LOG-003", [component, { ...group, parent: component.urn }, cluster([group.urn])]);
    expect(vs).toEqual([]);
  });
});

describe("LOG-004 audit alerts joined to the EKS log group", () => {
  const PATTERNS = {
    exec: '{ ($.objectRef.subresource = "exec") || ($.objectRef.subresource = "attach") || ($.objectRef.subresource = "portforward") }',
    secrets: '{ ($.objectRef.resource = "secrets") && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch") || ($.verb = "delete")) }',
    authz: "{ ($.responseStatus.code = 401) || ($.responseStatus.code = 403) }",
  };
  type Signal = keyof typeof PATTERNS;
  const SIGNALS: Signal[] = ["exec", "secrets", "authz"];
  const WHAT: Record<Signal, string> = { exec: "exec/attach/portforward", secrets: "Secret changes", authz: "authorization failures" };

  /** A filter on `g`: joined by its literal logGroupName, by propertyDependencies, or both. */
  function filter(g: StackResource, k: Signal, join: "name" | "deps" | "both", extra: Record<string, unknown> = {}): StackResource {
    const name = g.props.name as string;
    return resource(
      FILTER,
      `${g.name}-f-${k}`,
      { ...(join !== "deps" ? { logGroupName: name } : {}), pattern: PATTERNS[k], metricTransformation: { name: `${g.name}-${k}`, namespace: "hardened", value: "1" }, ...extra },
      join !== "name" ? { propertyDependencies: { logGroupName: [g.urn] } } : {},
    );
  }
  const alarm = (g: StackResource, k: Signal, p: Record<string, unknown> = {}) =>
    resource(ALARM, `${g.name}-a-${k}`, { metricName: `${g.name}-${k}`, namespace: "hardened", comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluationPeriods: 1, ...p });
  const alerts = (g: StackResource, join: "name" | "deps" | "both", which: Signal[] = SIGNALS) => which.flatMap((k) => [filter(g, k, join), alarm(g, k)]);

  it("filters joined only by their literal logGroupName count", () => {
    const g = logGroup();
    expect(violationsOf("LOG-004", [g, ...alerts(g, "name")])).toEqual([]);
  });
  it("filters joined only through propertyDependencies count, even with logGroupName unknown at preview", () => {
    const g = logGroup();
    const filters = SIGNALS.map((k) => previewed(filter(g, k, "deps", { logGroupName: S })));
    expect(violationsOf("LOG-004", [g, ...filters, ...SIGNALS.map((k) => alarm(g, k))])).toEqual([]);
  });
  it("alerts of another cluster's log group do not cover this one (by name or by dependency)", () => {
    const prod = logGroup();
    const staging = logGroup({ name: "/aws/eks/staging/cluster" }, "staging-logs");
    const vs = violationsOf("LOG-004", [prod, staging, ...alerts(prod, "name", ["exec", "secrets"]), ...alerts(prod, "deps", ["authz"])]);
    expect(vs).toHaveLength(3);
    expect(vs.every((v) => v.level === "advisory" && v.urn === staging.urn)).toBe(true);
    expect(vs.map((v) => v.message)).toEqual(SIGNALS.map((k) => expect.stringContaining(`log group /aws/eks/staging/cluster has no alarmed metric filter for ${WHAT[k]}`)));
  });
  it("each missing signal is reported once, on the LogGroup, not again on the EncryptedLogGroup component wrapping it", () => {
    const component = resource(ENCRYPTED_LOG_GROUP, "eks-logs", { name: "/aws/eks/prod/cluster", arn: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/eks/prod/cluster" });
    const g = { ...logGroup(), parent: component.urn };
    const vs = violationsOf("LOG-004", [component, g]);
    expect(vs).toHaveLength(3);
    expect(vs.every((v) => v.urn === g.urn)).toBe(true);
  });
  it("an alarm on a metric-math query is joined to the filter through propertyDependencies", () => {
    const g = logGroup();
    const f = filter(g, "authz", "both");
    const mathAlarm = resource(
      ALARM,
      "authz-rate",
      { comparisonOperator: "GreaterThanThreshold", threshold: 0, evaluationPeriods: 1, metricQueries: [{ id: "m1", metric: { metricName: "eks-logs-authz", namespace: "hardened", period: 60, stat: "Sum" }, returnData: true }] },
      { propertyDependencies: { metricQueries: [f.urn] } },
    );
    expect(violationsOf("LOG-004", [g, ...alerts(g, "both", ["exec", "secrets"]), f, mathAlarm])).toEqual([]);
  });
  it("a dashboard graphing the filter's metric is not an alarm", () => {
    const g = logGroup();
    const f = filter(g, "authz", "both");
    const dashboard = resource(DASHBOARD, "eks-audit", { dashboardName: "eks-audit", dashboardBody: "{}" }, { propertyDependencies: { dashboardBody: [f.urn] } });
    const vs = violationsOf("LOG-004", [g, ...alerts(g, "both", ["exec", "secrets"]), f, dashboard]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("authorization failures");
  });
  it("an alarm with the filter's metric name in another namespace is a different metric", () => {
    const g = logGroup();
    const vs = violationsOf("LOG-004", [g, ...alerts(g, "both", ["exec", "secrets"]), filter(g, "authz", "both"), alarm(g, "authz", { namespace: "AWS/Logs" })]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("authorization failures");
  });
  it("a filter whose metricTransformation is unknown at preview is not matched to an unrelated metric-math alarm", () => {
    const g = logGroup();
    const f = previewed(filter(g, "authz", "both", { metricTransformation: O }));
    const unrelated = resource(ALARM, "node-cpu", { comparisonOperator: "GreaterThanThreshold", threshold: 80, evaluationPeriods: 3, metricQueries: [{ id: "e1", expression: "AVG(METRICS())", returnData: true }] });
    const vs = violationsOf("LOG-004", [g, ...alerts(g, "both", ["exec", "secrets"]), f, unrelated]);
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ level: "advisory", urn: g.urn });
    expect(vs[0].message).toContain("authorization failures");
  });
});

// ---------------------------------------------------------------------------------------------------------
// Detection (GuardDuty)
// ---------------------------------------------------------------------------------------------------------

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const MEMBER_FEATURE = "aws:guardduty/memberDetectorFeature:MemberDetectorFeature";
const on = { requireGuardDuty: true };
const detector = (p: Record<string, unknown> = {}) => resource(DETECTOR, "gd", { enable: true, ...p });
const feature = (d: StackResource, name: string, extra: Record<string, unknown> = {}, type = FEATURE) =>
  resource(type, `${name.toLowerCase()}-${type === FEATURE ? "f" : "m"}`, { detectorId: "unknown", name, status: "ENABLED", ...extra }, { propertyDependencies: { detectorId: [d.urn] } });
const runtime = (d: StackResource, extras: unknown[], status = "ENABLED") => feature(d, "RUNTIME_MONITORING", { status, additionalConfigurations: extras });
const RUNTIME_MSG = "has no EKS runtime monitoring";
const AUDIT_MSG = "has no DetectorFeature EKS_AUDIT_LOGS";

describe("GD-001 RUNTIME_MONITORING needs EKS_ADDON_MANAGEMENT enabled", () => {
  const d = detector();
  const audit = feature(d, "EKS_AUDIT_LOGS");
  const gd = (extra: StackResource[]) => violationsOf("GD-001", [d, audit, ...extra], on);

  it("passes when add-on management is one of several additional configurations", () => {
    const extras = [
      { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
      { name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" },
      { name: "EC2_AGENT_MANAGEMENT", status: "DISABLED" },
    ];
    expect(gd([runtime(d, extras)])).toEqual([]);
  });
  it("tolerates a null entry in additionalConfigurations", () => {
    expect(gd([runtime(d, [null, { name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }])])).toEqual([]);
  });
  it.each([
    ["an empty additionalConfigurations list", []],
    ["EKS_ADDON_MANAGEMENT DISABLED", [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }]],
    ["only another agent (EC2_AGENT_MANAGEMENT) enabled", [{ name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" }]],
  ])("fails with %s", (_t, extras) => {
    const vs = gd([runtime(d, extras as unknown[])]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain(RUNTIME_MSG);
  });
  it("fails when RUNTIME_MONITORING itself is DISABLED, whatever its add-on setting", () => {
    const vs = gd([runtime(d, [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }], "DISABLED")]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain(RUNTIME_MSG);
  });
  it("add-on management attached to another feature is not runtime monitoring", () => {
    const misplaced = feature(d, "EKS_AUDIT_LOGS", { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] });
    const vs = violationsOf("GD-001", [d, misplaced], on);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain(RUNTIME_MSG);
  });
});

describe("GD-001 what counts as the detector's audit and runtime features", () => {
  it("the legacy datasources.kubernetes.auditLogs.enable: true counts as EKS audit logs", () => {
    const d = detector({ datasources: { kubernetes: { auditLogs: { enable: true } } } });
    expect(violationsOf("GD-001", [d, feature(d, "EKS_RUNTIME_MONITORING")], on)).toEqual([]);
  });
  it("the legacy audit-log datasource set to false does not", () => {
    const d = detector({ datasources: { kubernetes: { auditLogs: { enable: false } } } });
    const vs = violationsOf("GD-001", [d, feature(d, "EKS_RUNTIME_MONITORING")], on);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain(AUDIT_MSG);
  });
  it("MemberDetectorFeatures (a member account's settings) joined through detectorId do not enable this detector's features", () => {
    const d = detector();
    const vs = violationsOf("GD-001", [d, feature(d, "EKS_AUDIT_LOGS", {}, MEMBER_FEATURE), feature(d, "EKS_RUNTIME_MONITORING", {}, MEMBER_FEATURE)], on);
    expect(levels(vs)).toEqual(["mandatory", "mandatory"]);
    expect(vs.map((v) => v.message)).toEqual([expect.stringContaining(AUDIT_MSG), expect.stringContaining(RUNTIME_MSG)]);
  });
  it("a feature naming a detector by literal ID (no dependency on the stack's detector) is not joined", () => {
    const d = detector();
    const foreign = resource(FEATURE, "foreign", { detectorId: "12abc34d567e8fa901bc2d34e56789f0", name: "EKS_AUDIT_LOGS", status: "ENABLED" });
    const vs = violationsOf("GD-001", [d, foreign, feature(d, "EKS_RUNTIME_MONITORING")], on);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain(AUDIT_MSG);
  });
});

describe("GD-001 preview unknowns", () => {
  it("an unknown enable is deferred with an advisory naming it; complete features add nothing else", () => {
    const d = previewed(detector({ enable: B }));
    const vs = violationsOf("GD-001", [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "EKS_RUNTIME_MONITORING")], on);
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify enable at preview");
  });
  it("an unknown extra feature does not defer a detector whose audit and runtime features are already enabled", () => {
    const d = detector();
    const s3 = previewed(feature(d, "S3_DATA_EVENTS", { status: S }));
    expect(violationsOf("GD-001", [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "EKS_RUNTIME_MONITORING"), s3], on)).toEqual([]);
  });
});
