/**
 * Boundary and branch cases found by mutation testing (Stryker) for the namespace family: NS-001..004 and
 * NODE-006. Each test pins a verdict or a message users rely on: which toleration and node-affinity shapes
 * pin a sensitive tenant's pods to the sensitive pool, which workloads NODE-006 looks at, the exact text of
 * the PSA label findings (value found, value to set), NamespacePatch partial inputs, and preview unknowns.
 */
import { LABELS, PSA_LABELS, SENSITIVE_POOL } from "../../../policy-pack/baseline/labels";
import { psaLabels } from "../../../policy-pack/baseline/tenancy";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { Violation } from "../../../policy-pack/core/evaluate";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
import { OWNER_TYPES, wrapPodSpec } from "../../property/arbitraries/workloads";
import { T, deployment, expectViolations, inNs, tenantNs } from "../k8s/fixtures";

const S = sdkProxy.unknownStringValue;
const A = sdkProxy.unknownArrayValue;
const O = sdkProxy.unknownObjectValue;

/** Every finding is an advisory "cannot verify <field> at preview" on `urn` (when given); there is exactly one. */
function expectOneCannotVerify(vs: Violation[], field: string, urn?: string): void {
  expect(vs).toHaveLength(1);
  expect(vs[0].level).toBe("advisory");
  expect(vs[0].message).toContain(`cannot verify ${field} at preview`);
  if (urn) expect(vs[0].urn).toBe(urn);
}

// ---------------------------------------------------------------------------------------------------------
// NODE-006
// ---------------------------------------------------------------------------------------------------------

