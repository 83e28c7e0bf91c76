import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FINGERPRINT_KEY } from "../../cli/report/sarif";
import { projectHomepage, ruleAnchor } from "../../cli/report/rule-help";
import { codeScanningProblems, SARIF_SCHEMA_FILE, SARIF_SCHEMA_SHA256, sarifSchemaErrors, sarifSchemaHash } from "../support/sarif-schema";
import { FIXTURES, ROOT, runCli } from "./run-cli";

// Issue 18.1/18.5: every SARIF the CLI writes validates against the official OASIS SARIF 2.1.0 schema and
// meets GitHub code scanning's upload requirements (a relative, %SRCROOT%-based physical location per result).

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string; homepage?: string; repository?: { url?: string } };
const rulesDoc = fs.readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8");
const program = path.join(FIXTURES, "program");
const fidelity = (name: string) => path.join(ROOT, "test", "fidelity", "fixtures", name);
const tmp = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-sarif-")), name);
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

/** Checks every SARIF log must pass: the schema, code scanning, the tool and rule metadata. */
function expectUploadable(log: any): void {
  expect(sarifSchemaErrors(log)).toEqual([]);
  expect(codeScanningProblems(log)).toEqual([]);
  const driver = log.runs[0].tool.driver;
  expect(driver.name).toBe("hardened-cluster");
  expect(driver.version).toBe(pkg.version);
  expect(driver.informationUri).toBe(projectHomepage());
  expect(driver.informationUri).toMatch(/^https:\/\/github\.com\/[^/]+\/hardened-cluster$/);
  expect(driver.informationUri).not.toMatch(/example/);
  for (const rule of driver.rules) {
    expect(rule.shortDescription.text).not.toBe("");
    expect(rule.helpUri).toBe(`${driver.informationUri}/blob/main/docs/rules.md#${ruleAnchor(rule.id)}`);
    expect(rulesDoc).toContain(`<a id="${ruleAnchor(rule.id)}"></a>${rule.id} |`);
    // GitHub's severity bands: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0
    const score = Number(rule.properties["security-severity"]);
    const band = score > 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : "low";
    expect(band).toBe(rule.properties.severity);
  }
  for (const result of log.runs[0].results) {
    expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    expect(["error", "warning"]).toContain(result.level);
  }
  expect(new Set(log.runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(log.runs[0].results.length);
}

describe("the vendored SARIF 2.1.0 schema", () => {
  it("is the official OASIS errata01 file recorded in its provenance note", () => {
    expect(sarifSchemaHash()).toBe(SARIF_SCHEMA_SHA256);
    expect(fs.readFileSync(path.join(path.dirname(SARIF_SCHEMA_FILE), "sarif-schema-2.1.0.PROVENANCE.md"), "utf8")).toContain(SARIF_SCHEMA_SHA256);
    expect(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, "utf8")).id).toBe("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  });

  it("rejects what SARIF forbids (so a passing validation means something)", () => {
    const ok = { version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "error" }] }] };
    expect(sarifSchemaErrors(ok)).toEqual([]);
    expect(sarifSchemaErrors({ ...ok, version: "2.0.0" })).not.toEqual([]);
    expect(sarifSchemaErrors({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
    expect(sarifSchemaErrors({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] })).not.toEqual([]);
    expect(sarifSchemaErrors({ version: "2.1.0", runs: [{ tool: { driver: { name: "x", informationUri: "not a uri" } } }] })).not.toEqual([]);
    // code scanning: a result without a physical location, or with an absolute uri, is not uploadable
    expect(codeScanningProblems(ok)).toEqual(["runs[0].results[0]: no ruleId", "runs[0].results[0]: no physical location"]);
    const absolute = { runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "R", message: { text: "m" }, locations: [{ physicalLocation: { artifactLocation: { uri: "file:///a.ts" }, region: { startLine: 1 } } }] }] }] };
    expect(codeScanningProblems(absolute)).toEqual(["runs[0].results[0]: uri 'file:///a.ts' is not relative"]);
  });
});

describe("preview --sarif validates and is uploadable", () => {
  it("a violating program (exit 1): each result at the line that declared the resource", async () => {
    const sarif = tmp("violating.sarif");
    const run = await runCli(["preview", "--program", program, "--stack", "test", "--quiet", "--sarif", sarif]);
    expect(run.code).toBe(1);
    const log = read(sarif);
    expectUploadable(log);
    const declared = fs.readFileSync(path.join(program, "index.ts"), "utf8").split("\n").findIndex((l) => l.includes("new aws.eks.Cluster(")) + 1;
    const eks = log.runs[0].results.find((r: any) => r.ruleId === "EKS-001");
    expect(eks.level).toBe("error");
    expect(eks.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "test/cli/fixtures/program/index.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: declared } });
  });

  it("an UNVERIFIED run (exit 3): the notification validates too", async () => {
    const sarif = tmp("unverified.sarif");
    const run = await runCli(["preview", "--program", fidelity("remote-eks"), "--quiet", "--sarif", sarif]);
    expect(run.code).toBe(3);
    const log = read(sarif);
    expectUploadable(log);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].descriptor.id).toBe("UNVERIFIED/remote-component");
  });

  it("the platform dev stack", async () => {
    const sarif = tmp("dev.sarif");
    const run = await runCli(["preview", "--stack", "dev", "--quiet", "--allow-unverified", "--sarif", sarif]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectUploadable(read(sarif));
  }, 600_000);
});

describe("scan --format sarif validates and is uploadable", () => {
  it("locates each finding at the field, relative to the repository root even from a sub-folder", async () => {
    const run = await runCli(["scan", "--format", "sarif", "privileged-pod.yaml"], undefined, path.join(FIXTURES, "yaml"));
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expectUploadable(log);
    const b03 = log.runs[0].results.find((r: any) => r.ruleId === "PSS-B03");
    expect(b03.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "test/cli/fixtures/yaml/privileged-pod.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 11, startColumn: 9 },
    });
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(`file://${ROOT}/`);
  });

  it("from stdin: --stdin-name gives the file; without it SARIF is bad input (exit 2)", async () => {
    const yaml = fs.readFileSync(path.join(FIXTURES, "yaml", "privileged-pod.yaml"), "utf8");
    const named = await runCli(["scan", "--format", "sarif", "--stdin-name", "k8s/pod.yaml", "-"], yaml);
    expect(named.code).toBe(1);
    const log = JSON.parse(named.stdout);
    expectUploadable(log);
    expect(new Set(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(["k8s/pod.yaml"]));
    const unnamed = await runCli(["scan", "--format", "sarif", "-"], yaml);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/SARIF results need the file they are in, and stdin has none: add --stdin-name PATH/);
  });
});
