import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCommandLine } from "../../cli/args";
import { InputError } from "../../cli/errors";
import { REPO_ROOT } from "../../engine";
import { defaultPolicyConfigFile, defaultProgramDir, loadProject, loadStackConfig, parseStackSelector } from "../../engine/project";
import { FIXTURES } from "./run-cli";

describe("parseCommandLine", () => {
  it("defaults preview to the dev stack of this project", () => {
    expect(parseCommandLine(["preview"])).toMatchObject({ command: "preview", stack: "dev", program: undefined, quiet: false });
  });

  it("reads every preview flag", () => {
    const args = parseCommandLine(["preview", "--program", "examples/team", "--stack", "prod", "--json", "a.json", "--sarif", "a.sarif", "--markdown", "a.md", "--quiet"]);
    expect(args).toMatchObject({ command: "preview", program: "examples/team", stack: "prod", json: "a.json", sarif: "a.sarif", markdown: "a.md", quiet: true });
  });

  it("splits --only groups on commas and accepts '-' for stdin", () => {
    expect(parseCommandLine(["scan", "--only", "pss-restricted,rbac", "--format", "json", "-"])).toMatchObject({
      command: "scan",
      only: ["pss-restricted", "rbac"],
      format: "json",
      paths: ["-"],
    });
  });

  it.each([
    [["bogus"], /unknown command 'bogus'/],
    [["preview", "--nope"], /unknown flag --nope/],
    [["preview", "extra"], /unexpected argument 'extra'/],
    [["scan"], /at least one PATH/],
    [["scan", "--format", "xml", "a.yaml"], /unknown --format 'xml'/],
    [["preview", "--stack"], /--stack/],
  ])("rejects %j with one line naming the input", (argv, message) => {
    let thrown: unknown;
    try {
      parseCommandLine(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain("\n");
  });

  it("treats no arguments and --help as help", () => {
    expect(parseCommandLine([])).toEqual({ command: "help" });
    expect(parseCommandLine(["scan", "--help"])).toEqual({ command: "help", topic: "scan" });
  });

  it("keeps --stack org/project/stack as given (the engine reads it as a stack name)", () => {
    expect(parseCommandLine(["preview", "--stack", "acme/cli-fixture/test"])).toMatchObject({ command: "preview", stack: "acme/cli-fixture/test" });
  });
});

describe("--program default (issue 18.2)", () => {
  it("is the current directory when it holds a Pulumi.yaml, else this project", () => {
    const program = path.join(FIXTURES, "program");
    expect(defaultProgramDir(program, REPO_ROOT)).toBe(program);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "hc-noprogram-"));
    expect(defaultProgramDir(empty, REPO_ROOT)).toBe(REPO_ROOT);
  });
});

describe("--stack selector (issue 18.2)", () => {
  const project = loadProject(path.join(FIXTURES, "program"));

  it("reads org/project/stack and org/stack as stack names, paths and *.yaml as files", () => {
    expect(parseStackSelector("dev")).toEqual({ kind: "name", name: "dev" });
    expect(parseStackSelector("acme/platform/prod")).toEqual({ kind: "name", org: "acme", project: "platform", name: "prod" });
    expect(parseStackSelector("acme/prod")).toEqual({ kind: "name", org: "acme", name: "prod" });
    expect(parseStackSelector("stacks/Pulumi.dev.yaml")).toEqual({ kind: "file", file: path.resolve("stacks/Pulumi.dev.yaml") });
    expect(parseStackSelector("a/b/c/d")).toEqual({ kind: "file", file: path.resolve("a/b/c/d") });
  });

  it("loads Pulumi.<last segment>.yaml and its pack config for a qualified name", () => {
    const stack = loadStackConfig(project, "acme/cli-fixture/test");
    expect(stack).toMatchObject({ stack: "test", file: path.join(FIXTURES, "program", "Pulumi.test.yaml") });
    expect(stack.config).toEqual(loadStackConfig(project, "test").config);
    expect(loadStackConfig(project, "acme/clean").stack).toBe("clean");
    expect(defaultPolicyConfigFile(loadProject(REPO_ROOT), "acme/hardened-cluster/dev")).toBe(path.join(REPO_ROOT, "stacks", "policy-config.dev.json"));
  });

  it("rejects a qualified name whose project is not the program's, naming both", () => {
    expect(() => loadStackConfig(project, "acme/other/test")).toThrow(/project 'other' does not match the program's project 'cli-fixture'/);
    expect(() => loadStackConfig(project, "acme/cli-fixture/nope")).toThrow(/unknown stack 'nope'/);
  });
});
