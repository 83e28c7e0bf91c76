/**
 * Synchronous, allocation-light equivalents of the SDK's property (de)serialization for plain data, used by the
 * recorder (engine/record.ts) on every registration.
 *
 * The SDK's `serializeProperties` awaits every nested value, so serializing a mock's state takes one microtask per
 * value. When a program registers thousands of resources at once (a loop over tenants), every registration sits in
 * the microtask queue at the same stage, and everything a registration holds between two of those turns lives until
 * all the others have taken theirs: the young generation fills with objects that are then promoted and die old,
 * and the cost per resource grows with the number of resources (bench/README.md, session 5). For plain data (JSON
 * values: no promises, outputs, resources, assets or unknowns) the result is known synchronously, so the recorder
 * computes it at once and only falls back to the SDK for anything else.
 *
 * The deserialization and wire helpers return their argument itself when the SDK's function would only produce a
 * deep copy of it: a recorded resource then holds one copy of its inputs and one of its outputs instead of three
 * each. Recorded values are shared between those views and must not be mutated.
 */
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";

/** Returned by {@link serializePlain} when the value needs the SDK's asynchronous serialization. */
export const NOT_PLAIN: unique symbol = Symbol("not plain");

/** The SDK's unknown sentinel (`rpc.unknownValue`). */
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Signature key of secrets, assets, archives, resource references and output values on the wire (`rpc.specialSigKey`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Keys by which the SDK recognises its own objects (`__pulumiOutput`, `__pulumiResource`, `__pulumiAsset`, ...). */
const SDK_MARKER_PREFIX = "__pulumi";

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `serializeProperty` of a plain value, computed synchronously: functions and `undefined` members are dropped,
 * `undefined` array elements become `null`, primitives are kept. {@link NOT_PLAIN} for anything else (a promise,
 * an `Output`, a resource, an asset, an unknown, a class instance, an object carrying an SDK marker key), which
 * the caller hands to the SDK's own `serializeProperties`.
 */
export function serializePlain(value: unknown): unknown {
  if (typeof value === "function") return undefined;
  if (value === undefined || value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (typeof value !== "object") return NOT_PLAIN;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = serializePlain(value[i]);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v === undefined ? null : v;
    }
    return out;
  }
  if (!isPlainObject(value)) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key.startsWith(SDK_MARKER_PREFIX)) return NOT_PLAIN;
    const v = serializePlain((value as Record<string, unknown>)[key]);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Whether the SDK's `deserializeProperty` would return a plain deep copy of `js` (a Struct converted to
 * JavaScript): no signature key (secret, asset, archive, resource reference, output value) and no unknown
 * sentinel anywhere in it.
 */
function deserializesToCopy(js: unknown): boolean {
  if (js === UNKNOWN_VALUE) return false;
  if (js === null || typeof js !== "object") return true;
  if (Array.isArray(js)) {
    for (const v of js) if (!deserializesToCopy(v)) return false;
    return true;
  }
  const map = js as Record<string, unknown>;
  if (map[SIG_KEY] !== undefined) return false;
  for (const key in map) if (!deserializesToCopy(map[key])) return false;
  return true;
}

/**
 * `deserializeProperties` of a Struct already converted to JavaScript. When the SDK's function would only copy the
 * value, the value itself is returned (shared, not copied); otherwise the SDK's function runs (it never mutates its
 * argument).
 */
export function deserializeShared(js: Record<string, unknown>): Record<string, any> {
  if (deserializesToCopy(js)) return js;
  return deserializeProperties({ toJavaScript: () => js } as unknown as Parameters<typeof deserializeProperties>[0]);
}
