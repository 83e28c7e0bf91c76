/**
 * Boundary and branch cases found by mutation testing (Stryker) for NP-001..003 and QT-001..004: each row pins a
 * verdict users rely on (which selectors select every pod, which peers are open, which ports count as DNS, how the
 * vpc-cni add-on must be configured, which quotas count toward the compute keys) and the text of each finding,
 * which the catalog tables did not yet exercise.
 */
import { KUBE_DNS, NAMESPACE_NAME_LABEL, defaultDenyPolicySpec, defaultLimitRangeSpec, defaultQuotaHard, dnsEgressPolicySpec } from "../../../policy-pack/baseline/tenancy";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
import { T, inNs, tenantNs, vpcCni } from "../k8s/fixtures";

const policy = (spec: unknown, ns = "team-a", name = "p") => inNs(T.networkPolicy, name, ns, spec === undefined ? {} : { spec });
const quota = (spec: unknown, name = "q", ns: string = "team-a") => inNs(T.resourceQuota, name, ns, spec === undefined ? {} : { spec });
const limitRange = (spec: unknown) => inNs(T.limitRange, "limits", "team-a", spec === undefined ? {} : { spec });
const addon = (props: Record<string, unknown>, name = "vpc-cni") => resource(T.addon, name, { addonName: "vpc-cni", clusterName: "c", ...props });

/** The kube-dns peer exactly as NP-002 wants it. */
const kubeDns = { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS.namespace } }, podSelector: { matchLabels: { ...KUBE_DNS.podLabels } } };
/** Pods of another tenant namespace, named explicitly (not an open peer). */
const teamB = { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "team-b" } }, podSelector: {} };
/** An egress-only policy with one rule. */
const egress = (rule: Record<string, unknown>) => ({ podSelector: {}, policyTypes: ["Egress"], egress: [rule] });
/** An ingress-only policy with one rule. */
const ingress = (rule: Record<string, unknown>) => ({ podSelector: {}, policyTypes: ["Ingress"], ingress: [rule] });

const DNS_MSG = `spec.egress[0] allows port 53 to peers other than kube-dns (spec.egress[0].to must be kube-system/k8s-app=kube-dns only)`;
const DEFAULT_DENY_MSG = `tenant namespace "team-a" has no NetworkPolicy with spec.podSelector {}, spec.policyTypes ["Ingress", "Egress"] and no spec.ingress/spec.egress rules`;
const FULL = { cpu: "500m", memory: "512Mi" };

interface Row {
  readonly title: string;
  readonly rule: string;
  readonly target: StackResource | StackResource[];
  readonly config?: Partial<PackConfig>;
  /** `null` = no finding; otherwise exactly these messages (without the rule-id prefix), in order, at `level`. */
  readonly expect: null | { readonly level: "mandatory" | "advisory"; readonly messages: readonly string[] };
}

const mandatory = (...messages: string[]) => ({ level: "mandatory" as const, messages });
const advisory = (...messages: string[]) => ({ level: "advisory" as const, messages });

function run(rows: readonly Row[]): void {
  it.each(rows.map((r) => [r.title, r] as const))("%s", (_t, row) => {
    const vs = violationsOf(row.rule, row.target, row.config);
    if (row.expect === null) {
      expect(vs).toEqual([]);
      return;
    }
    expect(vs.map((v) => v.message)).toEqual(row.expect.messages.map((m) => `${row.rule}: ${m}`));
    for (const v of vs) expect(v.level).toBe(row.expect.level);
  });
}

