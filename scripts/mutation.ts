/**
 * `npm run mutation [-- --only eks,node] [--summary]`: Stryker over the policy pack, one group of files at a time,
 * each with the test files that exercise it, then one pack-wide score.
 *
 * Why groups: Stryker's jest runner loads every test file for every mutant (it filters by test name only), so
 * one run over the whole pack spends ~3 s per mutant on module loading; a group with its own test files is
 * ~5× faster. Each group's score is a lower bound (tests in other files might kill more). Baseline data and the
 * registry are used by every rule, so that group runs with every policy and property test. Runs are incremental,
 * and the incremental reports are committed (`.stryker/incremental/<group>.json`, see INCREMENTAL_DIR): a run on a
 * fresh clone or in CI re-tests only the mutants whose code or covering tests changed since the committed run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** Test files (by base name, `x` matches `x.test.ts` and `x.property.test.ts`) that every group also runs. */
const UNKNOWNS = ["preview-unknowns", "unknowns"];

/** One group of files mutated together, and the test files that exercise them. */
interface MutationGroup {
  readonly name: string;
  readonly mutate: readonly string[];
  /** Test base names; empty = every test under test/policy and test/property. */
  readonly tests: readonly string[];
}

/** The pack, split so that every file of `policy-pack/` (except the CrossGuard adapter and entry point) is in one group. */
export const MUTATION_GROUPS: readonly MutationGroup[] = [
  { name: "eks", mutate: ["policy-pack/rules/eks/*.ts"], tests: ["eks", "cidr", ...UNKNOWNS] },
  { name: "node", mutate: ["policy-pack/rules/node/*.ts"], tests: ["node", "nodes", ...UNKNOWNS] },
  { name: "sg", mutate: ["policy-pack/rules/sg/*.ts"], tests: ["sg", "security-groups", "cidr", "kms-sg", ...UNKNOWNS] },
  {
    name: "small",
    mutate: ["policy-pack/rules/ecr/*.ts", "policy-pack/rules/logs/*.ts", "policy-pack/rules/detection/*.ts", "policy-pack/rules/kms/*.ts"],
    tests: ["kms-ecr", "logs", "detection", "kms-sg", "eks", "small", ...UNKNOWNS],
  },
  {
    name: "ns",
    mutate: ["policy-pack/rules/namespace/*.ts", "policy-pack/rules/network/*.ts", "policy-pack/rules/quota/*.ts"],
    tests: ["namespace", "network", "quota", "tenant-baseline", "workloads", "ns", ...UNKNOWNS],
  },
  {
    name: "misc",
    mutate: ["policy-pack/rules/serviceaccount/*.ts", "policy-pack/rules/service/*.ts", "policy-pack/rules/image/*.ts"],
    tests: ["serviceaccount-service", "images", "tenant-baseline", "workloads", "misc", ...UNKNOWNS],
  },
  { name: "rbac", mutate: ["policy-pack/rules/rbac/*.ts"], tests: ["rbac", "tenant-baseline", ...UNKNOWNS] },
  {
    name: "pss",
    mutate: ["policy-pack/rules/pss/*.ts"],
    tests: ["applicability", "baseline", "compliant", "profiles", "restricted", "workloads", "x01", "pss", ...UNKNOWNS],
  },
  { name: "core-sg", mutate: ["policy-pack/core/security-groups.ts", "policy-pack/core/cidr.ts"], tests: ["sg", "security-groups", "cidr", "kms-sg", ...UNKNOWNS] },
  { name: "core-fields", mutate: ["policy-pack/core/fields.ts"], tests: ["eks", "node", "logs", "kms-ecr", "evaluate", ...UNKNOWNS] },
  {
    name: "core-k8s",
    mutate: ["policy-pack/core/workloads.ts", "policy-pack/core/pss-check.ts", "policy-pack/core/images.ts", "policy-pack/core/tenants.ts", "policy-pack/core/rbac.ts"],
    tests: [
      ...["applicability", "baseline", "compliant", "profiles", "restricted", "workloads", "x01", "pss"],
      ...["images", "namespace", "network", "quota", "rbac", "tenant-baseline", "serviceaccount-service", "ns", "misc"],
      ...UNKNOWNS,
    ],
  },
  {
    name: "core-eval",
    mutate: ["policy-pack/core/evaluate.ts", "policy-pack/core/exemptions.ts", "policy-pack/core/config.ts", "policy-pack/core/rule.ts", "policy-pack/core/unknowns.ts", "policy-pack/core/shared-decode.ts"],
    tests: ["evaluate", "policies", "shared-decode", "registry", "harness", "eks", "node", "sg", "kms-ecr", "logs", "detection", "namespace", "rbac", ...UNKNOWNS],
  },
  { name: "base", mutate: ["policy-pack/baseline/*.ts", "policy-pack/registry.ts"], tests: [] },
];

