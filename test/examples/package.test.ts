import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The published package as a team gets it: `npm run build` once, `npm pack`, unpack the tarball as
// node_modules/hardened-cluster of a temporary consumer project (its other dependencies are symlinks to this
// repository's node_modules: no registry access), then compile and load a consumer against it.
const ROOT = path.resolve(__dirname, "..", "..");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

interface Run {
  readonly code: number;
  /** stdout followed by stderr. */
  readonly out: string;
  readonly stdout: string;
}

function run(file: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof (error as any).code === "number" ? (error as any).code : 99) : 0, out: `${stdout}${stderr}`, stdout: String(stdout) }),
    );
  });
}

const npm = (args: readonly string[], cwd = ROOT) => run(process.platform === "win32" ? "npm.cmd" : "npm", args, cwd);

/** The consumer a team writes. `@ts-expect-error` lines prove the types are real (not `any`). */
const CONSUMER = `import * as k8s from "@pulumi/kubernetes";
import { NodePool, Tenant, parseTenantConfig, type NodePoolArgs, type TenantArgs } from "hardened-cluster";

const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
const args: TenantArgs = { name: "team-a", namespaces: ["team-a"], pssVersion: "v1.33", tier: "sensitive", provider };
export const tenant: Tenant = new Tenant("team-a", args);
export const groups: Readonly<Record<string, string>> = tenant.groups;
export const pool: typeof NodePool = NodePool;
export type PoolArgs = NodePoolArgs;
export const parsed: string = parseTenantConfig({ name: "team-b", namespaces: ["team-b"], pssVersion: "v1.33" }).name;

// @ts-expect-error tier is "standard" | "sensitive"
export const badTier: TenantArgs = { name: "team-c", namespaces: ["team-c"], pssVersion: "v1.33", tier: "gold" };
// @ts-expect-error Tenant needs args
export const noArgs = new Tenant("team-d");
`;

/** A consumer reaching into the package's internals (must not resolve where \`exports\` is honoured). */
const DEEP_IMPORT = `import { Tenant } from "hardened-cluster/dist/components/tenant/tenant";
export const t = Tenant;
`;

function tsconfig(moduleKind: "node16" | "commonjs", files: string[]): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: moduleKind,
      moduleResolution: moduleKind === "node16" ? "node16" : "node10",
      ignoreDeprecations: "6.0",
      types: ["node"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
    },
    files,
  });
}

/** What the one-time setup produced. */
interface Packed {
  /** The consumer project folder. */
  readonly consumer: string;
  /** `npm pack --json` entry of the tarball. */
  readonly tarball: { filename: string; files: { path: string }[] };
}