describe("NODE-006 sensitive-tenant-pinned-to-sensitive-pool", () => {
  const K = LABELS.pool;
  const tol = (extra: Record<string, unknown> = {}) => ({ key: K, operator: "Equal", value: SENSITIVE_POOL, effect: "NoSchedule", ...extra });
  const selector = { nodeSelector: { [K]: SENSITIVE_POOL } };
  const inPool = { key: K, operator: "In", values: [SENSITIVE_POOL] };
  const required = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  const podSpec = (extra: Record<string, unknown>) => ({ containers: [{ name: "app", image: "x" }], ...extra });
  const inVault = (extra: Record<string, unknown>, config: Partial<PackConfig> = {}) =>
    violationsOf("NODE-006", [tenantNs("vault", "sensitive"), deployment("api", "vault", podSpec(extra))], config);

  const TOLERATION_FINDING = `spec.template.spec.tolerations lacks {key: "${K}", operator: "Equal", value: "sensitive", effect: "NoSchedule"} in sensitive tenant "vault"`;
  const SELECTION_FINDING = `spec.template.spec.nodeSelector["${K}"] is not "sensitive" (nor required by node affinity) in sensitive tenant "vault"`;

  describe("tolerations (with nodeSelector set): which entries tolerate the pool taint", () => {
    it.each([
      ["operator Exists on the pool key, no value", [{ key: K, operator: "Exists", effect: "NoSchedule" }]],
      ["operator Exists with no effect (tolerates every effect)", [{ key: K, operator: "Exists" }]],
      ["operator omitted (defaults to Equal) with the pool value", [{ key: K, value: SENSITIVE_POOL, effect: "NoSchedule" }]],
      ["effect omitted (matches every effect)", [{ key: K, operator: "Equal", value: SENSITIVE_POOL }]],
      ['effect "" (matches every effect)', [tol({ effect: "" })]],
      ["the pool toleration after an unrelated one", [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }, tol()]],
      ["null and undefined entries before the pool toleration", [null, undefined, tol()]],
    ])("✔ %s", (_t, tolerations) => {
      expect(inVault({ ...selector, tolerations })).toEqual([]);
    });

    it.each([
      ["Exists on another key", [{ key: "dedicated", operator: "Exists" }]],
      ["Equal with the pool value on another key", [{ key: "dedicated", operator: "Equal", value: SENSITIVE_POOL, effect: "NoSchedule" }]],
      ["Equal with another value", [tol({ value: "standard" })]],
      ["Equal with no value", [{ key: K, operator: "Equal", effect: "NoSchedule" }]],
      ["effect NoExecute (does not tolerate a NoSchedule taint)", [tol({ effect: "NoExecute" })]],
      ["effect in EKS spelling NO_SCHEDULE (not a Kubernetes effect)", [tol({ effect: "NO_SCHEDULE" })]],
      ['operator "equal" (operators are case-sensitive)', [tol({ operator: "equal" })]],
      ['operator "In" (not a toleration operator)', [tol({ operator: "In" })]],
      ["only non-object entries", [null, SENSITIVE_POOL]],
      ["no tolerations at all", undefined],
    ])("✘ %s", (_t, tolerations) => {
      const vs = inVault({ ...selector, tolerations });
      expect(vs).toHaveLength(1);
      expectViolations(vs, "NODE-006", "mandatory", TOLERATION_FINDING);
    });
  });

  describe("node selection (with the toleration set): nodeSelector or required node affinity", () => {
    it.each([
      ["one term: pool In [sensitive] AND a zone requirement", required({ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["a"] }, inPool] })],
      ["two terms, both require the pool", required({ matchExpressions: [inPool, { key: "zone", operator: "In", values: ["a"] }] }, { matchExpressions: [inPool, { key: "zone", operator: "In", values: ["b"] }] })],
      ["a null expression before the pool requirement", required({ matchExpressions: [null, inPool] })],
    ])("✔ %s", (_t, extra) => {
      expect(inVault({ tolerations: [tol()], ...extra })).toEqual([]);
    });

    it.each([
      ["nodeSelector with another value", { nodeSelector: { [K]: "standard" } }],
      ["only preferred (not required) node affinity", { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [inPool] } }] } } }],
      ["affinity with pod anti-affinity only", { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] } } }],
      ["no nodeSelectorTerms", required()],
      ["a null term next to a pinned one (terms are ORed)", required({ matchExpressions: [inPool] }, null)],
      ["a term with matchFields only", required({ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }] })],
      ["pool NotIn [sensitive]", required({ matchExpressions: [{ key: K, operator: "NotIn", values: [SENSITIVE_POOL] }] })],
      ["another key In [sensitive]", required({ matchExpressions: [{ key: "node-type", operator: "In", values: [SENSITIVE_POOL] }] })],
      ["pool In [] (no value)", required({ matchExpressions: [{ key: K, operator: "In", values: [] }] })],
      ["pool In [sensitive, standard] (may land on shared nodes)", required({ matchExpressions: [{ key: K, operator: "In", values: [SENSITIVE_POOL, "standard"] }] })],
      ["pool In [standard]", required({ matchExpressions: [{ key: K, operator: "In", values: ["standard"] }] })],
    ])("✘ %s", (_t, extra) => {
      const vs = inVault({ tolerations: [tol()], ...extra });
      expect(vs).toHaveLength(1);
      expectViolations(vs, "NODE-006", "mandatory", SELECTION_FINDING);
    });
  });

  it.each(OWNER_TYPES.map((t) => [t] as const))("%s: both findings name the pod-spec path, the key and the fix", (type) => {
    const specPath = { "kubernetes:core/v1:Pod": "spec", "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec" }[type as string] ?? "spec.template.spec";
    const w = wrapPodSpec(type, "api", "vault", podSpec({}));
    const vs = violationsOf("NODE-006", [tenantNs("vault", "sensitive"), w]);
    expect(vs).toHaveLength(2);
    expectViolations(vs, "NODE-006", "mandatory", 'in sensitive tenant "vault"');
    expect(vs.every((v) => v.urn === w.urn)).toBe(true);
    const [toleration, selection] = vs;
    expect(toleration.message).toContain(`${specPath}.tolerations lacks`);
    expect(toleration.remediation).toBe(`Add to ${specPath}.tolerations: {key: "${K}", operator: "Equal", value: "sensitive", effect: "NoSchedule"}.`);
    expect(selection.message).toContain(`${specPath}.nodeSelector["${K}"] is not "sensitive"`);
    expect(selection.message).toContain("pods may land on shared nodes");
    expect(selection.remediation).toBe(`Set ${specPath}.nodeSelector["${K}"] to "sensitive".`);
  });

  it("uses config poolLabelKey for both the toleration and the selection", () => {
    const key = "example.com/pool";
    const config = { poolLabelKey: key };
    const custom = { tolerations: [{ key, operator: "Equal", value: SENSITIVE_POOL, effect: "NoSchedule" }], nodeSelector: { [key]: SENSITIVE_POOL } };
    expect(inVault(custom, config)).toEqual([]);
    const vs = inVault({ tolerations: [tol()], ...selector }, config);
    expect(vs).toHaveLength(2);
    expectViolations(vs, "NODE-006", "mandatory", key);
  });

  describe("which workloads are judged", () => {
    const bare = (name: string, ns: string) => deployment(name, ns, podSpec({}));

    it("✔ workloads of a standard tenant and outside any tenant, while a sensitive tenant exists", () => {
      const stack = [tenantNs("vault", "sensitive"), tenantNs("web"), bare("front", "web"), bare("prometheus", "monitoring")];
      expect(violationsOf("NODE-006", stack)).toEqual([]);
    });

    it("✔ a DeploymentPatch in a sensitive tenant (partial inputs: presence is never required)", () => {
      const patch = inNs(T.deploymentPatch, "api", "vault", { spec: { replicas: 3 } });
      expect(violationsOf("NODE-006", [tenantNs("vault", "sensitive"), patch])).toEqual([]);
    });

    it("✔ no sensitive tenant: a workload whose namespace is unknown at preview is not worth an advisory", () => {
      expect(violationsOf("NODE-006", [tenantNs("web"), previewed(inNs(T.deployment, "api", S))])).toEqual([]);
    });

    it("defers a workload whose namespace is unknown at preview when a sensitive tenant exists", () => {
      const w = previewed(inNs(T.deployment, "api", S, { spec: { template: { spec: podSpec({}) } } }));
      expectOneCannotVerify(violationsOf("NODE-006", [tenantNs("vault", "sensitive"), w]), "metadata.namespace", w.urn);
    });

    it("defers a sensitive tenant's workload whose tolerations are unknown at preview (no mandatory)", () => {
      const w = previewed(deployment("api", "vault", podSpec({ ...selector, tolerations: A })));
      expectOneCannotVerify(violationsOf("NODE-006", [tenantNs("vault", "sensitive"), w]), "pod spec tolerations/nodeSelector", w.urn);
    });

    it("defers a Namespace whose tier is unknown at preview", () => {
      const ns = previewed(tenantNs("vault", "standard", { [LABELS.tier]: S }));
      expectOneCannotVerify(violationsOf("NODE-006", [ns, bare("api", "vault")]), "metadata.labels (tenant tier)", ns.urn);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// NS-001 / NS-002 (PSA labels)
// ---------------------------------------------------------------------------------------------------------

const tenant = { [LABELS.tenant]: "team-a", [LABELS.tier]: "standard" };
const ns = (labels: Record<string, unknown> | null | undefined, name = "team-a", type: string = T.namespace) =>
  resource(type, name, { metadata: { name, ...(labels === undefined ? {} : { labels }) } });
const without = (labels: Record<string, string>, ...keys: string[]) => Object.fromEntries(Object.entries(labels).filter(([k]) => !keys.includes(k)));
const label = (key: string) => `metadata.labels["${key}"]`;

describe("NS-001 psa-enforce-restricted: messages and edge values", () => {
  it("✘ enforce baseline: names the value found and the value to set", () => {
    const vs = violationsOf("NS-001", ns({ ...tenant, ...psaLabels("v1.33"), [PSA_LABELS.enforce]: "baseline" }));
    expect(vs).toHaveLength(1);
    expectViolations(vs, "NS-001", "mandatory", `${label(PSA_LABELS.enforce)} is "baseline"; tenant namespaces must enforce "restricted"`);
    expect(vs[0].remediation).toBe(`Set ${label(PSA_LABELS.enforce)} to "restricted".`);
  });

  it("✘ enforce absent: reported as null", () => {
    const vs = violationsOf("NS-001", ns({ ...tenant, ...without(psaLabels("v1.33"), PSA_LABELS.enforce) }));
    expect(vs).toHaveLength(1);
    expectViolations(vs, "NS-001", "mandatory", `${label(PSA_LABELS.enforce)} is null;`);
  });

  it.each([
    ["absent", undefined, "is absent"],
    ["null (absent)", null, "is absent"],
    ["malformed", "1.33", `is "1.33", not "v1.N"`],
    ["a list, not a string", ["v1.33"], `is ["v1.33"], not "v1.N"`],
    ["latest while allowLatestPssVersion is false", "latest", `is "latest" (pin it to the cluster minor; allowLatestPssVersion is false)`],
  ])("✘ enforce-version %s", (_t, value, text) => {
    const labels: Record<string, unknown> = { ...tenant, ...psaLabels("v1.33") };
    if (value === undefined) delete labels[PSA_LABELS.enforceVersion];
    else labels[PSA_LABELS.enforceVersion] = value;
    const vs = violationsOf("NS-001", ns(labels));
    expect(vs).toHaveLength(1);
    expectViolations(vs, "NS-001", "mandatory", `${label(PSA_LABELS.enforceVersion)} ${text}`);
    expect(vs[0].remediation).toBe(`Set ${label(PSA_LABELS.enforceVersion)} to "v1.33".`);
  });

  it.each([
    ["config podSecurityVersion v1.31: pin to it", { podSecurityVersion: "v1.31" }, "v1.31"],
    ["config podSecurityVersion latest (latest not allowed): pin to v1.33", { podSecurityVersion: "latest" }, "v1.33"],
  ])("remediation of a bad enforce-version: %s", (_t, config, pin) => {
    const vs = violationsOf("NS-001", ns({ ...tenant, ...psaLabels("latest") }), config);
    expect(vs).toHaveLength(1);
    expect(vs[0].remediation).toBe(`Set ${label(PSA_LABELS.enforceVersion)} to "${pin}".`);
  });

  it("✘ a NamespacePatch that sets enforce-version to latest explicitly", () => {
    const vs = violationsOf("NS-001", ns({ ...tenant, [PSA_LABELS.enforceVersion]: "latest" }, "team-a", T.namespacePatch));
    expect(vs).toHaveLength(1);
    expectViolations(vs, "NS-001", "mandatory", `${label(PSA_LABELS.enforceVersion)} is "latest"`);
  });

  it.each([
    ["no metadata at all", resource(T.namespace, "team-b", {})],
    ["labels null", ns(null, "team-b")],
    ["no labels", ns(undefined, "team-b")],
  ])("✘ a config-listed tenant with %s: both labels absent", (_t, r) => {
    const vs = violationsOf("NS-001", r, { tenantNamespaces: ["team-b"] });
    expect(vs.map((v) => v.message)).toEqual([
      `NS-001: ${label(PSA_LABELS.enforce)} is null; tenant namespaces must enforce "restricted"`,
      `NS-001: ${label(PSA_LABELS.enforceVersion)} is absent`,
    ]);
  });

  it("defers unknown labels (advisory naming metadata.labels)", () => {
    expectOneCannotVerify(violationsOf("NS-001", previewed(resource(T.namespace, "team-a", { metadata: { name: "team-a", labels: O } }))), "metadata.labels");
  });

  it("defers an unknown enforce-version only", () => {
    expectOneCannotVerify(violationsOf("NS-001", previewed(tenantNs("team-a", "standard", { [PSA_LABELS.enforceVersion]: S }))), label(PSA_LABELS.enforceVersion));
  });
});

describe("NS-002 psa-audit-warn-restricted: messages, expected version, NamespacePatch", () => {
  it("✘ audit baseline and warn absent: one finding each, naming the value found", () => {
    const labels = { ...tenant, ...without(psaLabels("v1.33"), PSA_LABELS.warn), [PSA_LABELS.audit]: "baseline" };
    const vs = violationsOf("NS-002", ns(labels));
    expect(vs.map((v) => [v.level, v.message, v.remediation])).toEqual([
      ["advisory", `NS-002: ${label(PSA_LABELS.audit)} is "baseline"; tenant namespaces should use "restricted"`, `Set ${label(PSA_LABELS.audit)} to "restricted".`],
      ["advisory", `NS-002: ${label(PSA_LABELS.warn)} is null; tenant namespaces should use "restricted"`, `Set ${label(PSA_LABELS.warn)} to "restricted".`],
    ]);
  });

  it("✘ audit-version differs from enforce-version: names both and the value to set", () => {
    const vs = violationsOf("NS-002", ns({ ...tenant, ...psaLabels("v1.30"), [PSA_LABELS.auditVersion]: "v1.33" }));
    expect(vs.map((v) => [v.message, v.remediation])).toEqual([
      [`NS-002: ${label(PSA_LABELS.auditVersion)} is "v1.33" but enforce-version is "v1.30"`, `Set ${label(PSA_LABELS.auditVersion)} to "v1.30".`],
    ]);
  });

  it("✘ warn-version absent: says absent (not a comparison)", () => {
    const vs = violationsOf("NS-002", ns({ ...tenant, ...without(psaLabels("v1.33"), PSA_LABELS.warnVersion) }));
    expect(vs.map((v) => [v.message, v.remediation])).toEqual([[`NS-002: ${label(PSA_LABELS.warnVersion)} is absent`, `Set ${label(PSA_LABELS.warnVersion)} to "v1.33".`]]);
  });

  it("✔ all three modes consistently pinned to an older minor than config podSecurityVersion", () => {
    expect(violationsOf("NS-002", ns({ ...tenant, ...psaLabels("v1.30") }))).toEqual([]);
  });

  it("✔ enforce-version absent: audit/warn are compared with config podSecurityVersion (NS-001 reports enforce)", () => {
    const labels = without(psaLabels("v1.31"), PSA_LABELS.enforceVersion);
    expect(violationsOf("NS-002", ns({ ...tenant, ...labels }), { podSecurityVersion: "v1.31" })).toEqual([]);
    const vs = violationsOf("NS-002", ns({ ...tenant, ...labels }));
    expect(vs.map((v) => v.message)).toEqual([
      `NS-002: ${label(PSA_LABELS.auditVersion)} is "v1.31" but enforce-version is "v1.33"`,
      `NS-002: ${label(PSA_LABELS.warnVersion)} is "v1.31" but enforce-version is "v1.33"`,
    ]);
  });

  it("✔ a namespace that is not a tenant", () => {
    expect(violationsOf("NS-002", ns({}, "monitoring"))).toEqual([]);
  });

  it("✔ a NamespacePatch of a tenant that does not touch audit/warn", () => {
    expect(violationsOf("NS-002", ns({ ...tenant }, "team-a", T.namespacePatch))).toEqual([]);
  });

  it("✘ a NamespacePatch that sets audit to baseline and audit-version to latest explicitly", () => {
    const r = ns({ ...tenant, [PSA_LABELS.audit]: "baseline", [PSA_LABELS.auditVersion]: "latest" }, "team-a", T.namespacePatch);
    expect(violationsOf("NS-002", r).map((v) => v.message)).toEqual([
      `NS-002: ${label(PSA_LABELS.audit)} is "baseline"; tenant namespaces should use "restricted"`,
      `NS-002: ${label(PSA_LABELS.auditVersion)} is "latest" (pin it to the cluster minor; allowLatestPssVersion is false)`,
    ]);
  });

  it("defers unknown labels (advisory naming metadata.labels)", () => {
    expectOneCannotVerify(violationsOf("NS-002", previewed(resource(T.namespace, "team-a", { metadata: { name: "team-a", labels: O } }))), "metadata.labels");
  });

  it("defers an unknown audit label only; warn is still judged", () => {
    expectOneCannotVerify(violationsOf("NS-002", previewed(tenantNs("team-a", "standard", { [PSA_LABELS.audit]: S }))), label(PSA_LABELS.audit));
  });
});

// ---------------------------------------------------------------------------------------------------------
// NS-003 / NS-004
// ---------------------------------------------------------------------------------------------------------

describe("NS-003 tenant-labels: messages, platform namespaces, NamespacePatch", () => {
  it("✘ listed tenant without the tenant label: names the namespace and the fix", () => {
    const vs = violationsOf("NS-003", ns({}, "team-b"), { tenantNamespaces: ["team-b"] });
    expect(vs.map((v) => [v.message, v.remediation])).toEqual([
      [
        `NS-003: ${label(LABELS.tenant)} is absent on namespace "team-b", which config tenantNamespaces/tenantNamePattern names as a tenant`,
        `Set ${label(LABELS.tenant)} to the tenant's name (create it with the Tenant component).`,
      ],
    ]);
  });

  it("✔ a NamespacePatch of a listed tenant need not carry the tenant label", () => {
    expect(violationsOf("NS-003", ns({}, "team-b", T.namespacePatch), { tenantNamespaces: ["team-b"] })).toEqual([]);
  });

  it.each(["kube-system", "default"])("✔ reserved namespace %s that is not a tenant", (name) => {
    expect(violationsOf("NS-003", ns({}, name))).toEqual([]);
  });

  it("✘ reserved namespace labelled as a tenant: remediation says to use a dedicated namespace", () => {
    const vs = violationsOf("NS-003", ns(tenant, "kube-public"));
    expect(vs.map((v) => [v.message, v.remediation])).toEqual([
      [`NS-003: metadata.name "kube-public" is a reserved namespace and cannot be a tenant`, `Use a dedicated namespace (e.g. "team-a") for the tenant and remove ${label(LABELS.tenant)} here.`],
    ]);
  });

  it("✘ bad tier: lists the allowed tiers", () => {
    const vs = violationsOf("NS-003", ns({ ...tenant, [LABELS.tier]: "prod" }));
    expect(vs.map((v) => [v.message, v.remediation])).toEqual([
      [`NS-003: ${label(LABELS.tier)} is "prod"; allowed: "standard", "sensitive"`, `Set ${label(LABELS.tier)} to "standard" or "sensitive".`],
    ]);
  });

  it("defers unknown labels (advisory naming name and labels)", () => {
    expectOneCannotVerify(violationsOf("NS-003", previewed(resource(T.namespace, "team-a", { metadata: { name: "team-a", labels: O } }))), "metadata.name / metadata.labels");
  });

  it("defers an unknown tier value", () => {
    expectOneCannotVerify(violationsOf("NS-003", previewed(ns({ ...tenant, [LABELS.tier]: S }))), label(LABELS.tier));
  });
});

describe("NS-004 no-workloads-in-default-namespace: how the object lands in default", () => {
  const FIX = `Set metadata.namespace to the tenant namespace (e.g. "team-a").`;
  it.each([
    ["explicit default (provider namespace ignored)", inNs(T.service, "svc", "default", {}), "team-a", `metadata.namespace is "default"`],
    ["absent, provider namespace default", inNs(T.serviceAccount, "sa", undefined), "default", `metadata.namespace is absent and the provider namespace is "default"`],
    ["absent, no provider namespace", inNs(T.role, "r", undefined, { rules: [] }), undefined, `metadata.namespace is absent and no provider namespace is set, so the object lands in "default"`],
    ["no metadata at all, no provider namespace", resource(T.pod, "p", { spec: { containers: [] } }), undefined, `metadata.namespace is absent and no provider namespace is set, so the object lands in "default"`],
  ])("✘ %s", (_t, r, providerNamespace, message) => {
    const vs = violationsOf("NS-004", { ...r, providerNamespace });
    expect(vs.map((v) => [v.level, v.message, v.remediation])).toEqual([["mandatory", `NS-004: ${message}`, FIX]]);
  });

  it("✔ no metadata, provider namespace of a tenant", () => {
    expect(violationsOf("NS-004", resource(T.pod, "p", { spec: { containers: [] } }, { providerNamespace: "team-a" }))).toEqual([]);
  });
});
