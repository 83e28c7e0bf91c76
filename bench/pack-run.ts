/** Send recorded resources to the real policy pack exactly as the preview CLI does, timing each phase. */
import type { Violation } from "../policy-pack/core/evaluate";
import { RULES } from "../policy-pack/registry";
import { analyzeWithPack } from "../engine/analyze";
import { startPack } from "../engine/pack-process";
import type { RecordedResource } from "../engine/record";
import { childCpuMs, cpuMs, msSince } from "./timing";

/** Timings (ms) of one pack evaluation of a resource set. */
export interface PackTimings {
  /** Spawning the pack process until it prints its port. */
  readonly startMs: number;
  /** `configure` plus one `analyze` per custom resource (concurrent, as the CLI sends them). */
  readonly analyzeMs: number;
  /** The single `analyzeStack` call over every resource. */
  readonly stackMs: number;
  /** CPU ms of the pack process for configure + analyze + analyzeStack (Linux /proc), else NaN. */
  readonly packCpuMs: number;
  /** CPU ms of this (client) process over the same span: serialization and gRPC. */
  readonly clientCpuMs: number;
  /** Resources sent with `analyze` (custom resources). */
  readonly analyzed: number;
  readonly violations: readonly Violation[];
}

/** Policy names and default levels, as the CLI passes them (saves the slow `getAnalyzerInfo`). */
const POLICIES = RULES.map((r) => ({ name: r.name, enforcementLevel: r.enforcementLevel }));

/** Start a fresh pack process (as each `preview` does), run `analyzeWithPack` over `resources`, stop the pack. */
export async function runPack(resources: readonly RecordedResource[]): Promise<PackTimings> {
  const spawned = process.hrtime.bigint();
  const pack = await startPack();
  const startMs = msSince(spawned);
  try {
    const began = process.hrtime.bigint();
    const packCpu0 = childCpuMs(pack.child.pid);
    const clientCpu0 = cpuMs();
    let analyzeMs = 0;
    let analyzed = 0;
    const { violations } = await analyzeWithPack(
      pack.port,
      resources,
      { shared: {}, policies: {} },
      (done, total) => {
        if (done === total) {
          analyzeMs = msSince(began);
          analyzed = total;
        }
      },
      POLICIES,
    );
    const totalMs = msSince(began);
    const packCpu1 = childCpuMs(pack.child.pid);
    const packCpuMs = packCpu0 === undefined || packCpu1 === undefined ? Number.NaN : packCpu1 - packCpu0;
    return { startMs, analyzeMs, stackMs: totalMs - analyzeMs, packCpuMs, clientCpuMs: cpuMs() - clientCpu0, analyzed, violations };
  } finally {
    pack.stop();
  }
}
