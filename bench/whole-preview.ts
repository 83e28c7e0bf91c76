/**
 * Benchmark 7, the whole preview against the runtime's floor: `hardened-cluster preview` of bench/pods-program
 * (a namespace and N compliant pods registered with the real `@pulumi/kubernetes` classes) as a user runs it: CLI
 * start, the program's transpile, recording under the offline engine, the real pack process, `analyze` per
 * resource and `analyzeStack`, the report; against a whole process registering the same pods under bare
 * `pulumi.runtime.setMocks` (bench/bare-pods-process.ts). Both as fresh processes, alternated, median of
 * `max(3, reps)`, CPU of the whole process tree (bench/process-tree.ts). `PULUMI_NODEJS_TRANSPILE_ONLY=true`, as
 * Pulumi's own ts-node honours it, so no type-check is timed (the floor has none).
 */
import * as path from "node:path";
import { runTree, type TreeRun } from "./process-tree";
import { median } from "./timing";

const ROOT = path.join(__dirname, "..");
const RUN_TS = path.join(ROOT, "bin", "run-ts.js");
const CLI = path.join(ROOT, "bin", "hardened-cluster.js");
const PROGRAM = path.join(__dirname, "pods-program");

/** Medians of both sides. */
export interface WholePreview {
  readonly pods: number;
  readonly reps: number;
  readonly bare: TreeRun;
  readonly preview: TreeRun;
}

function medianRun(runs: readonly TreeRun[]): TreeRun {
  return { ...runs[0], wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

/** Run both sides in alternation `reps` times. */
export async function runWholePreview(pods: number, reps: number): Promise<WholePreview> {
  const bare: TreeRun[] = [];
  const preview: TreeRun[] = [];
  for (let i = 0; i < reps; i++) {
    const b = await runTree(process.execPath, [RUN_TS, path.join(__dirname, "bare-pods-process.ts"), String(pods)]);
    if (b.exitCode !== 0 || Number(b.stdout.trim()) !== pods + 1) throw new Error(`bare process registered ${b.stdout.trim()} of ${pods + 1} (exit ${b.exitCode})`);
    bare.push(b);
    const p = await runTree(process.execPath, [CLI, "preview", "--program", PROGRAM, "--stack", "bench", "--quiet"], { BENCH_PODS: String(pods), PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
    // The pods are compliant; the namespace alone is not a full tenant (NP-001, NS-001), so the preview exits 1.
    if (p.exitCode !== 0 && p.exitCode !== 1) throw new Error(`preview exited ${p.exitCode}: ${p.stdout.trim()}`);
    if (!p.stdout.includes(`${pods + 2} resources`)) throw new Error(`preview did not see ${pods + 2} resources: ${p.stdout.trim()}`);
    preview.push(p);
  }
  return { pods, reps, bare: medianRun(bare), preview: medianRun(preview) };
}

/** Print benchmark 7's table. */
export function printWholePreview(w: WholePreview): void {
  const perRes = (ms: number) => `${((ms / (w.pods + 1)) * 1000).toFixed(0)} µs`;
  const lines = [
    `\n## 7. Whole preview vs bare setMocks (namespace + ${w.pods.toLocaleString("en")} pods, fresh processes, median of ${w.reps})\n`,
    "| run | wall ms | cpu ms (process tree) | cpu/resource | processes |",
    "|---|---:|---:|---:|---:|",
    `| bare setMocks process | ${w.bare.wallMs.toFixed(0)} | ${w.bare.cpuMs.toFixed(0)} | ${perRes(w.bare.cpuMs)} | ${w.bare.processes} |`,
    `| hardened-cluster preview | ${w.preview.wallMs.toFixed(0)} | ${w.preview.cpuMs.toFixed(0)} | ${perRes(w.preview.cpuMs)} | ${w.preview.processes} |`,
    "",
    `Preview/bare: CPU **${(w.preview.cpuMs / w.bare.cpuMs).toFixed(2)} ×** (goal ≤ 2), wall ${(w.preview.wallMs / w.bare.wallMs).toFixed(2)} ×.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
