/**
 * Benchmark 5, pack cost: the real pack against a no-op CrossGuard pack (bench/noop-pack) on the same N compliant
 * pods, both over the analyzer protocol as `hardened-cluster preview` sends them (configure, one `analyze` per
 * resource, one `analyzeStack`). The packs run in alternation, `reps` times each, and the ratio is taken on the
 * medians of the pack processes' CPU time, which depends far less on the load of a shared machine than wall time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyInfo } from "../engine/analyzer-client";
import { analyzeWithPack } from "../engine/analyze";
import { startPack } from "../engine/pack-process";
import type { RecordedResource } from "../engine/record";
import { RULES } from "../policy-pack/registry";
import { podObjects } from "./pods";
import { childCpuMs, median, msSince } from "./timing";
import { recorded } from "../test/support/recorded";

/** Folder of the no-op pack. */
export const NOOP_PACK_DIR = path.join(__dirname, "noop-pack");

/** Policies of the no-op pack, as `configure` needs them. */
const NOOP_POLICIES: readonly PolicyInfo[] = [
  { name: "noop-resource", enforcementLevel: "mandatory" },
  { name: "noop-stack", enforcementLevel: "mandatory" },
];

/** Policies of the real pack (saves `getAnalyzerInfo`, as the CLI does). */
const REAL_POLICIES: readonly PolicyInfo[] = RULES.map((r) => ({ name: r.name, enforcementLevel: r.enforcementLevel }));


/** One recorded custom resource, as the mock recorder would hold it. */
function resource(type: string, name: string, inputs: Record<string, any>): RecordedResource {
  return recorded(type, name, inputs, { urn: `urn:pulumi:bench::pack-cost::${type}::${name}` });
}

/** `count` pods that follow the restricted profile (plus their namespace), as the recorder would hold them. */
export function compliantPods(count: number): RecordedResource[] {
  return podObjects(count).map((o) => resource(o.type, o.name, o.inputs));
}

/** One pack's run over the resources. */
export interface PackCostRun {
  /** configure + analyze + analyzeStack, wall ms. */
  readonly wallMs: number;
  /** CPU ms of the pack process over the same span. */
  readonly cpuMs: number;
  readonly violations: number;
}

/** Start the pack in `dir` (with `env` set while it starts), send `resources` once, stop it. */
async function runOnce(dir: string | undefined, policies: readonly PolicyInfo[] | undefined, resources: readonly RecordedResource[], env: Record<string, string> = {}): Promise<PackCostRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const started = startPack(dir);
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const pack = await started;
  try {
    const cpu0 = childCpuMs(pack.child.pid);
    const began = process.hrtime.bigint();
    const { violations } = await analyzeWithPack(pack.port, resources, { shared: {}, policies: {} }, undefined, policies);
    const wallMs = msSince(began);
    const cpu1 = childCpuMs(pack.child.pid);
    return { wallMs, cpuMs: cpu0 === undefined || cpu1 === undefined ? Number.NaN : cpu1 - cpu0, violations: violations.length };
  } finally {
    pack.stop();
  }
}

/** Medians over the repetitions, per pack. */
export interface PackCost {
  readonly resources: number;
  readonly reps: number;
  readonly real: PackCostRun;
  /** The minimal no-op pack: one resource and one stack policy. */
  readonly noop: PackCostRun;
  /** The registry-shaped no-op pack: one no-op policy per rule, decoded per policy by the SDK as shipped. */
  readonly noopShaped: PackCostRun;
  /** Pulumi's AWSGuard (bench/awsguard-pack), when installed. */
  readonly awsguard?: PackCostRun;
}

/** Folder of the AWSGuard peer pack (its node_modules installed on demand, see `awsguardInstalled`). */
export const AWSGUARD_PACK_DIR = path.join(__dirname, "awsguard-pack");

/** Whether `npm ci --prefix bench/awsguard-pack` has been run (the package needs the network, so it is optional). */
export function awsguardInstalled(dir: string = AWSGUARD_PACK_DIR): boolean {
  return fs.existsSync(path.join(dir, "node_modules", "@pulumi", "awsguard", "package.json"));
}

/** Run the packs in alternation `reps` times over `pods` compliant pods (AWSGuard too when installed). */
export async function runPackCost(pods: number, reps: number): Promise<PackCost> {
  const resources = compliantPods(pods);
  const real: PackCostRun[] = [];
  const noop: PackCostRun[] = [];
  const noopShaped: PackCostRun[] = [];
  const awsguard: PackCostRun[] = [];
  const withAwsguard = awsguardInstalled();
  for (let i = 0; i < reps; i++) {
    noop.push(await runOnce(NOOP_PACK_DIR, NOOP_POLICIES, resources));
    noopShaped.push(await runOnce(NOOP_PACK_DIR, REAL_POLICIES, resources, { NOOP_PACK_SHAPE: "registry" }));
    real.push(await runOnce(undefined, REAL_POLICIES, resources));
    if (withAwsguard) awsguard.push(await runOnce(AWSGUARD_PACK_DIR, undefined, resources, { NODE_NO_WARNINGS: "1" }));
  }
  const med = (runs: PackCostRun[]): PackCostRun => ({
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    violations: runs[0].violations,
  });
  return { resources: resources.length, reps, real: med(real), noop: med(noop), noopShaped: med(noopShaped), ...(withAwsguard ? { awsguard: med(awsguard) } : {}) };
}

/** Print the pack-cost table and its ratios. */
export function printPackCost(cost: PackCost): void {
  const perRes = (ms: number) => `${((ms / cost.resources) * 1000).toFixed(0)} µs`;
  const row = (label: string, r: PackCostRun) =>
    `| ${label} | ${r.wallMs.toFixed(0)} | ${perRes(r.wallMs)} | ${r.cpuMs.toFixed(0)} | ${perRes(r.cpuMs)} | ${r.violations} |`;
  const lines = [
    `\n## 5. Pack cost: real pack vs no-op pack (${cost.resources.toLocaleString("en")} resources, median of ${cost.reps})\n`,
    "| pack | wall ms | wall/res | pack cpu ms | cpu/res | violations |",
    "|---|---:|---:|---:|---:|---:|",
    row("no-op, minimal (1 resource + 1 stack policy)", cost.noop),
    row(`no-op, registry-shaped (${REAL_POLICIES.length} no-op policies)`, cost.noopShaped),
    row(`real (${REAL_POLICIES.length} policies)`, cost.real),
    ...(cost.awsguard ? [row("AWSGuard 0.3.1, all mandatory (bench/awsguard-pack)", cost.awsguard)] : []),
    "",
    `Real/no-op minimal: CPU **${(cost.real.cpuMs / cost.noop.cpuMs).toFixed(2)} ×** (goal ≤ 1.25), wall ${(cost.real.wallMs / cost.noop.wallMs).toFixed(2)} ×.`,
    `Real/no-op registry-shaped: CPU **${(cost.real.cpuMs / cost.noopShaped.cpuMs).toFixed(2)} ×**, wall ${(cost.real.wallMs / cost.noopShaped.wallMs).toFixed(2)} ×.`,
    cost.awsguard
      ? `Real/AWSGuard CPU per resource: **${(cost.real.cpuMs / cost.awsguard.cpuMs).toFixed(2)} ×** (goal ≤ 2), wall ${(cost.real.wallMs / cost.awsguard.wallMs).toFixed(2)} ×.`
      : "AWSGuard not installed, so not compared (goal: real ≤ 2 × AWSGuard per resource): `npm ci --prefix bench/awsguard-pack` (needs the npm registry), then re-run.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