/** Build, pack and install once; every test awaits the same promise (works with concurrent tests). */
async function buildPackInstall(): Promise<Packed> {
  const build = await npm(["run", "build", "--silent"]);
  if (build.code !== 0) throw new Error(`npm run build failed (exit ${build.code}):\n${build.out.slice(0, 4000)}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hc-package-"));
  // --ignore-scripts: the build above already ran (a prepack script would build a second time).
  const pack = await npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work]);
  if (pack.code !== 0) throw new Error(`npm pack failed (exit ${pack.code}):\n${pack.out.slice(0, 4000)}`);
  const tarball = JSON.parse(pack.stdout)[0] as Packed["tarball"];

  const consumer = path.join(work, "consumer");
  const modules = path.join(consumer, "node_modules");
  const installed = path.join(modules, "hardened-cluster");
  fs.mkdirSync(installed, { recursive: true });
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry.startsWith(".") || entry.startsWith("hardened-cluster")) continue;
    fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry), "junction");
  }
  const untar = await run("tar", ["-xzf", path.join(work, tarball.filename), "-C", installed, "--strip-components=1"], work);
  if (untar.code !== 0) throw new Error(`tar failed: ${untar.out}`);
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  fs.writeFileSync(path.join(consumer, "index.ts"), CONSUMER);
  fs.writeFileSync(path.join(consumer, "deep.ts"), DEEP_IMPORT);
  fs.writeFileSync(path.join(consumer, "tsconfig.node16.json"), tsconfig("node16", ["index.ts"]));
  fs.writeFileSync(path.join(consumer, "tsconfig.node10.json"), tsconfig("commonjs", ["index.ts"]));
  fs.writeFileSync(path.join(consumer, "tsconfig.deep.json"), tsconfig("node16", ["deep.ts"]));
  return { consumer, tarball };
}

let setup: Promise<Packed> | undefined;
const packed = (): Promise<Packed> => (setup ??= buildPackInstall());
/** Build + pack + tsc under load: generous. */
const SLOW = 600_000;

describe("npm pack → install into a consumer project", () => {
  it.concurrent("packs the built API, the policy pack sources and the CLI, and nothing internal", async () => {
    const files = (await packed()).tarball.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "dist/components/index.js",
        "dist/components/index.d.ts",
        "dist/components/tenant/tenant.d.ts",
        "dist/policy-pack/baseline/pss.js",
        "policy-pack/PulumiPolicy.yaml",
        "policy-pack/package.json",
        "policy-pack/index.ts",
        "policy-pack/registry.ts",
        "bin/hardened-cluster.js",
        "dist/cli/main.js",
        "dist/engine/index.js",
        "dist/engine/language-host.js",
        "dist/engine/program-register.js",
        "dist/policy-pack/index.js",
        "docs/rules.md",
        "examples/team-stack/index.ts",
        "LICENSE",
      ]),
    );
    const internal = files.filter((f) => /^(test|infra|scripts|bench|stacks|dist\/(test|infra|scripts|bench|examples))\//.test(f) || /(^|\/)node_modules\//.test(f) || /\.test\.[jt]s$/.test(f));
    expect(internal).toEqual([]);
    // The CLI and engine ship compiled only: no TypeScript sources outside the policy pack and the examples.
    expect(files.filter((f) => /^(cli|engine|components)\//.test(f) || f === "bin/register-ts.js")).toEqual([]);
  }, SLOW);

  it.concurrent("needs no TypeScript compiler at run time: typescript and ts-node are dev dependencies only", async () => {
    const { consumer } = await packed();
    const manifest = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "hardened-cluster", "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies)).not.toContain("typescript");
    expect(Object.keys(manifest.dependencies)).not.toContain("ts-node");
    expect(manifest.devDependencies).toEqual(expect.objectContaining({ typescript: expect.any(String), "ts-node": expect.any(String) }));
  }, SLOW);

  it.concurrent.each([["node16"], ["node10"]])("a consumer importing { Tenant, NodePool } type-checks (moduleResolution %s)", async (mode) => {
    const result = await run(process.execPath, [TSC, "-p", `tsconfig.${mode}.json`], (await packed()).consumer);
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
  }, SLOW);

  it.concurrent("a deep import into dist/ is refused where exports is honoured (node16)", async () => {
    const result = await run(process.execPath, [TSC, "-p", "tsconfig.deep.json"], (await packed()).consumer);
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/TS2307: Cannot find module 'hardened-cluster\/dist\/components\/tenant\/tenant'/);
  }, SLOW);

  it.concurrent("loads at run time: Tenant and NodePool are classes; internal paths are not exported", async () => {
    const script = `
      const hc = require("hardened-cluster");
      let deep = "resolved";
      try { require.resolve("hardened-cluster/dist/components/tenant/tenant.js"); } catch (e) { deep = e.code; }
      process.stdout.write(JSON.stringify({ Tenant: typeof hc.Tenant, NodePool: typeof hc.NodePool, deep }));`;
    const result = await run(process.execPath, ["-e", script], (await packed()).consumer);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ Tenant: "function", NodePool: "function", deep: "ERR_PACKAGE_PATH_NOT_EXPORTED" });
  }, SLOW);

  it.concurrent("the packaged (compiled) CLI refuses a TypeScript program without its own typescript: exit 2 naming the fix", async () => {
    const { consumer } = await packed();
    // Outside the consumer project: nothing resolves `typescript` from here (the package brings none).
    const program = fs.mkdtempSync(path.join(os.tmpdir(), "hc-no-ts-"));
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: no-ts\nruntime: nodejs\n");
    fs.writeFileSync(path.join(program, "index.ts"), "export const x: number = 1;\n");
    const result = await run(process.execPath, [path.join(consumer, "node_modules", "hardened-cluster", "bin", "hardened-cluster.js"), "preview", "--program", program, "--stack", "dev"], consumer);
    expect(result.out).toMatch(/the program is TypeScript \(index\.ts\) but no 'typescript' package resolves from its folder: run npm install --save-dev typescript@6 there/);
    expect(result.code).toBe(2);
  }, SLOW);

  it.concurrent("the packaged CLI scans with the packaged policy pack (usable by path)", async () => {
    const { consumer } = await packed();
    const pod = path.join(consumer, "pod.yaml");
    fs.writeFileSync(pod, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team-a}\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n    securityContext: {privileged: true}\n");
    const result = await run(process.execPath, [path.join(consumer, "node_modules", "hardened-cluster", "bin", "hardened-cluster.js"), "scan", "--format", "json", pod], consumer);
    expect(result.code).toBe(1);
    const rules = JSON.parse(result.stdout).results[0].violations.map((v: { rule: string }) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(["PSS-B03", "IMG-001", "IMG-002"]));
    expect(fs.existsSync(path.join(consumer, "node_modules", "hardened-cluster", "policy-pack", "PulumiPolicy.yaml"))).toBe(true);
  }, SLOW);
});
