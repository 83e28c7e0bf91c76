/**
 * `npm run mutation [-- --only eks,node] [--summary] [-- <stryker args>]`: Stryker over the policy pack, one group
 * of files at a time, then one pack-wide table (`reports/mutation/summary.md`, from the committed reports).
 *
 * Every group runs with every test of `jest.config.mutation.js`. Stryker's jest runner used to load every test file
 * for every mutant (it filters by test name only) and to run all covering tests of a killed mutant to the end;
 * scripts/mutation/jest-runner.js loads only the files holding a covering test and stops at the first failure, so a
 * mutant costs its covering tests, not the suite. Groups keep runs short enough to commit one at a time: runs are
 * incremental, and the incremental reports are committed (`.stryker/incremental/<group>.json`, see
 * INCREMENTAL_DIR), so a run on a fresh clone or in CI re-tests only the mutants whose code or covering tests
 * changed since the committed run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/**
 * Files of `policy-pack/` that are not mutated: the entry point and the CrossGuard adapter (policies, the type
 * dispatch and `getAnalyzerInfo`), whose tests compare whole analyzer answers with the SDK's own loop over recorded
 * platform stacks or through the real pack process (test/policy/core/dispatch.test.ts, analyzer-info.test.ts,
 * test/engine/pack-protocol.test.ts): seconds per mutant.
 */
export const NOT_MUTATED: readonly string[] = ["policy-pack/index.ts", "policy-pack/core/policies.ts", "policy-pack/core/dispatch.ts", "policy-pack/core/analyzer-info.ts"];

/**
 * One group of files mutated together in one Stryker run (one committed incremental report). Every group runs
 * with every test of `jest.config.mutation.js` (test/policy and test/property): the mutation runner
 * (scripts/mutation/jest-runner.js) loads for a mutant only the test files holding a test that covered it, so a
 * broad test set costs only the dry run, and a group's score is not a lower bound.
 */
export interface MutationGroup {
  /** Group name (`--only <name>`, `.stryker/incremental/<name>.json`). */
  readonly name: string;
  /** Files mutated: a path, or `dir/*.ts` for the `.ts` files directly in `dir`. */
  readonly mutate: readonly string[];
}

/** The pack, split so that every file of `policy-pack/` except NOT_MUTATED is in exactly one group. */
export const MUTATION_GROUPS: readonly MutationGroup[] = [
  { name: "eks", mutate: ["policy-pack/rules/eks/*.ts"] },
  { name: "node", mutate: ["policy-pack/rules/node/*.ts"] },
  { name: "sg", mutate: ["policy-pack/rules/sg/*.ts"] },
  {
    name: "small",
    mutate: ["policy-pack/rules/ecr/*.ts", "policy-pack/rules/logs/*.ts", "policy-pack/rules/detection/*.ts", "policy-pack/rules/kms/*.ts"],
  },
  { name: "ns", mutate: ["policy-pack/rules/namespace/*.ts", "policy-pack/rules/network/*.ts", "policy-pack/rules/quota/*.ts"] },
  { name: "misc", mutate: ["policy-pack/rules/serviceaccount/*.ts", "policy-pack/rules/service/*.ts", "policy-pack/rules/image/*.ts"] },
  { name: "rbac", mutate: ["policy-pack/rules/rbac/*.ts"] },
  { name: "pss", mutate: ["policy-pack/rules/pss/*.ts"] },
  {
    name: "aws-api",
    mutate: ["policy-pack/rules/aws-api/*.ts", "policy-pack/core/arns.ts", "policy-pack/core/aws-text.ts", "policy-pack/core/cidr-host-bits.ts"],
  },
  { name: "ordering", mutate: ["policy-pack/rules/ordering/*.ts", "policy-pack/core/creation-order.ts", "policy-pack/core/addon-config.ts"] },
  { name: "secrets-ingress", mutate: ["policy-pack/rules/secrets/*.ts", "policy-pack/rules/ingress/*.ts"] },
  { name: "core-sg", mutate: ["policy-pack/core/security-groups.ts", "policy-pack/core/cidr.ts", "policy-pack/core/egress.ts"] },
  { name: "core-native", mutate: ["policy-pack/core/native.ts", "policy-pack/core/native-view.ts"] },
  { name: "core-fields", mutate: ["policy-pack/core/fields.ts"] },
  {
    name: "core-k8s",
    mutate: ["policy-pack/core/workloads.ts", "policy-pack/core/pss-check.ts", "policy-pack/core/images.ts", "policy-pack/core/tenants.ts", "policy-pack/core/rbac.ts"],
  },
  {
    name: "core-eval",
    mutate: ["policy-pack/core/evaluate.ts", "policy-pack/core/exemptions.ts", "policy-pack/core/config.ts", "policy-pack/core/rule.ts", "policy-pack/core/unknowns.ts", "policy-pack/core/shared-decode.ts", "policy-pack/core/known-props.ts", "policy-pack/core/rule-settings.ts"],
  },
  { name: "base", mutate: ["policy-pack/baseline/*.ts", "policy-pack/registry.ts"] },
];

