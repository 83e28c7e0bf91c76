import type { RecordedResource } from "../../cli/preview/record";
import { loadStackConfig, runPlatform } from "./stack-config";

/** Recorded runs of the three stack files, computed once per test file. */
const cache = new Map<string, Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }>>();

/** Run a stack file's config through the platform program (memoised). */
export function stackRun(stack: "dev" | "staging" | "prod"): Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }> {
  if (!cache.has(stack)) cache.set(stack, runPlatform(loadStackConfig(stack), stack));
  return cache.get(stack)!;
}

/** Tag map of a recorded resource. */
export function tagsOf(r: RecordedResource): Record<string, string> {
  return (r.inputs.tags ?? {}) as Record<string, string>;
}
