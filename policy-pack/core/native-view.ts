/**
 * Lazily read views of one object in the shape of another. A view defines a getter per target key that reads the
 * source key only when the rule reads it, so a preview unknown in the source (the SDK proxy throws
 * `UnknownValueError` on read) surfaces exactly where the rule reads, and is reported by the rule's own
 * unknown-aware reads as "cannot verify". `key in view` is true exactly when the source key is present.
 */

/** How one key of the view is read from the source object. */
export interface FieldSpec {
  /** Source key. */
  readonly from: string;
  /** View of a nested object (applied to an object value). */
  readonly object?: ViewSpec;
  /** View of each element of a list (applied element by element, lazily). */
  readonly each?: ViewSpec;
  /** Any other conversion of the source value (called on read). */
  readonly map?: (value: unknown) => unknown;
}

/** Target key → how to read it. */
export type ViewSpec = Readonly<Record<string, FieldSpec>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

/** A list whose elements are read (and viewed) only when accessed. */
export function lazyList(source: readonly unknown[], element: (value: unknown) => unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < source.length; i++) {
    Object.defineProperty(out, i, { enumerable: true, configurable: true, get: () => element(source[i]) });
  }
  return out;
}

/** A view of `source` with the keys of `spec`; absent source keys are absent in the view. */
export function view(source: unknown, spec: ViewSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(source)) return out;
  for (const [key, field] of Object.entries(spec)) {
    if (!(field.from in source)) continue;
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = source[field.from];
        if (field.map) return field.map(value);
        if (field.object) return isObject(value) && !Array.isArray(value) ? view(value, field.object) : value;
        if (field.each) {
          const spec = field.each;
          return Array.isArray(value) ? lazyList(value, (e) => (isObject(e) ? view(e, spec) : e)) : value;
        }
        return value;
      },
    });
  }
  return out;
}

/** Same key, same value. */
export const same = (from: string): FieldSpec => ({ from });

/** CloudFormation-style tags (`[{key, value}]`) as the `{key: value}` map the @pulumi/aws resources use. */
export function tagMap(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < value.length; i++) {
    const tag = value[i] as { key?: unknown; value?: unknown } | undefined;
    if (tag && typeof tag.key === "string") out[tag.key] = tag.value;
  }
  return out;
}

/** A single value as a one-element list (undefined/null stay absent). */
export function one(value: unknown): unknown {
  return value === undefined || value === null ? value : [value];
}
