/**
 * One decoded copy of each resource per request, shared by every policy of the pack.
 *
 * `@pulumi/policy` 1.21's server (`server.js`) decodes a resource's properties (`Struct.toJavaScript` plus
 * `deserializeProperties`) inside its per-policy loop: once per policy for `analyze`, and once per stack policy
 * for every resource of `analyzeStack`, plus the provider's properties each time. With one policy per rule that
 * was the main cost of the pack. The server calls `deserializeProperties` through the module's exports object
 * at call time, so memoising that export by the request's `Struct` (the protobuf message returns the same
 * wrapper object for every `getProperties()` call of one request) makes the decoding once per resource, while
 * each policy keeps its own name, level, config and `notApplicable` list in the SDK's own loop.
 *
 * The decoded copy is shared: rules must not mutate `props` (they are pure functions of their inputs, and the
 * SDK hands each policy its own unknown-checking proxy over the copy). Remediation (`proxySecrets` true) keeps
 * a fresh copy per call, because remediations return modified properties.
 */
import * as sdkDeserialize from "@pulumi/policy/deserialize";

/** The part of `@pulumi/policy/deserialize` this module replaces (internal to the SDK, not in its typings). */
export interface DeserializeModule {
  deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
}

/** Marks an already shared `deserializeProperties`, so installing twice is harmless. */
const SHARED = Symbol.for("hardened-cluster.shared-decode");

/** Counters of the shared decoder (for tests and the benchmark). */
export interface DecodeStats {
  /** Calls that decoded a `Struct` for the first time. */
  decoded: number;
  /** Calls answered from the shared copy. */
  reused: number;
}

/**
 * Replace `module.deserializeProperties` with a version that decodes each `Struct` once and hands the same copy
 * to every later call for it (weakly held: the copy goes with the request). Returns live counters.
 */
export function shareDecodedProperties(module: DeserializeModule = sdkDeserialize as unknown as DeserializeModule): DecodeStats {
  const current = module.deserializeProperties as DeserializeModule["deserializeProperties"] & { [SHARED]?: DecodeStats };
  const installed = current[SHARED];
  if (installed) return installed;
  const stats: DecodeStats = { decoded: 0, reused: 0 };
  const copies = new WeakMap<object, Record<string, unknown>>();
  const shared = (struct: object, proxySecrets: boolean): Record<string, unknown> => {
    if (proxySecrets) return current(struct, proxySecrets);
    const copy = copies.get(struct);
    if (copy !== undefined) {
      stats.reused++;
      return copy;
    }
    const decoded = current(struct, false);
    copies.set(struct, decoded);
    stats.decoded++;
    return decoded;
  };
  module.deserializeProperties = Object.assign(shared, { [SHARED]: stats });
  return stats;
}
