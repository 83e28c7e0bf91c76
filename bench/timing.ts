/** Wall-clock timing helpers for the benchmarks. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Milliseconds since `start` (a `process.hrtime.bigint()` value). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Run `task` and return its result with the elapsed wall time in milliseconds. */
export async function timed<T>(task: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await task();
  return { value, ms: msSince(start) };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let gc: (() => void) | undefined;

/** Force a full collection (exposing V8's `gc` at run time), so one measurement does not pay for the previous one's garbage. */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/** CPU milliseconds (user + system) this process has used so far. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Run `task` and return its result with wall and CPU (this process) milliseconds. */
export async function timedCpu<T>(task: () => T | Promise<T>): Promise<{ value: T; ms: number; cpu: number }> {
  const cpu0 = cpuMs();
  const { value, ms } = await timed(task);
  return { value, ms, cpu: cpuMs() - cpu0 };
}

/** CPU milliseconds (user + system) another process has used so far, from /proc (Linux); undefined elsewhere. */
export function childCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = require("node:fs").readFileSync(`/proc/${pid}/stat`, "utf8") as string;
    // Fields after the parenthesised command name: utime is the 14th field, stime the 15th (1-based).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ on Linux (sysconf(_SC_CLK_TCK)); 100 on every mainstream kernel configuration. */
const CLOCK_TICKS_PER_SECOND = 100;
