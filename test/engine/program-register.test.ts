import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// engine/program-register: how the compiled package loads a team's TypeScript program (the program's own
// typescript, its tsconfig, CommonJS output). Run here from the sources, in a real child process with the
// hook preloaded and a real temp program (the consumer test, scripts/ci/consumer.sh, runs it compiled with
// TypeScript 5).
const ROOT = path.resolve(__dirname, "..", "..");
const TYPESCRIPT = path.dirname(require.resolve("typescript/package.json"));

function programDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hc-register-"));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** Load `main` of `dir` with the hook (cwd = the program folder, as the language host runs); prints what it exports. */
function load(dir: string, main: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `require(${JSON.stringify(path.join(ROOT, "engine", "program-register.ts"))}); const m = require(${JSON.stringify(path.join(dir, main))}); process.stdout.write(JSON.stringify(m));`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", path.join(ROOT, "bin", "register-ts.js"), "-e", script],
      { cwd: dir, env: { ...process.env, HARDENED_CLUSTER_PROGRAM_TYPESCRIPT: TYPESCRIPT } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

describe("program-register: a team's TypeScript program loads with its own compiler", () => {
  it.concurrent("ESM-style imports (`./lib.js` naming lib.ts, .mts) from a nodenext program compile to CommonJS", async () => {
    const dir = programDir({
      "package.json": JSON.stringify({ name: "esm-team", type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", verbatimModuleSyntax: true, strict: true } }),
      "index.ts": 'import { double } from "./lib.js";\nimport { triple } from "./more.mjs";\nexport const value: number = double(21) + triple(1);\n',
      "lib.ts": "export function double(n: number): number { return n * 2; }\n",
      "more.mts": "export const triple = (n: number): number => n * 3;\n",
    });
    const run = await load(dir, "index.ts");
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ value: 45 });
  });

  it.concurrent("a tsconfig written for TypeScript 6 (ignoreDeprecations, node10) and decorators transpiles; a type error does not stop it (type-checking is a separate step)", async () => {
    const dir = programDir({
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", moduleResolution: "node10", ignoreDeprecations: "6.0", experimentalDecorators: true, esModuleInterop: true } }),
      "index.ts": 'import path from "node:path";\nfunction tag(_t: unknown): void {}\n@tag\nclass A { n = 1; }\nconst wrong: number = "not a number" as unknown as number;\nexport const out = { base: path.basename("/a/b.ts"), n: new A().n, wrong };\n',
    });
    const run = await load(dir, "index.ts");
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ out: { base: "b.ts", n: 1, wrong: "not a number" } });
  });

  it.concurrent("a missing module is still Node's error (the .js → .ts fallback does not hide it)", async () => {
    const dir = programDir({ "index.ts": 'export { x } from "./nowhere.js";\n' });
    const run = await load(dir, "index.ts");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot find module '\.\/nowhere\.js'/);
  });
});