describe("NP-001 tenant-default-deny: which specs are a default deny", () => {
  const stack = (spec: unknown) => [tenantNs("team-a"), policy(spec)];
  const both = { policyTypes: ["Ingress", "Egress"] };
  run([
    { title: "✔ podSelector omitted (selects every pod)", rule: "NP-001", target: stack({ ...both }), expect: null },
    { title: "✔ podSelector null (selects every pod)", rule: "NP-001", target: stack({ podSelector: null, ...both }), expect: null },
    { title: "✔ matchLabels null and matchExpressions []", rule: "NP-001", target: stack({ podSelector: { matchLabels: null, matchExpressions: [] }, ...both }), expect: null },
    { title: "✔ matchExpressions null", rule: "NP-001", target: stack({ podSelector: { matchExpressions: null }, ...both }), expect: null },
    { title: "✔ ingress and egress null (no allow rules)", rule: "NP-001", target: stack({ podSelector: {}, ...both, ingress: null, egress: null }), expect: null },
    { title: "✘ podSelector with a matchExpressions term selects only some pods", rule: "NP-001", target: stack({ podSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] }, ...both }), expect: mandatory(DEFAULT_DENY_MSG) },
    { title: "✘ podSelector that is not a label selector is not select-all", rule: "NP-001", target: stack({ podSelector: "*", ...both }), expect: mandatory(DEFAULT_DENY_MSG) },
    { title: "✘ a NetworkPolicy without spec", rule: "NP-001", target: stack(undefined), expect: mandatory(DEFAULT_DENY_MSG) },
    { title: "✘ a NetworkPolicy with spec null", rule: "NP-001", target: stack(null), expect: mandatory(DEFAULT_DENY_MSG) },
  ]);
  it("a tenant namespace whose labels are unknown at preview is deferred (advisory naming metadata.labels)", () => {
    const ns = previewed(resource(T.namespace, "team-a", { metadata: { name: "team-a", labels: sdkProxy.unknownObjectValue } }));
    const vs = violationsOf("NP-001", [ns]);
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("advisory");
    expect(vs[0].message).toContain("cannot verify metadata.labels");
    expect(vs[0].urn).toBe(ns.urn);
  });
});

describe("NP-002 netpol-no-open-peers: open peers and DNS scope", () => {
  const np = (spec: unknown) => policy(spec);
  run([
    // Open peers, both directions, both address families; the message names the path and the CIDR.
    { title: "✘ egress to ::/0 names the path and the CIDR", rule: "NP-002", target: np(egress({ to: [{ ipBlock: { cidr: "::/0" } }] })), expect: advisory(`spec.egress[0].to[0].ipBlock.cidr is "::/0" (any address)`) },
    { title: "✘ ingress from 0.0.0.0/0 with except is still any address", rule: "NP-002", target: np(ingress({ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] })), expect: advisory(`spec.ingress[0].from[0].ipBlock.cidr is "0.0.0.0/0" (any address)`) },
    { title: "✔ ingress from a private range", rule: "NP-002", target: np(ingress({ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] })), expect: null },
    { title: "✘ egress namespaceSelector {} alone, second peer: index named", rule: "NP-002", target: np(egress({ to: [teamB, { namespaceSelector: {} }] })), expect: advisory(`spec.egress[0].to[1].namespaceSelector is {} with no podSelector (every pod of every namespace)`) },
    { title: "✘ namespaceSelector null (select all) with no podSelector", rule: "NP-002", target: np(ingress({ from: [{ namespaceSelector: null }] })), expect: advisory(`spec.ingress[0].from[0].namespaceSelector is {} with no podSelector (every pod of every namespace)`) },
    { title: "✘ namespaceSelector {} with podSelector left undefined", rule: "NP-002", target: np(ingress({ from: [{ namespaceSelector: {}, podSelector: undefined }] })), expect: advisory(`spec.ingress[0].from[0].namespaceSelector is {} with no podSelector (every pod of every namespace)`) },
    { title: "✔ podSelector {} alone (own namespace only)", rule: "NP-002", target: np(ingress({ from: [{ podSelector: {} }] })), expect: null },
    // DNS: which ports count as 53, and which peers are kube-dns.
    { title: "✘ DNS to kube-dns pods of the policy's own namespace (no namespaceSelector)", rule: "NP-002", target: np(egress({ to: [{ podSelector: kubeDns.podSelector }], ports: [{ protocol: "UDP", port: 53 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ DNS to k8s-app=kube-dns pods in any namespace (namespaceSelector {})", rule: "NP-002", target: np(egress({ to: [{ namespaceSelector: {}, podSelector: kubeDns.podSelector }], ports: [{ port: 53 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ DNS to k8s-app=kube-dns pods of another namespace", rule: "NP-002", target: np(egress({ to: [{ namespaceSelector: teamB.namespaceSelector, podSelector: kubeDns.podSelector }], ports: [{ port: 53 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ DNS to kube-dns and to another peer: the extra peer is flagged", rule: "NP-002", target: np(egress({ to: [kubeDns, teamB], ports: [{ port: 53 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ DNS with to: null (any destination)", rule: "NP-002", target: np(egress({ to: null, ports: [{ port: 53 }] })), expect: advisory(DNS_MSG) },
    { title: `✘ port "53" as a string`, rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: "53" }] })), expect: advisory(DNS_MSG) },
    { title: "✘ range 50..60 includes 53", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 50, endPort: 60 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ range 53..53 (edge)", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 53, endPort: 53 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ range 40..53 ends on 53", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 40, endPort: 53 }] })), expect: advisory(DNS_MSG) },
    { title: "✘ port 53 with an endPort that is not a port number (no range)", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 53, endPort: "dns" }] })), expect: advisory(DNS_MSG) },
    { title: "✘ port 53 with endPort null (no range)", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 53, endPort: null }] })), expect: advisory(DNS_MSG) },
    { title: "✔ range 54..60 starts after 53", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 54, endPort: 60 }] })), expect: null },
    { title: "✔ range 40..52 ends before 53", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ port: 40, endPort: 52 }] })), expect: null },
    { title: "✔ port 443 to a named peer", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ protocol: "TCP", port: 443 }] })), expect: null },
    { title: "✔ a named port (not a DNS port number)", rule: "NP-002", target: np(egress({ to: [teamB], ports: [{ protocol: "TCP", port: "metrics" }] })), expect: null },
    { title: "✔ DNS to kube-dns only (baseline policy)", rule: "NP-002", target: np(dnsEgressPolicySpec()), expect: null },
    {
      title: "✘ several findings in one policy: ingress, egress peer and DNS, each with its index",
      rule: "NP-002",
      target: np({
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }, { from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }],
        egress: [{ to: [kubeDns], ports: [{ port: 53 }] }, { to: [{ ipBlock: { cidr: "::/0" } }], ports: [{ port: 53 }] }],
      }),
      expect: advisory(
        `spec.ingress[1].from[0].ipBlock.cidr is "0.0.0.0/0" (any address)`,
        `spec.egress[1].to[0].ipBlock.cidr is "::/0" (any address)`,
        DNS_MSG.replace(/\[0\]/g, "[1]"),
      ),
    },
    // Malformed entries (e.g. from a conditional in the program) are skipped and never crash the pack.
    { title: "✔ null ingress rule and null / non-object peers", rule: "NP-002", target: np({ podSelector: {}, ingress: [null, { from: [null, "10.0.0.0/8"] }] }), expect: null },
    { title: "✔ null egress rule and null port entry", rule: "NP-002", target: np({ podSelector: {}, egress: [null, { to: [teamB], ports: [null] }] }), expect: null },
    { title: "✘ DNS to a null peer", rule: "NP-002", target: np(egress({ to: [null], ports: [{ port: 53 }] })), expect: advisory(DNS_MSG) },
  ]);
  it("the DNS finding tells how to scope the rule to kube-dns", () => {
    const vs = violationsOf("NP-002", np(egress({ to: [teamB], ports: [{ port: 53 }] })));
    expect(vs).toHaveLength(1);
    expect(vs[0].remediation).toBe(
      `Set spec.egress[0].to to [{namespaceSelector: {matchLabels: {"${NAMESPACE_NAME_LABEL}": "kube-system"}}, podSelector: {matchLabels: {"k8s-app": "kube-dns"}}}].`,
    );
  });
  it("unknown egress rules at preview are deferred (advisory naming spec.ingress / spec.egress)", () => {
    const vs = violationsOf("NP-002", previewed(np({ podSelector: {}, egress: sdkProxy.unknownArrayValue })));
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify spec.ingress / spec.egress");
  });
});

