/**
 * Rules read a resource's properties through the SDK's unknown-checking proxy (`@pulumi/policy/proxy`), which
 * throws `UnknownValueError` when a read reaches a value unknown at preview. The proxy pays on every read: a new
 * path array, a property-descriptor lookup and a new proxy for every object or array it returns, so a rule that
 * walks a pod spec allocates a proxy per step. When nothing in the decoded properties is unknown, no read can
 * throw, and the decoded object itself answers every read with the same value: the pack hands rules that object.
 * A resource with any unknown value keeps the proxy, so "cannot verify at preview" is reported as before.
 */

/** The SDK proxy's key for the object it wraps (`@pulumi/policy/proxy` `getSpecialProxyTarget`). */
export const PROXY_TARGET = "__getSpecialProxyTarget";

/** The values `@pulumi/policy/deserialize` puts where the engine sent an unknown (`@pulumi/policy/proxy`). */
export interface UnknownSentinels {
  readonly unknownBooleanValue: unknown;
  readonly unknownNumberValue: unknown;
  readonly unknownStringValue: unknown;
  readonly unknownArrayValue: unknown;
  readonly unknownAssetValue: unknown;
  readonly unknownArchiveValue: unknown;
  readonly unknownObjectValue: unknown;
}

/** A test for "is this one of the SDK's unknown sentinels". */
export function unknownTest(sentinels: UnknownSentinels): (value: unknown) => boolean {
  const set = new Set<unknown>([
    sentinels.unknownBooleanValue,
    sentinels.unknownNumberValue,
    sentinels.unknownStringValue,
    sentinels.unknownArrayValue,
    sentinels.unknownAssetValue,
    sentinels.unknownArchiveValue,
    sentinels.unknownObjectValue,
  ]);
  return (value) => set.has(value);
}

/** Whether any value reachable from `root` (own enumerable properties, arrays included) is unknown. */
export function containsUnknown(root: unknown, isUnknown: (value: unknown) => boolean): boolean {
  if (isUnknown(root)) return true;
  if (typeof root !== "object" || root === null) return false;
  const pending: object[] = [root];
  while (pending.length > 0) {
    const value = pending.pop()!;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) {
      if (isUnknown(child)) return true;
      if (typeof child === "object" && child !== null) pending.push(child);
    }
  }
  return false;
}

/**
 * `props` as rules should read them: the decoded object behind the SDK proxy when nothing in it is unknown,
 * else the proxy itself. A value that is not the SDK's proxy is returned as it is.
 */
export function knownOrProxy<T extends object>(props: T, isUnknown: (value: unknown) => boolean): T {
  const target = (props as Record<string, unknown>)[PROXY_TARGET] as T | undefined;
  if (target === undefined || target === props) return props;
  return containsUnknown(target, isUnknown) ? props : target;
}
