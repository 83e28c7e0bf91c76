import { resource, violationsOf } from "../../support/rules";
import { T, deployment, expectViolations, inNs, tenantNs } from "./fixtures";

describe("SA-001 default-sa-no-automount", () => {
  it.each([
    ["no patch", []],
    ["patch with true", [inNs(T.serviceAccountPatch, "default", "team-a", { automountServiceAccountToken: true })]],
    ["false on another SA", [inNs(T.serviceAccount, "app", "team-a", { automountServiceAccountToken: false })]],
    ["patch in another namespace", [inNs(T.serviceAccountPatch, "default", "team-b", { automountServiceAccountToken: false })]],
  ])("flags %s", (_label, extra) => {
    const ns = tenantNs("team-a");
    const v = violationsOf("SA-001", [ns, ...extra]);
    expectViolations(v, "SA-001", "mandatory", "automountServiceAccountToken");
    expect(v[0].urn).toBe(ns.urn);
  });
  it.each([
    ["patch with false", inNs(T.serviceAccountPatch, "default", "team-a", { automountServiceAccountToken: false })],
    ["ServiceAccount default with false", inNs(T.serviceAccount, "default", "team-a", { automountServiceAccountToken: false })],
  ])("passes %s", (_label, sa) => {
    expect(violationsOf("SA-001", [tenantNs("team-a"), sa])).toEqual([]);
  });
});

describe("SA-002 workload-token-automount", () => {
  it.each([
    ["default SA implicit", deployment("w", "team-a", { containers: [] })],
    ["default SA explicit, automount true", deployment("w", "team-a", { serviceAccountName: "default", automountServiceAccountToken: true })],
    ["patch explicitly mounting default", inNs(T.deploymentPatch, "w", "team-a", { spec: { template: { spec: { serviceAccountName: "default", automountServiceAccountToken: true } } } })],
  ])("flags %s", (_label, w) => {
    expectViolations(violationsOf("SA-002", w), "SA-002", "advisory", "automountServiceAccountToken");
  });
  it.each([
    ["automount false", deployment("w", "team-a", { automountServiceAccountToken: false })],
    ["dedicated SA", deployment("w", "team-a", { serviceAccountName: "api" })],
    ["patch not touching it", inNs(T.deploymentPatch, "w", "team-a", { spec: { replicas: 3 } })],
    ["pod with automount false", inNs(T.pod, "p", "team-a", { spec: { automountServiceAccountToken: false } })],
  ])("passes %s", (_label, w) => {
    expect(violationsOf("SA-002", w)).toEqual([]);
  });
});

describe("SVC-001 sensitive-tenant-no-external-service", () => {
  const svc = (name: string, ns: string, spec: Record<string, any>, annotations?: Record<string, string>) =>
    inNs(T.service, name, ns, { spec, metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) } });
  const internal = { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" };
  it.each([
    ["NodePort in sensitive tenant", svc("s", "vault", { type: "NodePort" }), "spec.type"],
    ["internal LB in sensitive tenant", svc("s", "vault", { type: "LoadBalancer" }, internal), "spec.type"],
    ["internet-facing LB, no ranges", svc("s", "web", { type: "LoadBalancer" }), "spec.loadBalancerSourceRanges"],
    ["internet-facing LB open to the world", svc("s", "web", { type: "LoadBalancer", loadBalancerSourceRanges: ["0.0.0.0/0"] }), "spec.loadBalancerSourceRanges"],
  ])("flags %s", (_label, s, field) => {
    const v = violationsOf("SVC-001", [tenantNs("vault", "sensitive"), tenantNs("web"), s]);
    expectViolations(v, "SVC-001", "mandatory", field);
    expect(v[0].urn).toBe(s.urn);
  });
  it.each([
    ["ClusterIP in sensitive tenant", svc("s", "vault", { type: "ClusterIP" }), {}],
    ["internal LB in standard tenant", svc("s", "web", { type: "LoadBalancer" }, internal), {}],
    ["legacy internal annotation", svc("s", "web", { type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" }), {}],
    ["LB with trusted ranges", svc("s", "web", { type: "LoadBalancer", loadBalancerSourceRanges: ["203.0.113.0/24"] }), {}],
    ["allow-listed NodePort", svc("s", "vault", { type: "NodePort" }), { allowedExternalServices: [{ name: "vault/s", justification: "legacy partner integration, reviewed 2026" }] }],
  ])("passes %s", (_label, s, config) => {
    expect(violationsOf("SVC-001", [tenantNs("vault", "sensitive"), tenantNs("web"), s], config)).toEqual([]);
  });
});

describe("SVC-002 service-no-external-ips", () => {
  it("flags externalIPs", () => {
    expectViolations(violationsOf("SVC-002", inNs(T.service, "s", "team-a", { spec: { externalIPs: ["10.0.0.5"] } })), "SVC-002", "mandatory", "spec.externalIPs");
  });
  it.each([
    ["absent", inNs(T.service, "s", "team-a", { spec: { type: "ClusterIP" } })],
    ["empty", inNs(T.service, "s", "team-a", { spec: { externalIPs: [] } })],
    ["a non-Service", resource(T.serviceAccount, "s", { spec: { externalIPs: ["1.2.3.4"] } })],
  ])("passes %s", (_label, s) => {
    expect(violationsOf("SVC-002", s)).toEqual([]);
  });
});