describe("NP-003 network-policy-enforced: how the vpc-cni add-on enables enforcement", () => {
  const np = policy(defaultDenyPolicySpec());
  const NOT_ENABLED = `configurationValues of the vpc-cni add-on does not set enableNetworkPolicy to "true": NetworkPolicies are not enforced`;
  const NO_ADDON = `the stack has NetworkPolicies or tenant namespaces but no aws:eks/addon:Addon with addonName "vpc-cni" (and config networkPolicyProvider is empty): policies would not be enforced`;
  run([
    { title: "✔ configurationValues given as an object with \"true\"", rule: "NP-003", target: [np, addon({ configurationValues: { enableNetworkPolicy: "true" } })], expect: null },
    { title: "✔ JSON with other settings too", rule: "NP-003", target: [np, addon({ configurationValues: JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: "true" }, enableNetworkPolicy: "true" }) })], expect: null },
    { title: "✘ boolean true (the add-on schema wants the string \"true\")", rule: "NP-003", target: [np, addon({ configurationValues: JSON.stringify({ enableNetworkPolicy: true }) })], expect: mandatory(NOT_ENABLED) },
    { title: "✘ configurationValues that is not JSON", rule: "NP-003", target: [np, addon({ configurationValues: "enableNetworkPolicy: true" })], expect: mandatory(NOT_ENABLED) },
    { title: "✘ configurationValues JSON null", rule: "NP-003", target: [np, addon({ configurationValues: "null" })], expect: mandatory(NOT_ENABLED) },
    { title: "✘ only another add-on sets enableNetworkPolicy", rule: "NP-003", target: [np, addon({ addonName: "coredns", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) }, "coredns")], expect: mandatory(NO_ADDON) },
    {
      title: "✘ a component resource with vpc-cni inputs is not the aws:eks/addon:Addon",
      rule: "NP-003",
      target: [np, resource("eks:index:Addon", "vpc-cni", { addonName: "vpc-cni", configurationValues: { enableNetworkPolicy: "true" } })],
      expect: mandatory(NO_ADDON),
    },
    { title: "✔ a second vpc-cni add-on enables it", rule: "NP-003", target: [np, addon({}, "old"), vpcCni], expect: null },
    { title: "✔ tenant stack with the enabled add-on", rule: "NP-003", target: [tenantNs("team-a"), vpcCni], expect: null },
    { title: "✔ another CNI named in config, no add-on", rule: "NP-003", target: [tenantNs("team-a")], config: { networkPolicyProvider: "cilium" }, expect: null },
  ]);
  it("the finding on the add-on says how to set configurationValues", () => {
    const off = addon({});
    const vs = violationsOf("NP-003", [np, off]);
    expect(vs).toHaveLength(1);
    expect(vs[0].urn).toBe(off.urn);
    expect(vs[0].remediation).toBe(`Set configurationValues to JSON.stringify({enableNetworkPolicy: "true"}) on the vpc-cni add-on.`);
  });
  it.each([
    ["addonName", { addonName: sdkProxy.unknownStringValue }],
    ["configurationValues", { configurationValues: sdkProxy.unknownStringValue }],
  ] as const)("an unknown %s at preview is deferred (advisory naming it), never mandatory", (field, props) => {
    const a = previewed(addon(props));
    const vs = violationsOf("NP-003", [np, a]);
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("advisory");
    expect(vs[0].message).toContain(`cannot verify ${field} at preview`);
    expect(vs[0].urn).toBe(a.urn);
  });
});

