import * as path from "path";
import { ConfigError, parsePlatformConfig } from "../../../infra/config";
import { parseInClusterConfig } from "../../../infra/in-cluster/config";
import { ingressIssues } from "../../../infra/schema-ingress";
import { loadStackConfig } from "../../infra/stack-config";
import { runCli } from "../../cli/run-cli";

/** dev's config with `hardened-cluster:ingress` (and optionally other keys) replaced. */
function devWith(ingress: unknown, extra: Record<string, unknown> = {}): Record<string, string> {
  const config: Record<string, string> = { ...loadStackConfig("dev"), "hardened-cluster:ingress": JSON.stringify(ingress) };
  for (const [k, v] of Object.entries(extra)) config[`hardened-cluster:${k}`] = JSON.stringify(v);
  return config;
}

function issuesOf(config: Record<string, string>): { key: string; message: string; fix: string }[] {
  try {
    parsePlatformConfig(config);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues];
    throw e;
  }
}

const ok = { enabled: true, targetPorts: [8080, 8443], tenants: [{ tenant: "storefront", ports: [8080] }] };

describe("hardened-cluster:ingress: bad config is named before any resource registers", () => {
  test("the committed dev, staging and prod configs are valid", () => {
    for (const stack of ["dev", "staging", "prod"] as const) expect(issuesOf(loadStackConfig(stack))).toEqual([]);
    expect(issuesOf(devWith(ok))).toEqual([]);
  });

  test.each([
    ["unknown tenant", { ...ok, tenants: [{ tenant: "nobody", ports: [8080] }] }, "hardened-cluster:ingress.tenants[0].tenant", /unknown tenant "nobody"/],
    ["port out of range", { ...ok, tenants: [{ tenant: "storefront", ports: [70000] }] }, "hardened-cluster:ingress.tenants[0].ports[0]", /1-65535/],
    ["target port out of range", { ...ok, targetPorts: [0] }, "hardened-cluster:ingress.targetPorts[0]", /1-65535/],
    ["port the pod SG does not open", { ...ok, tenants: [{ tenant: "storefront", ports: [9090] }] }, "hardened-cluster:ingress.tenants[0].ports[0]", /not one of ingress.targetPorts/],
    ["internet-facing without justification", { ...ok, internetFacing: { justification: "Public storefront for customers on the internet" }, tenants: [{ tenant: "storefront", ports: [8080], scheme: "internet-facing" }] }, "hardened-cluster:ingress.tenants[0].justification", /required with scheme internet-facing/],
    ["internet-facing not allowed by the stack", { ...ok, tenants: [{ tenant: "storefront", ports: [8080], scheme: "internet-facing", justification: "Public storefront for customers on the internet" }] }, "hardened-cluster:ingress.tenants[0].scheme", /not allowed/],
    ["internet-facing for a sensitive tenant", { ...ok, internetFacing: { justification: "Public storefront for customers on the internet" }, tenants: [{ tenant: "payments", ports: [8080], scheme: "internet-facing", justification: "Card payments callback from the processor" }] }, "hardened-cluster:ingress.tenants[0].scheme", /sensitive/],
    ["declarations while the controller is off", { ...ok, enabled: false }, "hardened-cluster:ingress.tenants[0]", /not installed/],
    ["unknown field", { ...ok, ports: [8080] }, "hardened-cluster:ingress", /ports/],
  ])("%s", (_what, ingress, key, message) => {
    const issues = issuesOf(devWith(ingress));
    const issue = issues.find((i) => i.key === key);
    expect(issue).toBeDefined();
    expect(`${issue!.message} ${issue!.fix}`).toMatch(message);
    expect(issue!.fix.length).toBeGreaterThan(10);
  });

  test("an out-of-range port is named once (by its range), not again as a port the pod SG does not open", () => {
    const issues = issuesOf(devWith({ ...ok, tenants: [{ tenant: "storefront", ports: [70000, 9090] }] }));
    expect(issues.map((i) => `${i.key}: ${i.message}`)).toEqual([
      "hardened-cluster:ingress.tenants[0].ports[0]: must be a port 1-65535",
      expect.stringMatching(/^hardened-cluster:ingress\.tenants\[0\]\.ports\[1\]: port 9090 is not one of ingress\.targetPorts/),
    ]);
  });

  test("the controller's webhook port must be an enabled addonPorts entry on 9443", () => {
    const issues = issuesOf(devWith(ok, { addonPorts: [] }));
    expect(issues.map((i) => i.key)).toEqual(["hardened-cluster:addonPorts"]);
    expect(issues[0].fix).toMatch(/aws-load-balancer-controller.*9443/);
  });

  test("split layout: tenant declarations in the AWS stack are refused (they belong to the in-cluster stack)", () => {
    const config = { ...loadStackConfig("staging"), "hardened-cluster:ingress": JSON.stringify({ enabled: true, targetPorts: [8080], tenants: [{ tenant: "storefront", ports: [8080] }] }) };
    const issues = issuesOf(config);
    expect(issues.map((i) => i.key)).toEqual(["hardened-cluster:ingress.tenants"]);
    expect(issues[0].fix).toMatch(/infra\/in-cluster\/stacks\/Pulumi.staging.yaml/);
  });

  test("in-cluster stack: declarations are checked against the AWS stack's exported ingress (named with the AWS stack)", () => {
    const allowance = { enabled: true, targetPorts: [8080], internetFacingAllowed: false, privateOnly: true };
    const tenants = [{ name: "storefront", tier: "standard" }];
    expect(ingressIssues([{ tenant: "storefront", ports: [8080], scheme: "internal" }], tenants, allowance)).toEqual([]);
    const [issue] = ingressIssues([{ tenant: "storefront", ports: [8443], scheme: "internal" }], tenants, allowance, ["ingress"], "acme/hardened-cluster/prod");
    expect(issue.path).toEqual(["ingress", "tenants", 0, "ports", 0]);
    expect(issue.fix).toMatch(/of the AWS stack acme\/hardened-cluster\/prod/);
    const privateOnly = ingressIssues([{ tenant: "storefront", ports: [8080], scheme: "internet-facing", justification: "Public storefront for customers on the internet" }], tenants, { ...allowance, internetFacingAllowed: true });
    expect(privateOnly.map((i) => i.message)).toEqual([expect.stringMatching(/privateOnly/)]);
    expect(() => parseInClusterConfig({ "hardened-cluster:platformStack": "a/b/c", "hardened-cluster:ingress": JSON.stringify({ tenants: [{ tenant: "x", ports: [-1] }] }) })).toThrow(/hardened-cluster:ingress.tenants\[0\].ports\[0\]/);
  });

  test("the real command exits 2 naming the path of an unknown tenant, before any resource", async () => {
    const run = await runCli(["preview", "--stack", path.join("test", "components", "ingress", "bad-stacks", "ingress-unknown-tenant.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/hardened-cluster:ingress\.tenants\[0\]\.tenant: unknown tenant "storfront"/);
    expect(run.stdout).not.toMatch(/aws:eks\/cluster:Cluster/);
  }, 240_000);
});