const ROOT = path.resolve(__dirname, "..");
const REPORTS = path.join(ROOT, "reports", "mutation");
/** Committed incremental reports, one per group (reports/ is gitignored: these must survive a fresh clone). */
export const INCREMENTAL_DIR = ".stryker/incremental";

/** Mutant counts of one report. */
interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
}

/** Count mutant statuses in a Stryker JSON report (ignored, static and compile errors are not scored). */
function tally(reportFile: string): Tally {
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as { files: Record<string, { mutants: { status: string }[] }> };
  const t: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === "Killed") t.killed++;
      else if (m.status === "Timeout") t.timeout++;
      else if (m.status === "Survived") t.survived++;
      else if (m.status === "NoCoverage") t.noCoverage++;
    }
  }
  return t;
}

/** Mutation score as Stryker defines it: detected / (detected + undetected). */
const score = (t: Tally): number => (100 * (t.killed + t.timeout)) / Math.max(1, t.killed + t.timeout + t.survived + t.noCoverage);

function runGroup(group: MutationGroup): void {
  const base = JSON.parse(readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")) as Record<string, unknown>;
  delete base.$schema;
  const configFile = path.join(ROOT, `.stryker-${group.name}.config.json`);
  writeFileSync(
    configFile,
    JSON.stringify({ ...base, mutate: group.mutate, jsonReporter: { fileName: `reports/mutation/${group.name}.json` }, tempDirName: `.stryker-tmp-${group.name}` }),
  );
  process.stdout.write(`\n== ${group.name}: ${group.mutate.join(" ")} (tests: ${group.tests.join(", ") || "all"})\n`);
  try {
    const run = spawnSync("npx", ["stryker", "run", configFile, "--incremental", "--incrementalFile", `${INCREMENTAL_DIR}/${group.name}.json`], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, MUTATION_TESTS: group.tests.join(",") },
    });
    if (run.status !== 0) throw new Error(`stryker failed for group ${group.name} (exit ${run.status})`);
  } finally {
    rmSync(configFile, { force: true });
  }
}

function main(argv: readonly string[]): void {
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? "").split(",") : [];
  const unknown = only.filter((n) => !MUTATION_GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) throw new Error(`--only: unknown group(s) ${unknown.join(", ")}; groups: ${MUTATION_GROUPS.map((g) => g.name).join(", ")}`);
  mkdirSync(REPORTS, { recursive: true });
  mkdirSync(path.join(ROOT, INCREMENTAL_DIR), { recursive: true });
  if (!argv.includes("--summary")) for (const g of MUTATION_GROUPS) if (only.length === 0 || only.includes(g.name)) runGroup(g);

  const rows: string[] = ["| group | killed | timeout | survived | no coverage | score |", "|---|---:|---:|---:|---:|---:|"];
  const total: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  const missing: string[] = [];
  for (const g of MUTATION_GROUPS) {
    const file = path.join(REPORTS, `${g.name}.json`);
    if (!existsSync(file)) {
      missing.push(g.name);
      continue;
    }
    const t = tally(file);
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
    rows.push(`| ${g.name} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${score(t).toFixed(2)} % |`);
  }
  rows.push(`| **pack** | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | **${score(total).toFixed(2)} %** |`);
  process.stdout.write(`\n${rows.join("\n")}\n`);
  if (missing.length > 0) process.stdout.write(`not run yet: ${missing.join(", ")} (the pack row covers the others only)\n`);
  writeFileSync(path.join(REPORTS, "summary.md"), `${rows.join("\n")}\n`);
}

main(process.argv.slice(2));
