import type { RecordedResource, RecordedRun } from "./record";
import type { UnverifiedEntry } from "./unverified";

/** What the language-host child needs to run a program (passed in its environment as JSON). */
export interface HostRequest {
  readonly project: string;
  readonly stack: string;
  /** Program folder (cwd of the run, home of `.hardened-cluster/stack-outputs`). */
  readonly dir: string;
  /** Absolute entry module. */
  readonly main: string;
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
}

/** Environment variable carrying the {@link HostRequest}. */
export const HOST_REQUEST_ENV = "HARDENED_CLUSTER_HOST_REQUEST";

/** A {@link RecordedRun} as plain JSON (Maps and Sets as arrays) for the IPC channel. */
export interface WireRun {
  readonly resources: RecordedResource[];
  readonly unansweredInvokes: [string, number][];
  readonly expanded: string[];
  readonly duplicates: string[];
  readonly unverified: UnverifiedEntry[];
}

/** Messages from the language host to the engine. */
export type HostMessage =
  | { readonly kind: "registration"; readonly type: string; readonly name: string; readonly end: boolean }
  | { readonly kind: "done"; readonly run: WireRun }
  | { readonly kind: "error"; readonly message: string };

/** Encode a run for IPC. */
export function toWireRun(run: RecordedRun): WireRun {
  return {
    resources: run.resources,
    unansweredInvokes: [...run.unansweredInvokes],
    expanded: [...run.expanded],
    duplicates: [...run.duplicates],
    unverified: [...run.unverified],
  };
}

/** Decode a run received over IPC. */
export function fromWireRun(run: WireRun): RecordedRun {
  return { ...run, unansweredInvokes: new Map(run.unansweredInvokes), expanded: new Set(run.expanded) };
}
