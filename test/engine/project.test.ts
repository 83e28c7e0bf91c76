import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError } from "../../engine/errors";
import { SECRET_PLACEHOLDER } from "../../engine/mocks";
import { loadProject, loadStackConfig, toPulumiConfig } from "../../engine/project";
import { stackOutputsFromFiles } from "../../engine/run-program";
import { FIXTURES, ROOT } from "../cli/run-cli";

const program = path.join(FIXTURES, "program");

describe("program and stack config loading", () => {
  it("namespaces bare keys with the project, keeps strings, JSON-encodes other values and hides secure values", () => {
    const { config, secretKeys } = toPulumiConfig("proj", {
      "aws:region": "eu-west-1",
      enabled: true,
      cluster: { name: "c", nodes: 3 },
      "proj:password": { secure: "v1:abc" },
    });
    expect(config).toEqual({
      "aws:region": "eu-west-1",
      "proj:enabled": "true",
      "proj:cluster": '{"name":"c","nodes":3}',
      "proj:password": SECRET_PLACEHOLDER,
    });
    expect(secretKeys).toEqual(["proj:password"]);
  });

  it("finds the fixture's main and stack file through its Pulumi.yaml", () => {
    const project = loadProject(program);
    expect(project).toMatchObject({ name: "cli-fixture", main: path.join(program, "index.ts"), stackConfigDir: program });
    const stack = loadStackConfig(project, "test");
    expect(stack.config["cli-fixture:privateEndpoint"]).toBe("false");
    expect(stack.secretKeys).toEqual(["cli-fixture:token"]);
    expect(loadStackConfig(project, path.join(program, "Pulumi.clean.yaml")).stack).toBe("clean");
  });

  it("reads this project's Pulumi.yaml (main infra/index.ts, stacks in stacks/)", () => {
    const project = (() => {
      try {
        return loadProject(ROOT);
      } catch {
        return undefined; // infra/index.ts not written yet
      }
    })();
    if (project) expect(project.stackConfigDir).toBe(path.join(ROOT, "stacks"));
    expect(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")).toMatch(/main: infra\/index\.ts/);
  });

  it("runs a program without stack files with empty config, but rejects unknown stacks when stack files exist", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-prog-"));
    fs.writeFileSync(path.join(tmp, "Pulumi.yaml"), "name: bare\nruntime: nodejs\n");
    fs.writeFileSync(path.join(tmp, "index.ts"), "export {};\n");
    expect(loadStackConfig(loadProject(tmp), "dev")).toEqual({ stack: "dev", file: null, config: {}, secretKeys: [] });
    expect(() => loadStackConfig(loadProject(program), "nope")).toThrow(/unknown stack 'nope'.*use one of badtype, clean, test/);
  });

  it.each([
    ["config: [1, 2]\n", /'config' must be a map/],
    ["config:\n  a: [unclosed\n", /:\d+: malformed stack file/],
  ])("rejects a malformed stack file %j", (text, message) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-stack-"));
    fs.writeFileSync(path.join(tmp, "Pulumi.yaml"), "name: bad\nruntime: nodejs\n");
    fs.writeFileSync(path.join(tmp, "index.ts"), "export {};\n");
    fs.writeFileSync(path.join(tmp, "Pulumi.dev.yaml"), text);
    expect(() => loadStackConfig(loadProject(tmp), "dev")).toThrow(InputError);
    expect(() => loadStackConfig(loadProject(tmp), "dev")).toThrow(message);
  });

  it("serves StackReference outputs from .hardened-cluster/stack-outputs; a missing or truncated file is bad input naming it and the fix", () => {
    const lookup = stackOutputsFromFiles(program);
    expect(lookup("acme/platform/dev")).toEqual({ vpcId: "vpc-from-platform" });
    expect(() => lookup("acme/other/dev")).toThrow(InputError);
    expect(() => lookup("acme/other/dev")).toThrow(
      /acme_other_dev\.json: no outputs for StackReference 'acme\/other\/dev': write the outputs .*run 'hardened-cluster outputs --program \S+ --stack acme\/other\/dev' \(it runs pulumi stack output --json --show-secrets --stack acme\/other\/dev/,
    );
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-outputs-"));
    fs.mkdirSync(path.join(tmp, ".hardened-cluster", "stack-outputs"), { recursive: true });
    fs.writeFileSync(path.join(tmp, ".hardened-cluster", "stack-outputs", "acme_platform_dev.json"), '{"vpcId": "vpc-');
    expect(() => stackOutputsFromFiles(tmp)("acme/platform/dev")).toThrow(/acme_platform_dev\.json: malformed stack outputs/);
  });
});
