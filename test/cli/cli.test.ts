import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { FIXTURES, ROOT, runCli } from "./run-cli";

// Integration tests: they spawn `node bin/hardened-cluster.js` as a user would. Kept few.
const program = path.join(FIXTURES, "program");
const yamlDir = path.join(FIXTURES, "yaml");

describe("hardened-cluster bad input", () => {
  it.concurrent.each([
    [["scan", "--bogus", "x.yaml"], /unknown flag --bogus/],
    [["scan", "--only", "no-such-group", yamlDir], /unknown --only group 'no-such-group': use one or more of /],
    [["preview", "--program", program, "--stack", "nope"], /unknown stack 'nope'/],
    [["preview", "--program", program, "--stack", "badtype"], /cli-fixture:cluster.*not a valid JSON object/],
    [["preview", "--program", path.join(FIXTURES, "yaml")], /no Pulumi\.yaml found/],
  ])("%j exits 2 with one line naming the input", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("hardened-cluster preview --program (fixture program, real pack)", () => {
  it("exits 1 on EKS-001 and writes JSON, SARIF and Markdown reports", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "hc-preview-"));
    const [json, sarif, md] = ["out.json", "out.sarif", "out.md"].map((f) => path.join(out, f));
    const run = await runCli(["preview", "--program", program, "--stack", "test", "--json", json, "--sarif", sarif, "--markdown", md]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/EKS-001/);
    expect(run.stdout).toMatch(/Fix: /);

    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(report.stack).toBe("test");
    expect(report.summary).toEqual({ resources: 3, mandatory: expect.any(Number), advisory: expect.any(Number), unverified: 0, seconds: expect.any(Number) });
    expect(report.unverified).toEqual([]);
    // secure: values are secrets that cannot be decrypted offline: mocked as secrets, and said so
    expect(report.notes).toEqual([expect.stringMatching(/1 secure config value\(s\) \(cli-fixture:token\) cannot be decrypted offline/)]);
    expect(run.stdout).toMatch(/note: 1 secure config value/);
    const cluster = report.resources.find((r: any) => r.type === "aws:eks/cluster:Cluster");
    expect(cluster).toMatchObject({ name: "platform-cluster", protect: false, parent: expect.stringContaining("cli-fixture:index:Platform") });
    // config from the stack file and StackReference outputs from .hardened-cluster/stack-outputs reach the inputs
    expect(cluster.inputs.vpcConfig.endpointPrivateAccess).toBe(false);
    expect(cluster.inputs.tags["fixture/vpc"]).toBe("vpc-from-platform");
    const v = report.violations.find((x: any) => x.rule === "EKS-001");
    expect(Object.keys(v).sort()).toEqual(["level", "message", "name", "remediation", "rule", "urn"]);
    expect(v).toMatchObject({ level: "mandatory", urn: cluster.urn });
    expect(Array.isArray(report.exemptions)).toBe(true);

    // where the program declared the cluster (issue 18.1): the line of `new aws.eks.Cluster(` in index.ts
    const declared = fs.readFileSync(path.join(program, "index.ts"), "utf8").split("\n").findIndex((l) => l.includes("new aws.eks.Cluster(")) + 1;
    expect(cluster.sourcePosition).toEqual({ uri: pathToFileURL(path.join(program, "index.ts")).href, line: declared });
    expect(report.resources.find((r: any) => r.type === "pulumi:pulumi:Stack").sourcePosition).toBeNull();

    const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
    const result = log.runs[0].results.find((r: any) => r.ruleId === "EKS-001");
    expect(result.level).toBe("error");
    expect(result.locations[0].logicalLocations[0]).toMatchObject({ fullyQualifiedName: cluster.urn, kind: "resource" });
    // GitHub code scanning needs a physical location relative to the repository root
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "test/cli/fixtures/program/index.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: declared },
    });
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(pathToFileURL(ROOT).href.replace(/\/?$/, "/"));
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe("test/cli/fixtures/program/index.ts");
    expect(log.runs[0].tool.driver).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), informationUri: expect.stringMatching(/^https:\/\//) });
    for (const rule of log.runs[0].tool.driver.rules) expect(rule.helpUri).toMatch(/^https?:\/\/\S+$/);

    const markdown = fs.readFileSync(md, "utf8");
    expect(markdown).toMatch(/\| EKS-001 \| eks-private-endpoint-enabled \| mandatory \| 1 \|/);
    // the root stack (as the engine registers it) parents the component
    expect(markdown).toMatch(/```mermaid\nflowchart TD\n {2}c0\["cli-fixture-test<br\/>pulumi:pulumi:Stack<br\/>0 resources"\]\n {2}c1\["platform<br\/>cli-fixture:index:Platform<br\/>1 resource"\]/);
  });

  it("--quiet prints only the summary line and EKS-001 is gone when the stack enables the private endpoint", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-preview-")), "clean.json");
    const run = await runCli(["preview", "--program", program, "--stack", "clean", "--quiet", "--json", out]);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/^(PASSED|FAILED): 3 resources/);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).violations.map((v: any) => v.rule)).not.toContain("EKS-001");
  });
});

describe("hardened-cluster preview from a program folder (issue 18.2)", () => {
  it("runs the program of the current directory and takes --stack org/project/stack as a stack name", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-preview-")), "cwd.json");
    const run = await runCli(["preview", "--stack", "acme/cli-fixture/clean", "--quiet", "--json", out], undefined, program);
    expect(run.stderr).toBe("");
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(report).toMatchObject({ project: "cli-fixture", stack: "clean" });
    expect(report.resources.find((r: any) => r.type === "aws:eks/cluster:Cluster").inputs.vpcConfig.endpointPrivateAccess).toBe(true);
  });
});

describe("hardened-cluster scan", () => {
  it("reads stdin with '-' and exits 1 on a privileged pod (PSS-B03)", async () => {
    const run = await runCli(["scan", "--only", "pss-restricted", "--format", "json", "-"], fs.readFileSync(path.join(yamlDir, "privileged-pod.yaml"), "utf8"));
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.results[0]).toMatchObject({ file: "<stdin>", kind: "Pod", namespace: "team-a", name: "privileged" });
    expect(json.results[0].violations.map((v: any) => v.rule)).toContain("PSS-B03");
  });

  it("exits 0 on a restricted pod and 2 when an input cannot be parsed", async () => {
    const clean = await runCli(["scan", "--only", "pss-restricted", path.join(yamlDir, "restricted-pod.yaml")]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/PASSED: 1 object scanned/);
    const broken = await runCli(["scan", "--format", "json", path.join(FIXTURES, "yaml-broken")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+: /);
    expect(JSON.parse(broken.stdout).results.some((r: any) => r.kind === "Pod")).toBe(true);
  });
});
