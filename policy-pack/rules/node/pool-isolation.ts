/**
 * Shared by NODE-009 and NODE-010 (audit W6): which pool a node group serves, and the identities (in-stack resource
 * URNs, or literal ids/ARNs) a field of a resource points at, so two pools can be compared at preview even while
 * the ARNs and ids themselves are still unknown.
 */
import { SENSITIVE_POOL } from "../../baseline/labels";
import type { PackConfig } from "../../core/config";
import { UNKNOWN, quietGet } from "../../core/fields";
import type { StackResource } from "../../core/rule";
import { readMaybeUnknown } from "../../core/unknowns";

/** A node group's pool: `sensitive`, `other`, or unknown at preview. */
export function poolOf(group: StackResource, config: PackConfig): "sensitive" | "other" | typeof UNKNOWN {
  const read = readMaybeUnknown(() => (group.props.labels ?? {})[config.poolLabelKey]);
  if (!read.known) return UNKNOWN;
  return read.value === SENSITIVE_POOL ? "sensitive" : "other";
}

/** The identities a field refers to: `urn:<urn>` for each in-stack dependency, `id:<value>` for each known literal. */
export interface Identities {
  readonly keys: Set<string>;
  /** True when a literal was unknown and no in-stack dependency explains it. */
  readonly unknown: boolean;
}

/** Identities of `field` of `resource` (a string or list of strings), through `propertyDependencies[dependencyKey]`. */
export function identitiesOf(resource: StackResource, field: string, dependencyKey: string, byUrn: ReadonlyMap<string, StackResource>, types: readonly string[]): Identities {
  const keys = new Set<string>();
  const deps = (resource.propertyDependencies[dependencyKey] ?? []).filter((u) => types.includes(byUrn.get(u)?.type ?? ""));
  for (const u of deps) keys.add(`urn:${u}`);
  const value = quietGet(resource.props, field);
  if (value === UNKNOWN) return { keys, unknown: deps.length === 0 };
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  let unknown = false;
  for (const v of values) {
    if (typeof v === "string" && v !== "") keys.add(`id:${v}`);
    else if (v !== undefined && v !== null && typeof v !== "string") unknown = deps.length === 0;
  }
  return { keys, unknown };
}

/** Keys two identity sets share. */
export function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((k) => b.has(k));
}

/** Human text for an identity key. */
export function describeIdentity(key: string, byUrn: ReadonlyMap<string, StackResource>): string {
  if (key.startsWith("id:")) return key.slice(3);
  const r = byUrn.get(key.slice(4));
  return r ? `${r.type.split(":").pop()} ${r.name}` : key.slice(4);
}
