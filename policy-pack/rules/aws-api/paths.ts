import type { Maybe } from "../../core/fields";

/**
 * Expand a field pattern with `[]` (array items) into the concrete dotted paths of the known value, e.g.
 * `taints[].effect` → `taints.0.effect`, `taints.1.effect`. Reads go through `get`, which reports unknowns.
 */
export function concretePaths(get: (path: string) => Maybe, pattern: string): string[] {
  const at = pattern.indexOf("[]");
  if (at < 0) return [pattern];
  const base = pattern.slice(0, at);
  const tail = pattern.slice(at + 2).replace(/^\./, "");
  const list = get(base);
  if (!Array.isArray(list)) return [];
  return list.flatMap((_v, i) => concretePaths(get, tail === "" ? `${base}.${i}` : `${base}.${i}.${tail}`));
}
