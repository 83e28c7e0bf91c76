/**
 * Preview-time unknowns. During `pulumi preview` the SDK wraps props in a proxy whose reads of unknown
 * values throw `UnknownValueError` (exported at runtime, not in the typings), so it is detected by name.
 */
export function isUnknownValueError(error: unknown): error is Error {
  return error instanceof Error && error.constructor?.name === "UnknownValueError";
}

/**
 * Read a value that may be unknown at preview. Returns `{known: false}` instead of throwing so a rule
 * can report "cannot verify at preview" (advisory) and go on with other resources.
 */
export function readMaybeUnknown<T>(read: () => T): { known: true; value: T } | { known: false } {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (isUnknownValueError(error)) return { known: false };
    throw error;
  }
}

/** The advisory message for a field that cannot be verified until `pulumi up`. */
export function cannotVerify(field: string): { message: string; advisory: true } {
  return { message: `cannot verify ${field} at preview (value unknown until update); it is checked again during \`pulumi up\``, advisory: true };
}

/**
 * Like `readMaybeUnknown`, and also says which input path was unknown (the SDK error's property path), so a rule
 * can tell "this field is present with an unknown value" from "an enclosing object is unknown".
 */
export function readUnknownPath<T>(read: () => T): { known: true; value: T } | { known: false; path: string | undefined } {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (!isUnknownValueError(error)) throw error;
    const props = (error as { props?: unknown }).props;
    return { known: false, path: Array.isArray(props) ? props.join(".") : undefined };
  }
}
