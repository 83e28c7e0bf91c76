import { defaultLimitRangeSpec, defaultQuotaHard } from "../../../policy-pack/baseline/tenancy";
import { violationsOf } from "../../support/rules";
import { T, expectViolations, inNs, tenantNs } from "./fixtures";

const quota = (name: string, ns: string, spec: Record<string, any>) => inNs(T.resourceQuota, name, ns, { spec });
const limitRange = (ns: string, spec: Record<string, any>) => inNs(T.limitRange, "limits", ns, { spec });

describe("QT-001 tenant-has-resourcequota", () => {
  it("flags a tenant without quota", () => {
    const ns = tenantNs("team-a");
    const v = violationsOf("QT-001", [ns, quota("q", "team-b", { hard: defaultQuotaHard() })]);
    expectViolations(v, "QT-001", "mandatory", "ResourceQuota");
    expect(v[0].urn).toBe(ns.urn);
  });
  it("passes a tenant with a quota", () => {
    expect(violationsOf("QT-001", [tenantNs("team-a"), quota("q", "team-a", { hard: defaultQuotaHard() })])).toEqual([]);
  });
});

describe("QT-002 resourcequota-covers-compute", () => {
  it.each([
    ["only pods", [quota("q", "team-a", { hard: { pods: "10" } })], {}, "requests.cpu"],
    [
      "compute keys only on a scoped quota (ignored)",
      [quota("q", "team-a", { hard: { pods: "10" } }), quota("best", "team-a", { hard: defaultQuotaHard(), scopes: ["BestEffort"] })],
      {},
      "limits.memory",
    ],
    [
      "scopeSelector quota (ignored)",
      [quota("q", "team-a", { hard: { pods: "10" } }), quota("prio", "team-a", { hard: defaultQuotaHard(), scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] } })],
      {},
      "requests.memory",
    ],
    ["extra config key", [quota("q", "team-a", { hard: { "requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "1", "limits.memory": "1Gi", pods: "5" } })], { requiredQuotaKeys: ["services.loadbalancers"] }, "services.loadbalancers"],
  ])("flags %s", (_label, quotas, config, key) => {
    expectViolations(violationsOf("QT-002", [tenantNs("team-a"), ...quotas], config), "QT-002", "mandatory", key);
  });
  it.each([
    ["default quota", [quota("q", "team-a", { hard: defaultQuotaHard("large") })]],
    [
      "union of two unscoped quotas",
      [quota("cpu", "team-a", { hard: { "requests.cpu": "1", "limits.cpu": "2", pods: "5" } }), quota("mem", "team-a", { hard: { "requests.memory": "1Gi", "limits.memory": "2Gi" } })],
    ],
    ["no quota at all (left to QT-001)", []],
  ])("passes %s", (_label, quotas) => {
    expect(violationsOf("QT-002", [tenantNs("team-a"), ...quotas])).toEqual([]);
  });
});

describe("QT-003 tenant-has-limitrange", () => {
  it("flags a tenant without LimitRange", () => {
    expectViolations(violationsOf("QT-003", [tenantNs("team-a")]), "QT-003", "mandatory", "LimitRange");
  });
  it("passes a tenant with one", () => {
    expect(violationsOf("QT-003", [tenantNs("team-a"), limitRange("team-a", defaultLimitRangeSpec())])).toEqual([]);
  });
});

describe("QT-004 limitrange-container-defaults", () => {
  it.each([
    ["only max", { limits: [{ type: "Container", max: { cpu: "2", memory: "1Gi" } }] }],
    ["default without memory", { limits: [{ type: "Container", default: { cpu: "1" }, defaultRequest: { cpu: "1", memory: "1Gi" } }] }],
    ["Pod type", { limits: [{ type: "Pod", default: { cpu: "1", memory: "1Gi" }, defaultRequest: { cpu: "1", memory: "1Gi" } }] }],
  ])("flags %s", (_label, spec) => {
    expectViolations(violationsOf("QT-004", limitRange("team-a", spec)), "QT-004", "mandatory", "spec.limits");
  });
  it("passes the default spec", () => {
    expect(violationsOf("QT-004", limitRange("team-a", defaultLimitRangeSpec()))).toEqual([]);
  });
});
