/**
 * An EKS add-on's `configurationValues` as an object: the input is JSON text (or, from some programs, an
 * object already). Malformed text or a non-object reads as `undefined`, which every caller treats as "not set".
 */
export function addonConfiguration(configurationValues: unknown): Record<string, unknown> | undefined {
  let values: unknown = configurationValues;
  if (typeof values === "string") {
    try {
      values = JSON.parse(values);
    } catch {
      return undefined;
    }
  }
  return typeof values === "object" && values !== null ? (values as Record<string, unknown>) : undefined;
}
