/**
 * One measurement of benchmark 6 in a fresh process (argv: mode, pod count): register a namespace and N compliant
 * pods with the real `@pulumi/kubernetes` classes under bare `pulumi.runtime.setMocks` (`bare`: the SDK's own mock
 * runtime as shipped, the floor; `bare-lazy`: the same with the SDK's per-promise stack traces made lazy as the
 * engine does) or under the offline preview's recorder (`engine`: `recordRun`, as `hardened-cluster preview` runs a
 * program), and print `{ ms, cpuMs, resources, heapBytes }` as JSON. Module loading happens before the clock
 * starts, so every mode times registration only; the heap is measured while the run's result is still held.
 */
import { deferPromiseStackTraces } from "../engine/lazy-promise-stacks";
import { recordRun } from "../engine/record";
import { registerPods, registerPodsUnderBareMocks } from "./bare-pods";
import { FLOOR_MODES, type FloorMeasurement } from "./record-floor-modes";
import { collectGarbage, cpuMs, msSince } from "./timing";

async function bare(count: number, lazy: boolean): Promise<unknown[]> {
  if (lazy) deferPromiseStackTraces();
  return registerPodsUnderBareMocks(count);
}

async function engine(count: number): Promise<unknown[]> {
  const run = await recordRun(() => registerPods(count), { project: "pack-cost", stack: "bench", config: { "aws:region": "eu-west-1" } });
  return run.resources;
}

async function main(): Promise<void> {
  const [mode, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!(FLOOR_MODES as readonly string[]).includes(mode) || !Number.isInteger(count) || count < 1) throw new Error(`usage: record-floor-child.ts ${FLOOR_MODES.join("|")} <pods>`);
  collectGarbage();
  const heap0 = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const cpu0 = cpuMs();
  const held = await (mode === "engine" ? engine(count) : bare(count, mode === "bare-lazy"));
  const measurement: Omit<FloorMeasurement, "heapBytes"> = { ms: msSince(start), cpuMs: cpuMs() - cpu0, resources: held.length };
  collectGarbage();
  const heapBytes = process.memoryUsage().heapUsed - heap0;
  process.stdout.write(`${JSON.stringify({ ...measurement, heapBytes, held: held.length })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
