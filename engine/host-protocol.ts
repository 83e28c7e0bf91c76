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

/**
 * A resource for IPC: a wire view that is the very object of its SDK view (engine/plain-values.ts: the usual case) is
 * left out and restored by {@link fromWireRun}, so the channel carries one copy of each.
 */
function toWireResource(r: RecordedResource): RecordedResource {
  if (r.wireInputs !== r.inputs && r.wireOutputs !== r.outputs) return r;
  const { wireInputs, wireOutputs, ...rest } = r;
  return {
    ...rest,
    ...(wireInputs !== r.inputs ? { wireInputs } : { [SHARED_WIRE_INPUTS]: true }),
    ...(wireOutputs !== r.outputs ? { wireOutputs } : { [SHARED_WIRE_OUTPUTS]: true }),
  } as RecordedResource;
}

/** Marks a resource whose `wireInputs` is its `inputs` (see {@link toWireResource}). */
const SHARED_WIRE_INPUTS = "sharedWireInputs";
/** Marks a resource whose `wireOutputs` is its `outputs`. */
const SHARED_WIRE_OUTPUTS = "sharedWireOutputs";

function fromWireResource(r: RecordedResource): RecordedResource {
  const marked = r as RecordedResource & { [SHARED_WIRE_INPUTS]?: true; [SHARED_WIRE_OUTPUTS]?: true };
  if (!marked[SHARED_WIRE_INPUTS] && !marked[SHARED_WIRE_OUTPUTS]) return r;
  const { [SHARED_WIRE_INPUTS]: sharedInputs, [SHARED_WIRE_OUTPUTS]: sharedOutputs, ...rest } = marked;
  return { ...rest, ...(sharedInputs ? { wireInputs: rest.inputs } : {}), ...(sharedOutputs ? { wireOutputs: rest.outputs } : {}) };
}

/** Encode a run for IPC. */
export function toWireRun(run: RecordedRun): WireRun {
  return {
    resources: run.resources.map(toWireResource),
    unansweredInvokes: [...run.unansweredInvokes],
    expanded: [...run.expanded],
    duplicates: [...run.duplicates],
    unverified: [...run.unverified],
  };
}

/** Decode a run received over IPC. */
export function fromWireRun(run: WireRun): RecordedRun {
  return { ...run, resources: run.resources.map(fromWireResource), unansweredInvokes: new Map(run.unansweredInvokes), expanded: new Set(run.expanded) };
}