/** Whether a repo-relative file path (forward slashes) is matched by one `mutate` entry of a group. */
export function matchesMutate(file: string, pattern: string): boolean {
  if (!pattern.endsWith("/*.ts")) return file === pattern;
  const dir = pattern.slice(0, -"/*.ts".length);
  return file.startsWith(`${dir}/`) && file.endsWith(".ts") && !file.slice(dir.length + 1).includes("/");
}

/** The groups whose `mutate` entries match a file (exactly one for every mutated file of the pack). */
export function groupsOf(file: string): readonly MutationGroup[] {
  return MUTATION_GROUPS.filter((g) => g.mutate.some((m) => matchesMutate(file, m)));
}

const ROOT = path.resolve(__dirname, "..");
const REPORTS = path.join(ROOT, "reports", "mutation");
/** Committed incremental reports, one per group (reports/ is gitignored: these must survive a fresh clone). */
export const INCREMENTAL_DIR = ".stryker/incremental";
/** Committed wall time of each group's last run (seconds, date, Stryker exit), read by the summary table. */
export const RUN_TIMES_FILE = ".stryker/run-times.json";

/** Mutant counts of one report. */
export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Static mutants with `ignoreStatic`, and mutants Stryker could not run (compile/runtime errors): not scored. */
  notScored: number;
}

/** Shape of the part of a Stryker JSON (or incremental) report that the tally reads. */
interface StrykerReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Count mutant statuses in a Stryker JSON report (ignored, static and compile errors are not scored). */
export function tally(report: StrykerReport): Tally {
  const t: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, notScored: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === "Killed") t.killed++;
      else if (m.status === "Timeout") t.timeout++;
      else if (m.status === "Survived") t.survived++;
      else if (m.status === "NoCoverage") t.noCoverage++;
      else t.notScored++;
    }
  }
  return t;
}

/** Mutation score as Stryker defines it: detected / (detected + undetected). */
export const score = (t: Tally): number => (100 * (t.killed + t.timeout)) / Math.max(1, t.killed + t.timeout + t.survived + t.noCoverage);

/** Wall time of one group's last run. */
interface RunTime {
  seconds: number;
  date: string;
}

function readRunTimes(): Record<string, RunTime> {
  const file = path.join(ROOT, RUN_TIMES_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, RunTime>) : {};
}

