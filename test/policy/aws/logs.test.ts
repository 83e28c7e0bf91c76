import { resource } from "../../support/rules";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";

const LG = "aws:cloudwatch/logGroup:LogGroup";
const CLUSTER = "aws:eks/cluster:Cluster";
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ALL = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const group = (p: Record<string, unknown> = {}) => resource(LG, "eks-logs", { name: "/aws/eks/prod/cluster", kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k", retentionInDays: 365, ...p });
const cluster = (deps: string[] = [], p: Record<string, unknown> = {}) => resource(CLUSTER, "eks", { name: "prod", enabledClusterLogTypes: ALL, ...p }, { dependencies: deps });

const PATTERNS = {
  exec: '{ ($.objectRef.subresource = "exec") || ($.objectRef.subresource = "attach") || ($.objectRef.subresource = "portforward") }',
  secrets: '{ ($.objectRef.resource = "secrets") && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch") || ($.verb = "delete")) }',
  authz: "{ ($.responseStatus.code = 401) || ($.responseStatus.code = 403) }",
};
function alerts(g: ReturnType<typeof group>, which: (keyof typeof PATTERNS)[]) {
  return which.flatMap((k) => [
    resource(FILTER, `f-${k}`, { logGroupName: "/aws/eks/prod/cluster", pattern: PATTERNS[k], metricTransformation: { name: `eks-${k}`, namespace: "hardened", value: "1" } }, { propertyDependencies: { logGroupName: [g.urn] } }),
    resource(ALARM, `a-${k}`, { metricName: `eks-${k}`, namespace: "hardened", comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluationPeriods: 1 }),
  ]);
}

const g = group();
const cases: RuleCase[] = [
  { title: "LOG-001 ✔ kmsKeyId set", rule: "LOG-001", target: group(), expect: null },
  { title: "LOG-001 ✘ kmsKeyId absent", rule: "LOG-001", target: group({ kmsKeyId: undefined }), expect: mandatory("kmsKeyId") },
  { title: "LOG-002 ✔ 365", rule: "LOG-002", target: group(), expect: null },
  { title: "LOG-002 ✘ retention 7", rule: "LOG-002", target: group({ retentionInDays: 7 }), expect: mandatory("retentionInDays") },
  { title: "LOG-002 ✘ absent", rule: "LOG-002", target: group({ retentionInDays: undefined }), expect: mandatory("retentionInDays") },
  { title: "LOG-002 ✘ 0 without allowNeverExpire", rule: "LOG-002", target: group({ retentionInDays: 0 }), expect: mandatory("allowNeverExpire") },
  { title: "LOG-002 ✔ 0 with allowNeverExpire", rule: "LOG-002", target: group({ retentionInDays: 0 }), config: { allowNeverExpire: true }, expect: null },
  { title: "LOG-003 ✔ group + dependency", rule: "LOG-003", target: [g, cluster([g.urn])], expect: null },
  { title: "LOG-003 ✘ no group", rule: "LOG-003", target: [cluster()], expect: mandatory("/aws/eks/prod/cluster") },
  { title: "LOG-003 ✘ group without dependsOn", rule: "LOG-003", target: [g, cluster()], expect: mandatory("depend") },
  { title: "LOG-003 ✘ cluster name absent", rule: "LOG-003", target: [g, cluster([g.urn], { name: undefined })], expect: mandatory("name") },
  { title: "LOG-003 ✔ logging off", rule: "LOG-003", target: [cluster([], { enabledClusterLogTypes: [] })], expect: null },
  { title: "LOG-004 ✔ three filters + alarms", rule: "LOG-004", target: [g, ...alerts(g, ["exec", "secrets", "authz"])], expect: null },
  { title: "LOG-004 ✘ none", rule: "LOG-004", target: [g], expect: advisory("exec/attach/portforward", 3) },
  { title: "LOG-004 ✘ authz missing", rule: "LOG-004", target: [g, ...alerts(g, ["exec", "secrets"])], expect: advisory("responseStatus.code", 1) },
  {
    title: "LOG-004 ✘ filter without alarm",
    rule: "LOG-004",
    target: [g, ...alerts(g, ["exec", "secrets", "authz"]).filter((r) => r.name !== "a-secrets")],
    expect: advisory("Secret changes", 1),
  },
];

describe("log rules", () => {
  runCases(cases);
});
