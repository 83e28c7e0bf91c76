/** Benchmark 1: offline preview (record under mocks) plus the full pack over the analyzer protocol, per tenant count. */
import { NAMESPACES_PER_TENANT, recordTenantProgram } from "./tenant-program";
import { runPack, type PackTimings } from "./pack-run";
import { printTable } from "./table";
import { collectGarbage, timedCpu } from "./timing";
import type { RecordedResource } from "../engine/record";

/** One tenant count's figures. */
export interface PreviewScaleRow {
  readonly tenants: number;
  readonly resources: number;
  readonly recordMs: number;
  /** CPU ms spent recording (this process). */
  readonly recordCpuMs: number;
  readonly packStartMs: number;
  readonly analyzeMs: number;
  readonly stackMs: number;
  /** CPU ms of pack evaluation: the pack process plus this (client) process. */
  readonly packCpuMs: number;
  readonly mandatory: number;
  readonly advisory: number;
}

/** Pack evaluation time (per-resource analyze plus the stack call), without process start. */
export const packMs = (r: PreviewScaleRow): number => r.analyzeMs + r.stackMs;
/** Preview time without the pack's process start: recording plus pack evaluation. */
export const totalMs = (r: PreviewScaleRow): number => r.recordMs + packMs(r);

/** Linear-scaling goal for the ratio of two runs: 10 % headroom over the tenant ratio (1,000/100 ≤ 11, 300/100 ≤ 3.3). */
export const linearGoal = (big: number, small: number): number => (big / small) * 1.1;

/**
 * Record each tenant count (a 1-tenant warm-up first, so module loading is not billed to the smallest case),
 * then evaluate it with a fresh pack process. `onEvaluated` sees each count's resources and pack timings while
 * they are alive (so a caller can reuse them without holding them through the larger counts).
 */
export async function runPreviewScale(
  counts: readonly number[],
  onEvaluated?: (tenants: number, resources: readonly RecordedResource[], timings: PackTimings) => Promise<void>,
): Promise<PreviewScaleRow[]> {
  await recordTenantProgram(1);
  const rows: PreviewScaleRow[] = [];
  for (const tenants of counts) {
    collectGarbage();
    const { value: resources, ms: recordMs, cpu: recordCpuMs } = await timedCpu(() => recordTenantProgram(tenants));
    collectGarbage();
    const pack = await runPack(resources);
    rows.push({
      tenants,
      resources: resources.length,
      recordMs,
      recordCpuMs,
      packStartMs: pack.startMs,
      analyzeMs: pack.analyzeMs,
      stackMs: pack.stackMs,
      packCpuMs: pack.packCpuMs + pack.clientCpuMs,
      mandatory: pack.violations.filter((v) => v.level === "mandatory").length,
      advisory: pack.violations.filter((v) => v.level === "advisory").length,
    });
    process.stderr.write(`  preview: ${tenants} tenants, ${resources.length} resources done\n`);
    await onEvaluated?.(tenants, resources, pack);
  }
  return rows;
}

/** CPU time of recording plus pack evaluation (both processes). */
export const totalCpuMs = (r: PreviewScaleRow): number => r.recordCpuMs + r.packCpuMs;

/** Print benchmark 1's table and the largest/middle ratio against the linear goal, by wall and by CPU time. */
export function printPreviewScale(rows: readonly PreviewScaleRow[]): void {
  const per = (ms: number, n: number) => `${((ms / n) * 1000).toFixed(0)} µs`;
  const s = (ms: number) => (ms / 1000).toFixed(1);
  printTable(
    `1. Offline preview + full pack (${NAMESPACES_PER_TENANT} namespaces per tenant)`,
    ["tenants", "resources", "record s", "record/res", "record cpu/res", "analyze s", "analyzeStack s", "pack/res", "pack cpu/res", "total s", "total/res", "total cpu/res", "pack start s", "mandatory"],
    rows.map((r) => [
      r.tenants, r.resources, s(r.recordMs), per(r.recordMs, r.resources), per(r.recordCpuMs, r.resources), s(r.analyzeMs), s(r.stackMs), per(packMs(r), r.resources),
      per(r.packCpuMs, r.resources), s(totalMs(r)), per(totalMs(r), r.resources), per(totalCpuMs(r), r.resources), s(r.packStartMs), r.mandatory + r.advisory === 0 ? "0" : `${r.mandatory} (+${r.advisory} adv.)`,
    ]),
    ratioNotes(rows),
  );
}

function ratioNotes(rows: readonly PreviewScaleRow[]): string[] {
  if (rows.length < 2) return ["(ratio needs at least two tenant counts)"];
  const sorted = [...rows].sort((a, b) => a.tenants - b.tenants);
  const big = sorted[sorted.length - 1];
  const small = sorted[sorted.length - 2];
  const goal = linearGoal(big.tenants, small.tenants);
  const ratio = (f: (r: PreviewScaleRow) => number) => f(big) / f(small);
  const verdict = (x: number) => `${x.toFixed(2)}${x <= goal ? "" : " (above goal)"}`;
  const line = (label: string, total: (r: PreviewScaleRow) => number, record: (r: PreviewScaleRow) => number, pack: (r: PreviewScaleRow) => number) =>
    `- ${label}: total ${verdict(ratio(total))}, recording ${verdict(ratio(record))}, pack evaluation ${verdict(ratio(pack))}`;
  return [
    `Ratio ${big.tenants}/${small.tenants} tenants (resources ×${ratio((r) => r.resources).toFixed(2)}; goal ≤ ${goal.toFixed(1)}, linear + 10 %):`,
    line("wall time", totalMs, (r) => r.recordMs, packMs),
    line("CPU time ", totalCpuMs, (r) => r.recordCpuMs, (r) => r.packCpuMs),
    "Pack process start (once per preview) is excluded from per-resource figures; CPU = this process + the pack process (/proc).",
  ];
}