function runGroup(group: MutationGroup, extraArgs: readonly string[]): void {
  const base = JSON.parse(readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")) as Record<string, unknown>;
  delete base.$schema;
  const configFile = path.join(ROOT, `.stryker-${group.name}.config.json`);
  writeFileSync(
    configFile,
    JSON.stringify({ ...base, mutate: group.mutate, jsonReporter: { fileName: `reports/mutation/${group.name}.json` }, tempDirName: `.stryker-tmp-${group.name}` }),
  );
  process.stdout.write(`\n== ${group.name}: ${group.mutate.join(" ")}\n`);
  const started = Date.now();
  try {
    const run = spawnSync("npx", ["stryker", "run", configFile, "--incremental", "--incrementalFile", `${INCREMENTAL_DIR}/${group.name}.json`, ...extraArgs], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (run.status !== 0) throw new Error(`stryker failed for group ${group.name} (exit ${run.status})`);
    const times = readRunTimes();
    times[group.name] = { seconds: Math.round((Date.now() - started) / 1000), date: new Date().toISOString().slice(0, 16) + "Z" };
    writeFileSync(path.join(ROOT, RUN_TIMES_FILE), `${JSON.stringify(times, null, 2)}\n`);
  } finally {
    rmSync(configFile, { force: true });
  }
}

const minutes = (s: number): string => (s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`);

/** The pack-wide table from the committed incremental reports; names the groups that have none. */
export function summary(reportOf: (group: string) => StrykerReport | undefined, times: Record<string, RunTime>): string {
  const rows: string[] = [
    "| group | mutants | killed | timeout | survived | no coverage | not scored (static) | score | last run |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const total: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, notScored: 0 };
  const missing: string[] = [];
  let seconds = 0;
  for (const g of MUTATION_GROUPS) {
    const report = reportOf(g.name);
    if (!report) {
      missing.push(g.name);
      continue;
    }
    const t = tally(report);
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
    const n = t.killed + t.timeout + t.survived + t.noCoverage + t.notScored;
    const time = times[g.name];
    if (time) seconds += time.seconds;
    rows.push(
      `| ${g.name} | ${n} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.notScored} | ${score(t).toFixed(2)} % | ${time ? minutes(time.seconds) : "?"} |`,
    );
  }
  const n = total.killed + total.timeout + total.survived + total.noCoverage + total.notScored;
  const label = missing.length === 0 ? "**pack**" : `**${MUTATION_GROUPS.length - missing.length} of ${MUTATION_GROUPS.length} groups**`;
  rows.push(
    `| ${label} | ${n} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${total.notScored} | **${score(total).toFixed(2)} %** | ${minutes(seconds)} |`,
  );
  const note = missing.length > 0 ? `\nNot run yet: ${missing.join(", ")}. The last row covers the other groups only: it is not a pack-wide score.\n` : "";
  return `${rows.join("\n")}\n${note}`;
}

function main(argv: readonly string[]): void {
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? "").split(",") : [];
  const unknown = only.filter((n) => !MUTATION_GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) throw new Error(`--only: unknown group(s) ${unknown.join(", ")}; groups: ${MUTATION_GROUPS.map((g) => g.name).join(", ")}`);
  // Anything after `--` goes to Stryker (`npm run mutation -- --only eks -- --ignoreStatic false`).
  const dashes = argv.indexOf("--");
  const extra = dashes >= 0 ? argv.slice(dashes + 1) : [];
  mkdirSync(REPORTS, { recursive: true });
  mkdirSync(path.join(ROOT, INCREMENTAL_DIR), { recursive: true });
  if (!argv.includes("--summary")) for (const g of MUTATION_GROUPS) if (only.length === 0 || only.includes(g.name)) runGroup(g, extra);

  const reportOf = (group: string): StrykerReport | undefined => {
    const file = path.join(ROOT, INCREMENTAL_DIR, `${group}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as StrykerReport) : undefined;
  };
  const table = summary(reportOf, readRunTimes());
  process.stdout.write(`\n${table}`);
  writeFileSync(path.join(REPORTS, "summary.md"), table);
}

// Run only as the script (`npm run mutation`: bin/run-ts.js puts this file in argv[1]), not when a test imports it.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) main(process.argv.slice(2));
