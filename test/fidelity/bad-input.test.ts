import * as path from "node:path";
import { runCli } from "../cli/run-cli";
import { defaultPolicyConfigFile, loadProject } from "../../engine/project";
import { ROOT } from "../cli/run-cli";
import { ECHO_PACK, previewFixture, program } from "./run";

// Issue 16 "Bad input" and 16.6 (other packs, stack paths): exit 2 naming the file and the fix, fast.
describe("bad input and other packs", () => {
  it.each([
    ["missing", /acme_nowhere_dev\.json: no outputs for StackReference 'acme\/nowhere\/dev': write the outputs of stack 'acme\/nowhere\/dev' there/],
    ["truncated", /acme_truncated_dev\.json: malformed stack outputs .*write the outputs/],
  ])("a %s StackReference outputs file exits 2 naming the file and the fix, within seconds", async (stack, message) => {
    const started = Date.now();
    const run = await previewFixture("stackref", ["--stack", stack]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("a non-nodejs runtime exits 2 naming Pulumi.yaml and the supported runtimes, before running anything", async () => {
    const run = await runCli(["preview", "--program", program("python-program")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Pulumi\.yaml: runtime 'python' is not supported: .*set runtime: nodejs \(supported runtimes: nodejs\)/);
  });

  it("--policy-config is validated against the pack being run (--policy-pack), with that pack's policy names", async () => {
    const ours = await previewFixture("deps", ["--stack", "dev", "--policy-pack", ECHO_PACK, "--policy-config", path.join(program("deps"), "policy-config.ours.json")]);
    expect(ours.code).toBe(2);
    expect(ours.stderr).toMatch(/'eks-private-endpoint-enabled' is not a policy of the pack being run: use one of echo-resource, echo-stack, no-protect/);
    const theirs = await previewFixture("deps", ["--stack", "dev", "--policy-pack", ECHO_PACK, "--policy-config", path.join(program("deps"), "policy-config.echo.json")]);
    expect(theirs.json.violations.find((v: any) => v.rule === "no-protect")).toMatchObject({ level: "advisory" });
    expect(theirs.code).toBe(0);
  });

  it("a stack given as a file path loads the same pack config as its name", () => {
    const project = loadProject(ROOT);
    expect(defaultPolicyConfigFile(project, path.join(ROOT, "stacks", "Pulumi.dev.yaml"))).toBe(defaultPolicyConfigFile(project, "dev"));
    expect(defaultPolicyConfigFile(project, "dev")).toBe(path.join(ROOT, "stacks", "policy-config.dev.json"));
  });
});
