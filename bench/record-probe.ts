/**
 * Recording-only probe (not part of `npm run bench`): records the tenant program (bench/tenant-program.ts) at each
 * tenant count in one process and prints, per count, wall and CPU time per resource, the heap still held per
 * resource after a full GC, and the time spent in each kind of GC while recording. Used to find where recording
 * stops being linear (bench/README.md, session 5):
 *
 *     node --max-semi-space-size=64 --max-old-space-size=16384 bin/run-ts.js bench/record-probe.ts 100 1000
 *
 * Add `--trace-gc-nvp` or `--cpu-prof` to the node flags for the details.
 */
import { PerformanceObserver, constants } from "node:perf_hooks";
import { recordTenantProgram } from "./tenant-program";
import { collectGarbage, timedCpu } from "./timing";

/** GC kinds as perf_hooks reports them. */
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "scavenge",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "mark-compact",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};

/** One tenant count's figures. */
export interface RecordProbeRow {
  readonly tenants: number;
  readonly resources: number;
  readonly wallUsPerResource: number;
  readonly cpuUsPerResource: number;
  /** Heap still used after a full GC, minus the heap before recording, per resource (KiB). */
  readonly heldKiBPerResource: number;
  /** Milliseconds of GC pauses while recording, by kind. */
  readonly gcMs: Record<string, number>;
}

/** Record each count (after a 1-tenant warm-up) and measure it. */
export async function runRecordProbe(counts: readonly number[]): Promise<RecordProbeRow[]> {
  const gcMs: Record<string, number> = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? "other";
      gcMs[kind] = (gcMs[kind] ?? 0) + entry.duration;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  await recordTenantProgram(1);
  const rows: RecordProbeRow[] = [];
  for (const tenants of counts) {
    collectGarbage();
    for (const kind of Object.keys(gcMs)) delete gcMs[kind];
    const before = process.memoryUsage().heapUsed;
    const { value: resources, ms, cpu } = await timedCpu(() => recordTenantProgram(tenants));
    // GC entries are delivered asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const gc = Object.fromEntries(Object.entries(gcMs).map(([kind, v]) => [kind, Math.round(v)]));
    collectGarbage();
    const held = process.memoryUsage().heapUsed - before;
    const n = resources.length;
    rows.push({ tenants, resources: n, wallUsPerResource: Math.round((ms / n) * 1000), cpuUsPerResource: Math.round((cpu / n) * 1000), heldKiBPerResource: Number((held / n / 1024).toFixed(1)), gcMs: gc });
  }
  observer.disconnect();
  return rows;
}

// Run when started as the script (bin/run-ts.js makes it argv[1]), not when imported.
if (/record-probe\.[jt]s$/.test(process.argv[1] ?? "")) {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  runRecordProbe(counts.length > 0 ? counts : [100, 300]).then(
    (rows) => {
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
