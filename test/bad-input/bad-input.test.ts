import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, type CliRun } from "../cli/run-cli";
import { SCAN_CASES, SCAN_DIR, STDIN_TEXT, VALID_EDGE_DIR, type ScanCase } from "./scan-cases";
import { STACK_CASES, STACK_PATH_CASES, type StackCase } from "./stack-cases";
import { ROOT, stackErrorLine } from "./validate-stack";

// The bad-input corpus (issue 8 item 3): every bad stack file or scanner input gets exit 2 (or a per-file
// scan error) with a message naming the field or file and the fix, no stack trace, nothing registered.

const STACKS = path.join(__dirname, "stacks");
const STACK_TRACE = /^\s+at /m;

/** Run `jobs` with at most `limit` at a time (the CLI costs ~2 s per spawn on a 2-core machine). */
async function pool<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function issueCount(line: string): number {
  return (line.match(/ Fix: /g) ?? []).length;
}

describe("bad stack config", () => {
  it("the corpus has a file for every case and a case for every file", () => {
    const files = fs.readdirSync(STACKS).filter((f) => f.endsWith(".yaml")).sort();
    expect(STACK_CASES.map((c) => c.file).sort()).toEqual(files);
  });

  it("the base the cases derive from (the dev stack) is valid, so each case holds exactly its own defect", () => {
    expect(stackErrorLine(path.join(__dirname, "valid-base.yaml"))).toBeUndefined();
  });

  describe.each(STACK_CASES.map((c) => [c.file, c] as const))("%s", (_file, c: StackCase) => {
    const line = () => stackErrorLine(path.join(STACKS, c.file));

    it(`is rejected on one line naming ${c.field}`, () => {
      const l = line();
      expect(l).toBeDefined();
      expect(l).not.toContain("\n");
      expect(l).toContain(c.field);
      if (!c.fix) expect(issueCount(l ?? "")).toBe(c.issues ?? 1);
    });

    it("names the fix with an informative message", () => {
      const l = line() ?? "";
      expect(l).toMatch(c.fix ?? /\. Fix: \S/);
      // A bare "Invalid" tells the user nothing about what a valid value looks like.
      expect(l).not.toMatch(/: Invalid( input)?\. Fix:/);
    });
  });
});

describe("bad stack config through the real command", () => {
  const e2e = STACK_CASES.filter((c) => c.e2e);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "hc-bad-stack-"));
  const runs = new Map<string, CliRun>();
  const jsonOf = (name: string) => path.join(out, `${name.replace(/\W+/g, "_")}.json`);

  beforeAll(async () => {
    const jobs = [...e2e.map((c) => ({ name: c.file, stack: path.join("test", "bad-input", "stacks", c.file) })), ...STACK_PATH_CASES];
    const results = await pool(jobs, 2, (j) => runCli(["preview", "--stack", j.stack, "--json", jsonOf(j.name)]));
    jobs.forEach((j, i) => runs.set(j.name, results[i]));
  }, 240_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  const expectRejected = (name: string, field: string, fix: RegExp) => {
    const run = runs.get(name);
    expect(run).toBeDefined();
    const { code, stdout, stderr } = run as CliRun;
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" }); // no resource summary, no report
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^hardened-cluster: /);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).toContain(field);
    expect(stderr).toMatch(fix);
    expect(fs.existsSync(jsonOf(name))).toBe(false);
  };

  it.each(e2e.map((c) => [c.file, c] as const))("%s exits 2 with the same line as the in-process check", (_f, c: StackCase) => {
    expectRejected(c.file, c.field, c.fix ?? /\. Fix: \S/);
    expect(runs.get(c.file)?.stderr.trimEnd()).toBe(stackErrorLine(path.join(ROOT, "test", "bad-input", "stacks", c.file)));
  });

  it.each(STACK_PATH_CASES.map((c) => [c.name, c] as const))("--stack pointing at a %s exits 2 naming it", (_n, c) => {
    expectRejected(c.name, c.field, c.fix);
  });
});

