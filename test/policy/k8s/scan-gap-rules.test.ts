import { defaultDenyPolicySpec, dnsEgressPolicySpec, intraTenantPolicySpec } from "../../../policy-pack/baseline/tenancy";
import { violationsOf } from "../../support/rules";
import { T, binding, deployment, expectViolations, inNs } from "./fixtures";

// Issue 17 item 4: the checks peers have (checkov, kube-linter, kubescape) that the pack lacked. Fixtures
// are written from their check descriptions (no third-party fixtures copied).
const policy = (spec: Record<string, any>) => inNs(T.networkPolicy, "p", "team-a", { spec });
const ADMIN = { kind: "ClusterRole", name: "cluster-admin" };
const FULL = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

describe("NP-004 netpol-no-allow-all", () => {
  it.each([
    ["ingress: [{}] (every source)", { podSelector: {}, ingress: [{}] }, "spec.ingress[0] has no from"],
    ["ingress from: [] ", { podSelector: {}, ingress: [{ from: [] }] }, "spec.ingress[0] has no from"],
    ["egress: [{}] (every destination)", { podSelector: {}, policyTypes: ["Egress"], egress: [{}] }, "spec.egress[0] has no to"],
    ["every pod of every namespace", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] }, "spec.ingress[0].from[0]"],
  ])("flags %s", (_l, spec, field) => {
    expectViolations(violationsOf("NP-004", policy(spec)), "NP-004", "mandatory", field);
  });
  it("an ingress rule with ports but no from is any source on those ports only: advisory, not mandatory", () => {
    expectViolations(violationsOf("NP-004", policy({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })), "NP-004", "advisory", "spec.ingress[0] has no from");
  });
  it.each([
    ["default deny", defaultDenyPolicySpec()],
    ["same-namespace pods (podSelector: {} peer)", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }],
    ["named namespace", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "web" } } }] }] }],
    ["ingress: [{}] but only Egress enforced", { podSelector: {}, policyTypes: ["Egress"], ingress: [{}], egress: [] }],
    ["the Tenant component's DNS egress", dnsEgressPolicySpec()],
    ["the Tenant component's intra-tenant policy", intraTenantPolicySpec(["team-a"])],
  ])("passes %s", (_l, spec) => {
    expect(violationsOf("NP-004", policy(spec as Record<string, any>))).toEqual([]);
  });
});

describe("RBAC-010 rbac-no-cluster-admin-for-users-groups", () => {
  it.each([
    ["a Group", { kind: "Group", name: "developers" }],
    ["a User", { kind: "User", name: "alice@example.com" }],
  ])("flags cluster-admin bound to %s", (_l, subject) => {
    expectViolations(violationsOf("RBAC-010", binding(T.clusterRoleBinding, "leftover", ADMIN, [subject])), "RBAC-010", "mandatory", "subjects[0]");
  });
  it("passes view for a group, cluster-admin for a ServiceAccount (RBAC-007's), and a binding listed in platformRoles", () => {
    expect(violationsOf("RBAC-010", binding(T.clusterRoleBinding, "b", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", name: "developers" }]))).toEqual([]);
    expect(violationsOf("RBAC-010", binding(T.clusterRoleBinding, "b", ADMIN, [{ kind: "ServiceAccount", name: "x", namespace: "y" }]))).toEqual([]);
    const platform = { platformRoles: [{ name: "break-glass", justification: "audited break-glass binding for incidents" }] };
    expect(violationsOf("RBAC-010", binding(T.clusterRoleBinding, "break-glass", ADMIN, [{ kind: "Group", name: "sre" }]), platform)).toEqual([]);
  });
});

describe("RES-001 container-resources-set", () => {
  it.each([
    ["no resources", { containers: [{ name: "app", image: "app" }] }, /requests\.cpu, requests\.memory, limits\.cpu, limits\.memory/],
    ["requests only", { containers: [{ name: "app", image: "app", resources: { requests: FULL.requests } }] }, /lacks limits\.cpu, limits\.memory/],
    ["memory limit missing", { containers: [{ name: "app", image: "app", resources: { ...FULL, limits: { cpu: "1" } } }] }, /lacks limits\.memory/],
    ["an init container without resources", { initContainers: [{ name: "init", image: "i" }], containers: [{ name: "app", image: "app", resources: FULL }] }, /initContainers\[0\]/],
  ])("flags %s", (_l, spec, field) => {
    expectViolations(violationsOf("RES-001", deployment("d", "team-a", spec)), "RES-001", "advisory", field);
  });
  it("passes requests and limits for cpu and memory on every container", () => {
    expect(violationsOf("RES-001", deployment("d", "team-a", { containers: [{ name: "app", image: "app", resources: FULL }] }))).toEqual([]);
  });
});

describe("SA-003 workload-dedicated-service-account", () => {
  it.each([
    ["serviceAccountName absent", {}],
    ["serviceAccountName default", { serviceAccountName: "default" }],
    ["automount off but still on default", { serviceAccountName: "default", automountServiceAccountToken: false }],
  ])("flags %s", (_l, extra) => {
    expectViolations(violationsOf("SA-003", deployment("d", "team-a", { ...extra, containers: [{ name: "app", image: "app" }] })), "SA-003", "advisory", "serviceAccountName");
  });
  it("passes a dedicated service account", () => {
    expect(violationsOf("SA-003", deployment("d", "team-a", { serviceAccountName: "web", containers: [{ name: "app", image: "app" }] }))).toEqual([]);
  });
});
