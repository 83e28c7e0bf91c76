/**
 * Field reads for AWS rules that never let a preview unknown pass silently: a read of an unknown value
 * reports an advisory `cannotVerify(path)` finding and yields the `UNKNOWN` marker, so the rule can stop
 * judging that field while findings already made keep their level.
 */
import type { Report } from "./rule";
import { cannotVerify, readMaybeUnknown } from "./unknowns";

/** Marker for a value that is unknown at preview. */
export const UNKNOWN: unique symbol = Symbol("unknown at preview");

/** A field value, or `UNKNOWN`. */
export type Maybe<T = unknown> = T | typeof UNKNOWN;

/** True when every key of the dotted path exists (uses `in`, which the preview proxy does not trap for the last key). */
export function has(props: unknown, path: string): boolean {
  let cur: unknown = props;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object" || !(key in (cur as object))) return false;
    const next = readMaybeUnknown(() => (cur as Record<string, unknown>)[key]);
    if (!next.known) return true; // present but unknown
    cur = next.value;
  }
  return cur !== undefined && cur !== null;
}

/** Build `get(path)` over `props` that reports `cannotVerify(path)` once per unknown field. */
export function fieldReader(props: unknown, report: Report): (path: string) => Maybe {
  const reported = new Set<string>();
  return (path: string) => {
    const r = readMaybeUnknown(() => path.split(".").reduce<any>((o, k) => (o === null || o === undefined ? undefined : o[k]), props));
    if (r.known) return r.value;
    if (!reported.has(path)) {
      reported.add(path);
      report(cannotVerify(path));
    }
    return UNKNOWN;
  };
}

/** Read without reporting (for stack rules that mark a resource deferred themselves). */
export function quietGet(props: unknown, path: string): Maybe {
  const r = readMaybeUnknown(() => path.split(".").reduce<any>((o, k) => (o === null || o === undefined ? undefined : o[k]), props));
  return r.known ? r.value : UNKNOWN;
}

/** The elements of the list at `path`, each read through `get` by index (an unknown element is `UNKNOWN`, reported once). */
export function listAt(get: (path: string) => Maybe, path: string): Maybe[] {
  const list = get(path);
  if (!Array.isArray(list)) return [];
  const out: Maybe[] = [];
  // Index loop: map/forEach/includes read every element through the preview proxy, which throws on an unknown one.
  for (let i = 0; i < list.length; i++) out.push(get(`${path}.${i}`));
  return out;
}