describe("QT-001/QT-003 presence: messages and preview", () => {
  run([
    { title: "QT-001 ✘ names the missing kind, its type and the namespace", rule: "QT-001", target: [tenantNs("team-a")], expect: mandatory(`tenant namespace "team-a" has no ResourceQuota (no ${T.resourceQuota} with metadata.namespace "team-a")`) },
    { title: "QT-003 ✘ names the missing kind, its type and the namespace", rule: "QT-003", target: [tenantNs("team-a")], expect: mandatory(`tenant namespace "team-a" has no LimitRange (no ${T.limitRange} with metadata.namespace "team-a")`) },
  ]);
  it.each(["QT-001", "QT-003"])("%s a tenant namespace whose labels are unknown is deferred (advisory naming metadata.labels)", (rule) => {
    const vs = violationsOf(rule, [previewed(resource(T.namespace, "team-a", { metadata: { name: "team-a", labels: sdkProxy.unknownObjectValue } }))]);
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify metadata.labels");
  });
  it.each([
    ["QT-001", T.resourceQuota],
    ["QT-003", T.limitRange],
  ])("%s an object whose namespace is unknown is deferred (advisory naming metadata.namespace), no mandatory", (rule, type) => {
    const obj = previewed(inNs(type, "x", sdkProxy.unknownStringValue, { spec: {} }));
    const vs = violationsOf(rule, [tenantNs("team-a"), obj]);
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify metadata.namespace");
    expect(vs[0].urn).toBe(obj.urn);
  });
});

