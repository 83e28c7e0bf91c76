import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, runCli } from "./run-cli";

// Issue 18, bad input: an environment the offline preview cannot run a team's program in is exit 2 within
// seconds, one line naming the cause and the fix (not a crash read as a violation, not a hang).
// Each case is a real program folder in a temp dir; packages the program resolves are written as
// node_modules/<name>/package.json (the checks read the version and location Node resolves, nothing else).

/** Far under the 10-minute program timeout (a hang): the checks run before the program and the pack start (about 3 s on an idle machine; generous for a loaded CI). */
const SECONDS = 150;

interface ProgramFiles {
  readonly pulumiYaml?: string;
  readonly files?: Record<string, string>;
  /** Package name → version, written as node_modules/<name>/package.json. */
  readonly packages?: Record<string, string>;
}

function programDir(spec: ProgramFiles): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hc-env-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), spec.pulumiYaml ?? "name: env-case\nruntime: nodejs\n");
  for (const [file, text] of Object.entries(spec.files ?? { "index.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const stack = pulumi.getStack();\n' })) {
    fs.writeFileSync(path.join(dir, file), text);
  }
  for (const [name, version] of Object.entries(spec.packages ?? {})) {
    const pkg = path.join(dir, "node_modules", ...name.split("/"));
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name, version, main: "index.js" }));
    fs.writeFileSync(path.join(pkg, "index.js"), "module.exports = {};\n");
  }
  return dir;
}

async function previewIn(dir: string): Promise<{ code: number; stderr: string; seconds: number }> {
  const started = Date.now();
  const run = await runCli(["preview", "--program", dir, "--stack", "dev"]);
  return { code: run.code, stderr: run.stderr, seconds: (Date.now() - started) / 1000 };
}

function expectBadInput(run: { code: number; stderr: string; seconds: number }, message: RegExp): void {
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.seconds).toBeLessThan(SECONDS);
}

describe("preview: the program's environment is checked before it runs", () => {
  it.concurrent("two copies of @pulumi/pulumi (the program's own and the CLI's) → 2 naming both and the fix", async () => {
    const dir = programDir({ packages: { "@pulumi/pulumi": "3.200.0" } });
    const run = await previewIn(dir);
    expectBadInput(run, /two copies of @pulumi\/pulumi: the program loads .*hc-env-[^ ]*node_modules\/@pulumi\/pulumi \(3\.200\.0\) but hardened-cluster runs on .*node_modules\/@pulumi\/pulumi \(3\.\d+\.\d+\).*peer dependency: install one version in the program.*npm dedupe/);
  });

  it.concurrent.each([["4.9.5"], ["7.0.0"]])("a TypeScript program whose own typescript is %s → 2 naming the version and the supported majors", async (version) => {
    const dir = programDir({ packages: { typescript: version } });
    const run = await previewIn(dir);
    expectBadInput(run, new RegExp(`TypeScript ${version.replace(/\./g, "\\.")} is not supported.*install TypeScript 5\\.x or 6\\.x in the program \\(npm install --save-dev typescript@6\\)`));
  });

  it.concurrent("a JavaScript program is not asked for a TypeScript (an old typescript beside it is not an error)", async () => {
    const dir = programDir({
      pulumiYaml: "name: env-case\nruntime: nodejs\nmain: index.js\n",
      files: { "index.js": 'throw new Error("ran the JavaScript program");\n' },
      packages: { typescript: "4.9.5" },
    });
    const run = await previewIn(dir);
    // It got past the checks and ran the program (whose error is the program's own exit 2).
    expect(run.stderr).toMatch(/ran the JavaScript program/);
    expect(run.stderr).not.toMatch(/TypeScript 4\.9\.5/);
    expect(run.code).toBe(2);
  });

  it.concurrent.each([
    ["runtime: python", "name: env-case\nruntime: python\n", { "__main__.py": "import pulumi\n" }, /runtime 'python' is not supported: the offline preview runs Node\.js programs \(TypeScript or JavaScript\) only; set runtime: nodejs/],
    ["runtime: go", "name: env-case\nruntime:\n  name: go\n", { "main.go": "package main\n" }, /runtime 'go' is not supported/],
    ["a nodejs main that is not TS/JS", "name: env-case\nruntime: nodejs\nmain: __main__.py\n", { "__main__.py": "import pulumi\n" }, /__main__\.py: the program entry is not TypeScript or JavaScript.*set main in .*Pulumi\.yaml to an index\.ts or index\.js/],
  ])("a program that is not TypeScript/JavaScript (%s) → 2", async (_name, pulumiYaml, files, message) => {
    const run = await previewIn(programDir({ pulumiYaml, files }));
    expectBadInput(run, message);
  });
});

describe("Node.js older than 20", () => {
  /** Runs the real bin in a Node whose reported version is `version` (process.versions.node redefined first). */
  function binUnder(version: string): Promise<{ code: number; stderr: string }> {
    const script = `Object.defineProperty(process.versions, "node", { value: ${JSON.stringify(version)} }); process.argv.splice(1, 0, "hardened-cluster"); require(${JSON.stringify(path.join(ROOT, "bin", "hardened-cluster.js"))});`;
    return new Promise((resolve) => {
      execFile(process.execPath, ["-e", script, "--", "scan", "--help"], { cwd: ROOT }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stderr: String(stderr) }),
      );
    });
  }

  it.concurrent.each([["18.20.4"], ["16.20.2"]])("the command on Node %s exits 2 before loading anything, naming the version and the fix", async (version) => {
    const run = await binUnder(version);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hardened-cluster: Node.js ${version} is not supported: hardened-cluster needs Node.js 20 or newer (engines.node); install a current LTS release (e.g. nvm install 22)\n`);
  });

  it.concurrent("the engine's own check agrees with the bin (20 and newer pass)", () => {
    const { checkNodeVersion, MIN_NODE_MAJOR } = require("../../engine/program-environment") as typeof import("../../engine/program-environment");
    expect(MIN_NODE_MAJOR).toBe(Number(/>=(\d+)/.exec(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).engines.node)?.[1]));
    expect(() => checkNodeVersion("19.9.0")).toThrow(/Node\.js 19\.9\.0 is not supported: hardened-cluster needs Node\.js 20 or newer/);
    expect(() => checkNodeVersion("20.0.0")).not.toThrow();
    expect(() => checkNodeVersion("24.1.0")).not.toThrow();
    return Promise.resolve();
  });
});
