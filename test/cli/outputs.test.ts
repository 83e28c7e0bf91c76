import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_SOURCES, writeStackOutputs, type OutputsArgs, type OutputsSources } from "../../cli/outputs";
import { parseCommandLine } from "../../cli/args";
import { InputError } from "../../cli/errors";
import { stackOutputsFile, stackOutputsFromFiles } from "../../engine/stack-outputs";
import { runCli } from "./run-cli";

// Issue 18.2: `hardened-cluster outputs` writes the StackReference outputs file the offline preview reads, from
// `pulumi stack output --json --show-secrets` (no pulumi here: a fake JSON input stands in for it).

const STACK = "acme/hardened-cluster/dev";
const OUTPUTS = { clusterName: "platform-dev", vpcId: "vpc-0abc", pools: { general: { labels: { pool: "general" } } }, kubeconfig: "{\"clusters\":[]}" };

/** A fresh program folder (a Pulumi.yaml is what makes it one). */
function programDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hc-outputs-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: team\nruntime: nodejs\n");
  return dir;
}

/** Fake sources: `pulumi` prints `text` and records how it was called. */
function fake(text: string): OutputsSources & { calls: { stack: string; cwd: string }[] } {
  const calls: { stack: string; cwd: string }[] = [];
  return { calls, pulumi: (stack, cwd) => (calls.push({ stack, cwd }), text), stdin: () => text };
}

const args = (program: string, extra: Partial<OutputsArgs> = {}): OutputsArgs => ({ command: "outputs", stack: STACK, program, quiet: false, ...extra });

describe("hardened-cluster outputs: writes the file the preview reads", () => {
  it("runs pulumi stack output for the stack in the program folder and writes <program>/.hardened-cluster/stack-outputs/<org_project_stack>.json", () => {
    const dir = programDir();
    const sources = fake(JSON.stringify(OUTPUTS));
    const line = writeStackOutputs(args(dir), sources, dir);
    expect(sources.calls).toEqual([{ stack: STACK, cwd: dir }]);
    const file = path.join(dir, ".hardened-cluster", "stack-outputs", "acme_hardened-cluster_dev.json");
    expect(stackOutputsFile(dir, STACK)).toBe(file);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(OUTPUTS);
    expect(line).toMatch(/^wrote \.hardened-cluster\/stack-outputs\/acme_hardened-cluster_dev\.json: 4 outputs of acme\/hardened-cluster\/dev/);
    // the preview's StackReference lookup reads back exactly what was written
    expect(stackOutputsFromFiles(dir)(STACK)).toEqual(OUTPUTS);
  });

  it("--from FILE and --from - read the JSON instead of running pulumi", () => {
    const dir = programDir();
    const input = path.join(dir, "outputs.json");
    fs.writeFileSync(input, JSON.stringify({ a: 1 }));
    const sources = fake(JSON.stringify({ b: 2 }));
    writeStackOutputs(args(".", { from: "outputs.json" }), sources, dir);
    expect(stackOutputsFromFiles(dir)(STACK)).toEqual({ a: 1 });
    writeStackOutputs(args(dir, { from: "-" }), sources, dir);
    expect(stackOutputsFromFiles(dir)(STACK)).toEqual({ b: 2 });
    expect(sources.calls).toEqual([]);
  });

  it.each([
    ['{"clusterName": "platform-d', /pulumi stack output --json --show-secrets --stack acme\/hardened-cluster\/dev: malformed stack outputs/],
    ["[1, 2]", /stack outputs must be a JSON object of output names to values/],
    ['{"kubeconfig": "[secret]", "vpcId": "vpc-1"}', /output\(s\) kubeconfig are masked as "\[secret\]" \(printed without --show-secrets\)/],
    ["{}", /stack 'acme\/hardened-cluster\/dev' has no outputs: deploy it first/],
    ["  \n", /empty: expected the JSON object of 'pulumi stack output --json --show-secrets --stack acme\/hardened-cluster\/dev'/],
  ])("rejects %j with one line naming the problem, writing nothing", (text, message) => {
    const dir = programDir();
    expect(() => writeStackOutputs(args(dir), fake(text), dir)).toThrow(InputError);
    expect(() => writeStackOutputs(args(dir), fake(text), dir)).toThrow(message);
    expect(fs.existsSync(stackOutputsFile(dir, STACK))).toBe(false);
  });

  it("rejects a bad stack name, a folder without Pulumi.yaml and an unreadable --from file", () => {
    const dir = programDir();
    expect(() => writeStackOutputs(args(dir, { stack: "acme dev" }), fake("{}"), dir)).toThrow(/--stack 'acme dev': give the stack as the program's StackReference names it/);
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "hc-outputs-"));
    expect(() => writeStackOutputs(args(bare), fake("{}"), bare)).toThrow(/no Pulumi\.yaml found: run in the program folder/);
    expect(() => writeStackOutputs(args(dir, { from: "nope.json" }), fake("{}"), dir)).toThrow(/--from .*nope\.json: cannot read it \(ENOENT\)/);
  });

  it("without pulumi on PATH: bad input naming the command and --from", () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(os.tmpdir(), "no-such-bin-dir");
    try {
      expect(() => DEFAULT_SOURCES.pulumi(STACK, os.tmpdir())).toThrow(/pulumi is not on PATH: install the Pulumi CLI, or .* --from FILE/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it("parses the command line: --stack required, no positionals", () => {
    expect(parseCommandLine(["outputs", "--stack", STACK, "--program", "x", "--from", "-"])).toEqual({ command: "outputs", stack: STACK, program: "x", from: "-", quiet: false });
    expect(() => parseCommandLine(["outputs"])).toThrow(/outputs needs --stack ORG\/PROJECT\/STACK/);
    expect(() => parseCommandLine(["outputs", "--stack", STACK, "extra"])).toThrow(/unexpected argument 'extra'/);
  });
});

describe("hardened-cluster outputs (real command)", () => {
  it("--from - writes the file and exits 0; truncated input exits 2 with one line", async () => {
    const dir = programDir();
    const ok = await runCli(["outputs", "--stack", STACK, "--from", "-"], JSON.stringify(OUTPUTS), dir);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(stackOutputsFile(dir, STACK), "utf8"))).toEqual(OUTPUTS);
    const bad = await runCli(["outputs", "--stack", "acme/other/dev", "--from", "-"], '{"vpcId": "vp', dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hardened-cluster: stdin: malformed stack outputs/);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