describe("QT-002 resourcequota-covers-compute: which quotas count and what the finding says", () => {
  const ns = tenantNs("team-a");
  const compute = defaultQuotaHard();
  const lacksAll = `spec.hard of the unscoped ResourceQuotas in tenant namespace "team-a" lacks "requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "pods"`;
  run([
    { title: "✔ scopes: [] is an unscoped quota", rule: "QT-002", target: [ns, quota({ hard: compute, scopes: [] })], expect: null },
    { title: "✔ scopeSelector null is an unscoped quota", rule: "QT-002", target: [ns, quota({ hard: compute, scopeSelector: null })], expect: null },
    { title: "✘ a ResourceQuota without spec", rule: "QT-002", target: [ns, quota(undefined)], expect: mandatory(lacksAll) },
    { title: "✘ a ResourceQuota without spec.hard", rule: "QT-002", target: [ns, quota({})], expect: mandatory(lacksAll) },
    { title: "✘ spec.hard null", rule: "QT-002", target: [ns, quota({ hard: null })], expect: mandatory(lacksAll) },
    {
      title: "✘ lists every missing key, comma-separated",
      rule: "QT-002",
      target: [ns, quota({ hard: { "requests.cpu": "1", "requests.memory": "1Gi", pods: "10" } })],
      expect: mandatory(`spec.hard of the unscoped ResourceQuotas in tenant namespace "team-a" lacks "limits.cpu", "limits.memory"`),
    },
    {
      title: "✘ config requiredQuotaKeys are required too (and listed after the compute keys)",
      rule: "QT-002",
      target: [ns, quota({ hard: { pods: "10", "limits.cpu": "1", "limits.memory": "1Gi", "requests.cpu": "1", "requests.memory": "1Gi", "services.nodeports": "0" } })],
      config: { requiredQuotaKeys: ["services.nodeports", "services.loadbalancers", "count/secrets"] },
      expect: mandatory(`spec.hard of the unscoped ResourceQuotas in tenant namespace "team-a" lacks "services.loadbalancers", "count/secrets"`),
    },
    { title: "✔ config keys present on a second unscoped quota", rule: "QT-002", target: [ns, quota({ hard: compute }), quota({ hard: { "services.loadbalancers": "0" } }, "lb")], config: { requiredQuotaKeys: ["services.loadbalancers"] }, expect: null },
    { title: "✔ quotas of a non-tenant namespace are not judged", rule: "QT-002", target: [quota({ hard: { pods: "1" } }, "q", "platform")], expect: null },
  ]);
  it("the remediation names each missing spec.hard key and the namespace", () => {
    const vs = violationsOf("QT-002", [ns, quota({ hard: { "requests.cpu": "1", "requests.memory": "1Gi", pods: "10" } })]);
    expect(vs).toHaveLength(1);
    expect(vs[0].remediation).toBe(`Add spec.hard["limits.cpu"], spec.hard["limits.memory"] to an unscoped ResourceQuota in "team-a".`);
  });
  it("a quota whose namespace is unknown defers the namespace's verdict: advisory only, no mandatory", () => {
    const unknownNs = previewed(inNs(T.resourceQuota, "later", sdkProxy.unknownStringValue, { spec: { hard: compute } }));
    const vs = violationsOf("QT-002", [ns, quota({ hard: { pods: "10" } }), unknownNs]);
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify metadata.namespace");
    expect(vs[0].urn).toBe(unknownNs.urn);
  });
  it("an unknown spec.hard is deferred (advisory naming spec.hard / spec.scopes), no mandatory", () => {
    const q = previewed(quota({ hard: sdkProxy.unknownObjectValue }));
    const vs = violationsOf("QT-002", [ns, q]);
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify spec.hard / spec.scopes");
    expect(vs[0].urn).toBe(q.urn);
  });
});

describe("QT-004 limitrange-container-defaults: which LimitRange items count", () => {
  const MSG = `spec.limits has no item with type "Container" whose default and defaultRequest both set cpu and memory`;
  run([
    { title: "✘ a LimitRange without spec", rule: "QT-004", target: limitRange(undefined), expect: mandatory(MSG) },
    { title: "✘ spec without limits", rule: "QT-004", target: limitRange({}), expect: mandatory(MSG) },
    { title: "✘ default null", rule: "QT-004", target: limitRange({ limits: [{ type: "Container", default: null, defaultRequest: FULL }] }), expect: mandatory(MSG) },
    { title: "✘ default without cpu", rule: "QT-004", target: limitRange({ limits: [{ type: "Container", default: { memory: "512Mi" }, defaultRequest: FULL }] }), expect: mandatory(MSG) },
    { title: "✘ defaultRequest without memory", rule: "QT-004", target: limitRange({ limits: [{ type: "Container", default: FULL, defaultRequest: { cpu: "100m" } }] }), expect: mandatory(MSG) },
    { title: "✔ a Container item next to a Pod item", rule: "QT-004", target: limitRange({ limits: [{ type: "Pod", max: FULL }, ...defaultLimitRangeSpec().limits] }), expect: null },
    { title: "✔ a null item is skipped", rule: "QT-004", target: limitRange({ limits: [null, { type: "Container", default: FULL, defaultRequest: FULL }] }), expect: null },
  ]);
  it("unknown limits at preview are deferred (advisory naming spec.limits)", () => {
    const vs = violationsOf("QT-004", previewed(limitRange({ limits: sdkProxy.unknownArrayValue })));
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify spec.limits");
  });
});

