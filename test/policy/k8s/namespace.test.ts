import { LABELS, PSA_LABELS } from "../../../policy-pack/baseline/labels";
import { psaLabels } from "../../../policy-pack/baseline/tenancy";
import { resource, violationsOf } from "../../support/rules";
import { T, deployment, expectViolations, inNs, tenantNs } from "./fixtures";

const tenantLabels = { [LABELS.tenant]: "team-a", [LABELS.tier]: "standard" };
const ns = (labels: Record<string, string>, name = "team-a", type: string = T.namespace) => resource(type, name, { metadata: { name, labels } });

describe("NS-001 psa-enforce-restricted", () => {
  it.each([
    ["enforce baseline", ns({ ...tenantLabels, ...psaLabels("v1.33"), [PSA_LABELS.enforce]: "baseline" }), PSA_LABELS.enforce],
    ["enforce absent", ns({ ...tenantLabels, [PSA_LABELS.enforceVersion]: "v1.33" }), PSA_LABELS.enforce],
    ["version absent", ns({ ...tenantLabels, [PSA_LABELS.enforce]: "restricted" }), PSA_LABELS.enforceVersion],
    ["version latest", ns({ ...tenantLabels, ...psaLabels("latest") }), PSA_LABELS.enforceVersion],
    ["version malformed", ns({ ...tenantLabels, ...psaLabels("1.33") }), PSA_LABELS.enforceVersion],
    ["patch with weaker value", ns({ ...tenantLabels, [PSA_LABELS.enforce]: "privileged" }, "team-a", T.namespacePatch), PSA_LABELS.enforce],
  ])("flags %s", (_label, r, field) => {
    expectViolations(violationsOf("NS-001", r), "NS-001", "mandatory", field);
  });

  it.each([
    ["restricted pinned", ns({ ...tenantLabels, ...psaLabels("v1.33") }), {}],
    ["latest when allowed", ns({ ...tenantLabels, ...psaLabels("latest") }), { allowLatestPssVersion: true }],
    ["non-tenant namespace", ns({}, "platform"), {}],
    ["patch that does not touch PSA labels", ns({ ...tenantLabels }, "team-a", T.namespacePatch), {}],
  ])("passes %s", (_label, r, config) => {
    expect(violationsOf("NS-001", r, config)).toEqual([]);
  });

  it("treats config tenantNamespaces as tenants", () => {
    expectViolations(violationsOf("NS-001", ns({}, "team-b"), { tenantNamespaces: ["team-b"] }), "NS-001", "mandatory", PSA_LABELS.enforce);
  });
});

describe("NS-002 psa-audit-warn-restricted", () => {
  it("flags enforce only", () => {
    const r = ns({ ...tenantLabels, [PSA_LABELS.enforce]: "restricted", [PSA_LABELS.enforceVersion]: "v1.33" });
    const v = violationsOf("NS-002", r);
    expectViolations(v, "NS-002", "advisory", /pod-security\.kubernetes\.io\/(audit|warn)/);
    expect(v.some((x) => x.message.includes(PSA_LABELS.audit))).toBe(true);
    expect(v.some((x) => x.message.includes(PSA_LABELS.warnVersion))).toBe(true);
  });
  it("flags a version that differs from enforce-version", () => {
    const r = ns({ ...tenantLabels, ...psaLabels("v1.33"), [PSA_LABELS.auditVersion]: "v1.30" });
    expectViolations(violationsOf("NS-002", r), "NS-002", "advisory", PSA_LABELS.auditVersion);
  });
  it("passes all three modes", () => {
    expect(violationsOf("NS-002", ns({ ...tenantLabels, ...psaLabels("v1.33") }))).toEqual([]);
  });
});

