/**
 * `npm run bench [-- options]`: the benchmarks of issue 8, each printing a table with its ratio measured in this run.
 * 1 preview (record + real pack) per tenant count · 2 scan vs YAML parse · 3 pack over the protocol vs direct ·
 * 4 dev-stack graph depth and SG rule counts · 5 real pack vs a no-op pack on the same pods · 6 recording vs bare
 * setMocks on the same pods. See bench/README.md for options and recorded results.
 */
import { getHeapStatistics } from "node:v8";
import { parseBenchArgs, type BenchOptions } from "./args";
import { printGraphDepth, runGraphDepth } from "./graph-depth";
import { describeMachine } from "./machine";
import { printPackCost, runPackCost } from "./pack-cost";
import { printWholePreview, runWholePreview } from "./whole-preview";
import { runPack } from "./pack-run";
import { printPackVsDirect, runPackVsDirect, type PackVsDirect } from "./pack-vs-direct";
import { printPreviewScale, runPreviewScale } from "./preview-scale";
import { printRecordFloor, runRecordFloor } from "./record-floor";
import { printScanThroughput, runScanThroughput } from "./scan-throughput";
import { recordTenantProgram } from "./tenant-program";
import { msSince } from "./timing";

/** Heap the mock runtime holds per recorded tenant (measured: about 5 MB with 3 namespaces), plus headroom. */
const HEAP_PER_TENANT_BYTES = 6 * 2 ** 20;

/** Warn when the largest tenant count will not fit the V8 heap limit (1,000 tenants need about 6 GB). */
function warnAboutHeap(options: BenchOptions): void {
  const largest = Math.max(0, ...options.tenants, ...options.graphTenants);
  const limit = getHeapStatistics().heap_size_limit;
  if (largest * HEAP_PER_TENANT_BYTES > limit) {
    const gib = Math.ceil((largest * HEAP_PER_TENANT_BYTES * 1.5) / 2 ** 30);
    process.stderr.write(`warning: ${largest} tenants need more than the ${(limit / 2 ** 30).toFixed(1)} GiB heap limit: run with NODE_OPTIONS=--max-old-space-size=${gib * 1024}\n`);
  }
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  warnAboutHeap(options);
  const started = process.hrtime.bigint();
  process.stdout.write(`# hardened-cluster benchmarks\n\n${describeMachine().map((l) => `- ${l}`).join("\n")}\n`);
  const label = `${options.packTenants} tenants`;
  let packVsDirect: PackVsDirect | undefined;
  if (options.only.includes("preview")) {
    const rows = await runPreviewScale(options.tenants, async (tenants, resources, timings) => {
      if (tenants === options.packTenants && options.only.includes("pack")) packVsDirect = await runPackVsDirect(resources, timings);
    });
    printPreviewScale(rows);
  }
  if (options.only.includes("scan")) printScanThroughput(await runScanThroughput(options.objects, options.reps));
  if (options.only.includes("pack")) {
    if (!packVsDirect) {
      const resources = await recordTenantProgram(options.packTenants);
      packVsDirect = await runPackVsDirect(resources, await runPack(resources));
    }
    printPackVsDirect(packVsDirect, label);
  }
  if (options.only.includes("graph")) printGraphDepth(await runGraphDepth(options.graphTenants));
  if (options.only.includes("cost")) printPackCost(await runPackCost(options.costPods, Math.max(3, options.reps)));
  if (options.only.includes("floor")) printRecordFloor(await runRecordFloor(options.floorPods, Math.max(3, options.reps)), Math.max(3, options.reps));
  if (options.only.includes("whole")) printWholePreview(await runWholePreview(options.costPods, Math.max(3, options.reps)));
  process.stdout.write(`\nTotal ${(msSince(started) / 1000).toFixed(0)} s; load average at the end: ${describeMachine()[3].replace("load average: ", "")}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