/** Parsed `scan --format json` output. */
interface ScanJson {
  results: { file: string; index: number; line?: number; kind?: string; error?: string; violations: { level: string }[] }[];
  summary: { objects: number; mandatory: number; advisory: number; errors: number };
}

describe("bad scanner input (one run over all of it plus a valid control file)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-bad-scan-"));
  const paths = new Map<ScanCase, string>();
  const control = path.join(SCAN_DIR, "control.yaml");
  let run: CliRun;
  let report: ScanJson;

  beforeAll(async () => {
    for (const c of SCAN_CASES) paths.set(c, c.input ? path.join(SCAN_DIR, c.input) : (c.generate as (d: string) => string)(tmp));
    run = await runCli(["scan", "--format", "json", control, ...paths.values()], STDIN_TEXT);
    report = JSON.parse(run.stdout) as ScanJson;
  }, 120_000);

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const resultsOf = (c: ScanCase) => {
    const p = paths.get(c) as string;
    return report.results.filter((r) => r.file === (p === "-" ? "<stdin>" : p));
  };

  it("exits 2, prints JSON, no stack trace, and still scans the control file", () => {
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toMatch(/internal error/);
    for (const l of run.stderr.trimEnd().split("\n")) expect(l).toMatch(/^hardened-cluster: /);
    expect(report.results.filter((r) => r.file === control)).toEqual([expect.objectContaining({ kind: "ConfigMap", violations: [] })]);
    expect(report.summary.errors).toBe(report.results.filter((r) => r.error).length);
  });

  describe.each(SCAN_CASES.map((c) => [c.name, c] as const))("%s", (_n, c: ScanCase) => {
    it("yields a per-file error naming the file (and line) without a stack trace", () => {
      const results = resultsOf(c);
      const errors = results.filter((r) => r.error !== undefined);
      expect(errors).toHaveLength(c.errors ?? 1);
      expect(results.filter((r) => r.error === undefined)).toHaveLength(c.objects ?? 0);
      for (const r of errors) {
        const shown = r.file;
        expect(r.error).toMatch(c.error);
        expect(r.error?.startsWith(c.line ? `${shown}:${c.line}:` : shown)).toBe(true);
        expect(r.error).not.toMatch(STACK_TRACE);
        expect(run.stderr).toContain(`hardened-cluster: ${r.error}\n`);
      }
    });

    it("names the fix", () => {
      const errors = resultsOf(c).filter((r) => r.error !== undefined);
      expect(errors.length).toBeGreaterThan(0);
      for (const r of errors) expect(r.error).toMatch(c.fix);
    });
  });
});

describe("valid but unusual scanner input (unknown kinds, missing metadata)", () => {
  it("is scanned as objects, not reported as input errors", async () => {
    const run = await runCli(["scan", "--format", "json", VALID_EDGE_DIR]);
    const report = JSON.parse(run.stdout) as ScanJson;
    expect(run.stderr).toBe("");
    expect(report.summary.errors).toBe(0);
    const byFile = Object.fromEntries(report.results.map((r) => [path.basename(r.file), r]));
    // design.md: an object no selected rule applies to still appears with an empty violations list
    expect(byFile["unknown-kind.yaml"]).toMatchObject({ kind: "Widget", name: "gadget", violations: [] });
    expect(byFile["missing-metadata.yaml"]).toMatchObject({ kind: "ConfigMap", name: "object-0", violations: [] });
    // a Pod without metadata is judged (it lands in "default" and runs unhardened) rather than crashing a rule
    expect(byFile["pod-missing-metadata.yaml"]).toMatchObject({ kind: "Pod", namespace: "default" });
    expect(byFile["pod-missing-metadata.yaml"].violations.some((v) => v.level === "mandatory")).toBe(true);
    expect(run.code).toBe(1);
  });
});
