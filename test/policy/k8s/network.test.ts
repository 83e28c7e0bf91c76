import { defaultDenyPolicySpec, dnsEgressPolicySpec, intraTenantPolicySpec } from "../../../policy-pack/baseline/tenancy";
import { resource, violationsOf } from "../../support/rules";
import { T, expectViolations, inNs, tenantNs } from "./fixtures";

const policy = (name: string, ns: string, spec: Record<string, any>) => inNs(T.networkPolicy, name, ns, { spec });

describe("NP-001 tenant-default-deny", () => {
  it.each([
    ["no policy", []],
    ["Ingress only", [policy("deny", "team-a", { podSelector: {}, policyTypes: ["Ingress"] })]],
    ["policyTypes omitted (Egress not assumed without egress rules)", [policy("deny", "team-a", { podSelector: {} })]],
    ["selector not empty", [policy("deny", "team-a", { podSelector: { matchLabels: { app: "x" } }, policyTypes: ["Ingress", "Egress"] })]],
    ["allow rules inside", [policy("deny", "team-a", { ...defaultDenyPolicySpec(), ingress: [{ from: [{ podSelector: {} }] }] })]],
    ["deny in another namespace", [policy("deny", "team-b", defaultDenyPolicySpec())]],
  ])("flags %s", (_label, policies) => {
    const ns = tenantNs("team-a");
    const v = violationsOf("NP-001", [ns, ...policies]);
    expectViolations(v, "NP-001", "mandatory", "spec.policyTypes");
    expect(v[0].urn).toBe(ns.urn);
  });
  it.each([
    ["default deny", [policy("deny", "team-a", defaultDenyPolicySpec())]],
    ["default deny with {matchLabels: {}} selector", [policy("deny", "team-a", { podSelector: { matchLabels: {} }, policyTypes: ["Egress", "Ingress"], ingress: [] })]],
  ])("passes %s", (_label, policies) => {
    expect(violationsOf("NP-001", [tenantNs("team-a"), ...policies])).toEqual([]);
  });
  it("ignores non-tenant namespaces", () => {
    expect(violationsOf("NP-001", [resource(T.namespace, "platform", { metadata: { name: "platform" } })])).toEqual([]);
  });
});

describe("NP-002 netpol-no-open-peers", () => {
  it.each([
    ["egress to 0.0.0.0/0", { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] }, "spec.egress[0].to[0].ipBlock.cidr"],
    ["ingress from ::/0", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "::/0" } }] }] }, "spec.ingress[0].from[0].ipBlock.cidr"],
    ["all namespaces", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }, "spec.ingress[0].from[0].namespaceSelector"],
    ["DNS to any destination", { podSelector: {}, egress: [{ ports: [{ protocol: "UDP", port: 53 }] }] }, "spec.egress[0]"],
    [
      "DNS to kube-system without pod selector",
      { podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 53 }] }] },
      "spec.egress[0].to",
    ],
  ])("flags %s", (_label, spec, field) => {
    expectViolations(violationsOf("NP-002", policy("p", "team-a", spec)), "NP-002", "advisory", field);
  });
  it.each([
    ["DNS to kube-dns only", dnsEgressPolicySpec()],
    ["intra-tenant (same namespace)", intraTenantPolicySpec()],
    ["intra-tenant (named namespaces)", intraTenantPolicySpec(["team-a", "team-a-jobs"])],
    ["default deny", defaultDenyPolicySpec()],
    ["namespaceSelector {} narrowed by podSelector", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "prom" } } }] }] }],
  ])("passes %s", (_label, spec) => {
    expect(violationsOf("NP-002", policy("p", "team-a", spec as any))).toEqual([]);
  });
});

describe("NP-003 network-policy-enforced", () => {
  const addon = (configurationValues?: string, addonName = "vpc-cni") =>
    resource(T.addon, addonName, { addonName, clusterName: "c", ...(configurationValues !== undefined ? { configurationValues } : {}) });
  const np = policy("deny", "team-a", defaultDenyPolicySpec());
  it.each([
    ["no add-on", [np], "addonName"],
    ["add-on with defaults", [np, addon()], "configurationValues"],
    ["add-on with false", [np, addon(JSON.stringify({ enableNetworkPolicy: "false" }))], "configurationValues"],
    ["tenant namespace, no add-on", [tenantNs("team-a"), addon(undefined, "coredns")], "vpc-cni"],
  ])("flags %s", (_label, stack, field) => {
    expectViolations(violationsOf("NP-003", stack), "NP-003", "mandatory", field);
  });
  it.each([
    ["enabled", [np, addon(JSON.stringify({ enableNetworkPolicy: "true" }))], {}],
    ["another CNI named", [np], { networkPolicyProvider: "calico" }],
    ["no policies and no tenants", [addon()], {}],
  ])("passes %s", (_label, stack, config) => {
    expect(violationsOf("NP-003", stack, config)).toEqual([]);
  });
});
