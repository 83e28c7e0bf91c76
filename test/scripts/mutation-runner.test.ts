/**
 * The jest runner and environment that Stryker's mutant runs go through (scripts/mutation/): only the test files
 * that hold a test the mutant's name pattern matches are loaded, and a mutant run stops at its first failing test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

interface TestIndex {
  namePattern(pattern: string | undefined): RegExp | undefined;
  record(index: Map<string, readonly string[]>, testPath: string, result: { testExecError?: unknown; testResults: readonly { fullName: string }[] }): void;
  select<T extends { path: string }>(tests: readonly T[], pattern: string | undefined, index: ReadonlyMap<string, readonly string[]>): T[];
  fastestFirst<T extends { path: string }>(tests: readonly T[], durations: ReadonlyMap<string, number>): T[];
}

const ROOT = path.resolve(__dirname, "../..");
const { namePattern, record, select, fastestFirst } = require("../../scripts/mutation/test-index.js") as TestIndex;

describe("mutation runner: test-file index", () => {
  const files = [{ path: "/t/a.test.ts" }, { path: "/t/b.test.ts" }, { path: "/t/c.test.ts" }];

  it("keeps every file without a pattern (dry run)", () => {
    expect(select(files, undefined, new Map())).toEqual(files);
  });

  it("keeps the files with a matching test, and the files it has no names for", () => {
    const index = new Map<string, readonly string[]>();
    record(index, "/t/a.test.ts", { testResults: [{ fullName: "endpoint rules flag a public endpoint" }] });
    record(index, "/t/b.test.ts", { testResults: [{ fullName: "key rules bypass true" }, { fullName: "key rules rotation off" }] });
    // Stryker's pattern: the covering tests' full names, escaped and or-ed.
    expect(select(files, "(key rules bypass true)", index).map((f) => f.path)).toEqual(["/t/b.test.ts", "/t/c.test.ts"]);
    expect(select(files, "(endpoint rules flag a public endpoint)|(key rules rotation off)", index).map((f) => f.path)).toEqual(files.map((f) => f.path));
  });

  it("matches case-insensitively, as jest does", () => {
    expect(namePattern("key rules")?.test("KEY RULES rotation off")).toBe(true);
    expect(namePattern(undefined)).toBeUndefined();
  });

  it("forgets a file whose run failed to load, so later runs keep it", () => {
    const index = new Map<string, readonly string[]>([["/t/a.test.ts", ["x"]]]);
    record(index, "/t/a.test.ts", { testExecError: new Error("boom"), testResults: [] });
    expect(index.has("/t/a.test.ts")).toBe(false);
    expect(select(files, "(nothing)", index).map((f) => f.path)).toContain("/t/a.test.ts");
  });

  it("orders the fastest files first and the untimed ones last", () => {
    const durations = new Map([
      ["/t/a.test.ts", 900],
      ["/t/c.test.ts", 40],
    ]);
    expect(fastestFirst(files, durations).map((f) => f.path)).toEqual(["/t/c.test.ts", "/t/a.test.ts", "/t/b.test.ts"]);
  });
});

describe("mutation runner: bail in a mutant run", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hc-mutation-runner-"));
    const marker = (name: string) => JSON.stringify(path.join(dir, name));
    writeFileSync(
      path.join(dir, "a.test.js"),
      `const fs = require("fs");\ntest("fails", () => { throw new Error("killed"); });\ntest("after the failure", () => { fs.writeFileSync(${marker("a-after")}, ""); });\n`,
    );
    writeFileSync(path.join(dir, "b.test.js"), `const fs = require("fs");\ntest("other file", () => { fs.writeFileSync(${marker("b")}, ""); });\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Run jest on the two files with the mutation runner and environment, as Stryker does (in band). */
  function run(env: Record<string, string>): { a: boolean; b: boolean; failed: boolean } {
    for (const f of ["a-after", "b"]) rmSync(path.join(dir, f), { force: true });
    const config = {
      rootDir: dir,
      testMatch: ["**/*.test.js"],
      transform: {},
      runner: path.join(ROOT, "scripts/mutation/jest-runner.js"),
      testEnvironment: path.join(ROOT, "scripts/mutation/jest-environment.js"),
      cacheDirectory: path.join(dir, ".cache"),
    };
    const jest = require.resolve("jest/bin/jest", { paths: [ROOT] });
    const out = spawnSync(process.execPath, [jest, "--config", JSON.stringify(config), "--runInBand", "--ci"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, __STRYKER_ACTIVE_MUTANT__: "", MUTATION_BAIL: "", ...env },
    });
    return { a: existsSync(path.join(dir, "a-after")), b: existsSync(path.join(dir, "b")), failed: out.status !== 0 };
  }

  it("runs every test outside a mutant run (dry run)", () => {
    expect(run({})).toEqual({ a: true, b: true, failed: true });
  });

  it("skips the rest of the file after the first failure of a mutant run", () => {
    const r = run({ __STRYKER_ACTIVE_MUTANT__: "7" });
    expect(r.failed).toBe(true);
    expect(r.a).toBe(false);
  });

  it("runs everything in a mutant run with MUTATION_BAIL=0", () => {
    expect(run({ __STRYKER_ACTIVE_MUTANT__: "7", MUTATION_BAIL: "0" })).toEqual({ a: true, b: true, failed: true });
  });
});
