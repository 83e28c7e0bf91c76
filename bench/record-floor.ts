/**
 * Benchmark 6: the offline preview's recording against the Pulumi runtime's own floor. For each pod count, fresh
 * processes (bench/record-floor-child.ts) register the same namespace + N compliant pods under bare
 * `pulumi.runtime.setMocks` (as shipped, and with the SDK's promise stack traces made lazy) and under the
 * engine's recorder; the modes alternate and the median of `reps` is kept. Goal: engine ≤ 2 × bare at 2,000 pods,
 * and per-resource cost flat from the smallest to the largest count.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { FLOOR_MODES, type FloorMeasurement, type FloorMode } from "./record-floor-modes";
import { printTable } from "./table";
import { median } from "./timing";

const ROOT = path.resolve(__dirname, "..");

/** One pod count's medians per mode. */
export interface FloorRow {
  readonly pods: number;
  readonly resources: number;
  readonly byMode: Readonly<Record<FloorMode, FloorMeasurement>>;
}

function measure(mode: FloorMode, pods: number): Promise<FloorMeasurement> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, "bin", "run-ts.js"), path.join(__dirname, "record-floor-child.ts"), mode, String(pods)], { cwd: ROOT, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`record-floor-child ${mode} ${pods} failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as FloorMeasurement),
    );
  });
}

const medianOf = (runs: readonly FloorMeasurement[]): FloorMeasurement => ({
  ms: median(runs.map((r) => r.ms)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
  resources: runs[0].resources,
  heapBytes: median(runs.map((r) => r.heapBytes)),
});

/** Measure every pod count, modes alternated `reps` times (one process per measurement). */
export async function runRecordFloor(counts: readonly number[], reps: number): Promise<FloorRow[]> {
  const rows: FloorRow[] = [];
  for (const pods of counts) {
    const runs: Record<FloorMode, FloorMeasurement[]> = { bare: [], "bare-lazy": [], engine: [] };
    for (let i = 0; i < reps; i++) for (const mode of FLOOR_MODES) runs[mode].push(await measure(mode, pods));
    const byMode = Object.fromEntries(FLOOR_MODES.map((m) => [m, medianOf(runs[m])])) as Record<FloorMode, FloorMeasurement>;
    rows.push({ pods, resources: byMode.engine.resources, byMode });
    process.stderr.write(`  floor: ${pods} pods done\n`);
  }
  return rows;
}

/** Print benchmark 6 with the engine/bare ratios and the per-resource trend. */
export function printRecordFloor(rows: readonly FloorRow[], reps: number): void {
  const per = (ms: number, n: number) => `${((ms / n) * 1000).toFixed(0)} µs`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)} ×`;
  printTable(
    `6. Recording vs bare setMocks (namespace + N compliant pods, fresh process per run, median of ${reps})`,
    ["pods", "resources", "bare ms", "bare cpu/res", "bare-lazy cpu/res", "engine ms", "engine cpu/res", "engine/bare wall", "engine/bare cpu", "engine/bare-lazy cpu", "engine heap/res"],
    rows.map((r) => {
      const { bare, "bare-lazy": lazy, engine } = r.byMode;
      return [
        r.pods, r.resources, bare.ms.toFixed(0), per(bare.cpuMs, r.resources), per(lazy.cpuMs, r.resources), engine.ms.toFixed(0), per(engine.cpuMs, r.resources),
        ratio(engine.ms, bare.ms), ratio(engine.cpuMs, bare.cpuMs), ratio(engine.cpuMs, lazy.cpuMs), `${(engine.heapBytes / r.resources / 1024).toFixed(1)} KiB`,
      ];
    }),
    rows.length > 1
      ? [`Engine CPU per resource ${rows[rows.length - 1].pods}/${rows[0].pods} pods: ${ratio(rows[rows.length - 1].byMode.engine.cpuMs / rows[rows.length - 1].resources, rows[0].byMode.engine.cpuMs / rows[0].resources)} (1.00 × = linear). Goal: engine ≤ 2 × bare at 2,000 pods.`]
      : [],
  );
}
