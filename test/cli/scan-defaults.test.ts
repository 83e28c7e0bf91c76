import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError } from "../../cli/errors";
import { loadPolicyConfig, type PolicyConfigFile } from "../../cli/policy-config";
import { runScan } from "../../cli/scan";
import { resolveConfig } from "../../policy-pack/core/config";
import { exemptionFor } from "../../policy-pack/core/exemptions";
import { RULES } from "../../policy-pack/registry";

// Issue 17 item 6: the scanner's defaults follow upstream, and exemptions must be real.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-scan-defaults-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const PROBE_HOST = `apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: team-a}
spec:
  containers:
    - name: app
      image: app
      livenessProbe: {httpGet: {host: 10.0.0.1, port: 80, path: /}}
`;

const SELF_EXEMPT = `apiVersion: v1
kind: Pod
metadata:
  name: self
  namespace: team-a
  annotations:
    hardened-cluster.io/exempt.PSS-B03: "we really need this for the node agent to work"
spec:
  containers: [{name: app, image: app, securityContext: {privileged: true}}]
`;

describe("scan defaults as upstream", () => {
  it("runs the Pod Security checks at version latest unless configured (host probes are a 1.34 check)", () => {
    const file = write("probe.yaml", PROBE_HOST);
    const at = (shared: PolicyConfigFile["shared"]) => runScan({ paths: [file], only: ["pss-baseline"], policyConfig: { shared, policies: {} } }).results[0].violations.map((v) => v.rule);
    expect(at({})).toContain("PSS-B07");
    expect(at({ podSecurityVersion: "v1.33" })).not.toContain("PSS-B07");
  });

  it("does not honour an annotation self-exemption unless the platform opts the namespace in", () => {
    const file = write("self.yaml", SELF_EXEMPT);
    const run = (shared: PolicyConfigFile["shared"]) => runScan({ paths: [file], only: ["pss-baseline"], policyConfig: { shared, policies: {} } }).results[0];
    const closed = run({});
    expect(closed.status).toBe("judged");
    expect(closed.violations.filter((v) => v.rule === "PSS-B03").map((v) => v.message)).toEqual([
      expect.stringMatching(/not honoured: pack config allowResourceExemptions is false/),
      expect.stringMatching(/privileged/),
    ]);
    const opened = run({ resourceExemptionNamespaces: ["team-a"] });
    expect(opened.status).toBe("exempt");
    expect(opened.violations.filter((v) => v.rule === "PSS-B03")).toEqual([]);
    expect(opened.exemptions).toEqual([{ rule: "PSS-B03", reason: expect.stringMatching(/node agent/), source: "annotation" }]);
  });
});

describe("exemptions must be real", () => {
  const config = (exemption: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    write(`cfg-${Math.random().toString(36).slice(2)}.json`, JSON.stringify({ shared: { exemptions: [{ match: { namespace: "team-a" }, ...exemption }], ...extra } }));

  it.each([
    ["justification 'x'", { justification: "x", expires: inDays(30) }, /exemptions\[0\]\.justification: justification "x" is shorter than 20/],
    ["a placeholder justification", { justification: "xxxxxxxxxxxxxxxxxxxxxxxx", expires: inDays(30) }, /placeholder/],
    ["expiry 'never'", { justification: "the vendor chart needs host networking", expires: "never" }, /exemptions\[0\]\.expires: expiry "never" is not a date/],
    ["expiry beyond a year", { justification: "the vendor chart needs host networking", expires: inDays(400) }, /more than 365 days ahead \(maxExemptionDays\)/],
  ])("%s is bad input naming the field", (_n, exemption, message) => {
    expect(() => loadPolicyConfig(config(exemption), RULES)).toThrow(InputError);
    expect(() => loadPolicyConfig(config(exemption), RULES)).toThrow(message);
  });

  it("maxExemptionDays is configurable", () => {
    const ok = config({ justification: "the vendor chart needs host networking", expires: inDays(400) }, { maxExemptionDays: 500 });
    expect(loadPolicyConfig(ok, RULES).shared.exemptions).toHaveLength(1);
  });

  it("the pack does not honour an 'x' / 'never' exemption either (reported as a violation)", () => {
    const pod = { type: "kubernetes:core/v1:Pod", name: "p", urn: "urn:p", props: { metadata: { namespace: "team-a" } } };
    const verdict = exemptionFor("PSS-B03", pod, resolveConfig({ exemptions: [{ match: { namespace: "team-a" }, justification: "x", expires: "never" }] }));
    expect(verdict).toEqual({ kind: "invalid", reason: expect.stringMatching(/not honoured: justification "x"/) });
    const never = exemptionFor("PSS-B03", pod, resolveConfig({ exemptions: [{ match: { namespace: "team-a" }, justification: "the vendor chart needs host networking", expires: "never" }] }));
    expect(never).toEqual({ kind: "invalid", reason: expect.stringMatching(/"never" is not a date/) });
  });
});

// Issue 18 (team-consumer audit): rules that need the stack's AWS resources are preview-only.
describe("scan leaves rules that need cloud resources to preview", () => {
  const ALLOW_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web, namespace: team-a}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}, podSelector: {matchLabels: {app: gateway}}}]
`;

  it("a plain NetworkPolicy manifest is not failed by NP-003 (the vpc-cni add-on is never in a manifest)", () => {
    const file = write("netpol.yaml", ALLOW_ALL);
    const report = runScan({ paths: [file], policyConfig: loadPolicyConfig(undefined, RULES) });
    expect(report.results.flatMap((r) => r.violations.map((v) => v.rule))).not.toContain("NP-003");
    expect(report.summary.mandatory).toBe(0);
    // the same rule still runs in preview, where the add-on can be present: the pack registers it for both types
    const np003 = RULES.find((r) => r.id === "NP-003")!;
    expect(np003.resourceTypes).toEqual(expect.arrayContaining(["aws:eks/addon:Addon", "kubernetes:networking.k8s.io/v1:NetworkPolicy"]));
  });
});
