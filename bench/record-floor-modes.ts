/** What benchmark 6's parent (record-floor.ts) and its measuring child (record-floor-child.ts) share. */

/** Modes of a measurement. */
export const FLOOR_MODES = ["bare", "bare-lazy", "engine"] as const;
/** One mode. */
export type FloorMode = (typeof FLOOR_MODES)[number];

/** The figures one child prints. */
export interface FloorMeasurement {
  readonly ms: number;
  readonly cpuMs: number;
  readonly resources: number;
  /** Heap still held after the run (full collection before and after), in bytes. */
  readonly heapBytes: number;
}