describe("NS-003 tenant-labels", () => {
  it.each([
    ["bad tier value", ns({ ...tenantLabels, [LABELS.tier]: "prod" }), {}, LABELS.tier],
    ["listed tenant without label", ns({}, "team-b"), { tenantNamespaces: ["team-b"] }, LABELS.tenant],
    ["pattern tenant without label", ns({}, "team-c"), { tenantNamePattern: "^team-" }, LABELS.tenant],
    ["reserved name as tenant", ns(tenantLabels, "default"), {}, "metadata.name"],
  ])("flags %s", (_label, r, config, field) => {
    expectViolations(violationsOf("NS-003", r, config), "NS-003", "mandatory", field);
  });
  it.each([
    ["tenant with tier", ns(tenantLabels), {}],
    ["platform namespace", ns({}, "monitoring"), { tenantNamePattern: "^team-" }],
  ])("passes %s", (_label, r, config) => {
    expect(violationsOf("NS-003", r, config)).toEqual([]);
  });
});

describe("NS-004 no-workloads-in-default-namespace", () => {
  it.each([
    ["omitted namespace, no provider namespace", deployment("web", undefined, { containers: [] }), "metadata.namespace is absent"],
    ["explicit default", inNs(T.service, "svc", "default"), 'metadata.namespace is "default"'],
    ["provider namespace default", resource(T.serviceAccount, "sa", { metadata: { name: "sa" } }, { providerNamespace: "default" }), "provider namespace"],
  ])("flags %s", (_label, r, field) => {
    expectViolations(violationsOf("NS-004", r), "NS-004", "mandatory", field);
  });
  it.each([
    ["explicit tenant namespace", deployment("web", "team-a", { containers: [] })],
    ["provider namespace", resource(T.role, "r", { metadata: { name: "r" }, rules: [] }, { providerNamespace: "team-a" })],
  ])("passes %s", (_label, r) => {
    expect(violationsOf("NS-004", r)).toEqual([]);
  });
});

describe("NODE-006 sensitive-tenant-pinned-to-sensitive-pool", () => {
  const K = LABELS.pool;
  const toleration = { key: K, operator: "Equal", value: "sensitive", effect: "NoSchedule" };
  const podSpec = (extra: Record<string, any>) => ({ containers: [{ name: "app", image: "x" }], ...extra });
  it.each([
    ["toleration only", { tolerations: [toleration] }, "nodeSelector"],
    ["nodeSelector only", { nodeSelector: { [K]: "sensitive" } }, "tolerations"],
    [
      "affinity with one unconstrained term",
      {
        tolerations: [toleration],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: K, operator: "In", values: ["sensitive"] }] }, { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }],
            },
          },
        },
      },
      "nodeSelector",
    ],
  ])("flags %s", (_label, extra, field) => {
    const stack = [tenantNs("vault", "sensitive"), deployment("api", "vault", podSpec(extra))];
    const v = violationsOf("NODE-006", stack);
    expectViolations(v, "NODE-006", "mandatory", field);
    expect(v.every((x) => x.urn === stack[1].urn)).toBe(true);
  });
  it.each([
    ["toleration + nodeSelector", { tolerations: [toleration], nodeSelector: { [K]: "sensitive" } }],
    [
      "toleration + required affinity",
      {
        tolerations: [toleration],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: K, operator: "In", values: ["sensitive"] }] }] } } },
      },
    ],
  ])("passes %s", (_label, extra) => {
    expect(violationsOf("NODE-006", [tenantNs("vault", "sensitive"), deployment("api", "vault", podSpec(extra))])).toEqual([]);
  });
  it("ignores standard tenants, even tolerating the taint", () => {
    expect(violationsOf("NODE-006", [tenantNs("web"), deployment("api", "web", podSpec({ tolerations: [toleration] }))])).toEqual([]);
  });
  it("uses config sensitiveNamespaces for namespaces of other stacks", () => {
    const v = violationsOf("NODE-006", [deployment("api", "vault", podSpec({}))], { sensitiveNamespaces: ["vault"] });
    expect(v).toHaveLength(2);
  });
});
