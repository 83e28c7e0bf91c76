/**
 * Property values as the Pulumi engine sends them to analyzers: `MarshalProperties` with
 * `KeepUnknowns`, `KeepSecrets` and `SkipInternalKeys`, without `KeepResources`
 * (pulumi/pulumi `sdk/go/common/resource/plugin/analyzer_plugin.go` and `rpc.go`).
 */

/** The engine's unknown sentinel for a computed string (also what the Node SDK sends for any unknown). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every typed unknown sentinel `marshalUnknownProperty` may send (bool, number, string, array, asset, archive, object). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  UNKNOWN_STRING,
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Signature key of special values (secrets, resource references, assets) on the wire. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of a resource reference. */
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** Whether `key` is an engine-internal key (`__defaults`, `__meta`, ...), which analyzers never see. */
function isInternalKey(key: string): boolean {
  return key.startsWith("__");
}

/**
 * Turn a property value the SDK serialized (the `RegisterResourceRequest.object` Struct as JavaScript)
 * into what the engine forwards to an analyzer: unknown sentinels and secret envelopes are kept,
 * internal keys are dropped, and resource references become their ID (custom resource with a known ID)
 * or URN, because the engine marshals without `KeepResources`. Objects and arrays the conversion leaves
 * unchanged are returned as they are (shared with `value`, not copied), so a value without internal keys or
 * resource references is its own wire form; the result must therefore not be mutated.
 */
export function toAnalyzerWire(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = toAnalyzerWire(value[i]);
      if (out) out[i] = v;
      else if (v !== value[i]) {
        out = value.slice(0, i);
        out[i] = v;
      }
    }
    return out ?? value;
  }
  const map = value as Record<string, unknown>;
  if (map[SIG_KEY] === RESOURCE_REFERENCE_SIG) {
    const id = map.id;
    if (typeof id === "string" && id !== "" && id !== UNKNOWN_STRING) return id;
    return map.urn;
  }
  const keys = Object.keys(map);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = map[key];
    const dropped = isInternalKey(key) || v === undefined;
    const w = dropped ? undefined : toAnalyzerWire(v);
    if (!out && (dropped || w !== v)) {
      // First change: copy the members before it, then continue into the copy.
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]] = map[keys[j]];
    }
    if (out && !dropped) out[key] = w;
  }
  return out ?? map;
}

/** Paths (`a.b[0].c`) of the unknown values in a wire value, in document order. */
export function unknownPaths(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? [prefix || "(whole value)"] : [];
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownPaths(v, `${prefix}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => unknownPaths(v, prefix ? `${prefix}.${k}` : k));
}
