/**
 * One instance per distinct string among those a recording keeps: resource types, URNs repeated as parents,
 * dependencies and providers, source file URIs. The SDK hands each registration fresh copies of these strings (read
 * out of its protobuf request), so a recorded stack would otherwise hold one copy per reference; at thousands of
 * resources that is a sizeable part of what the recorder keeps (bench/README.md, session 5).
 */
export class Interner {
  private readonly strings = new Map<string, string>();

  /** The kept instance equal to `value` (`value` itself the first time it is seen). */
  intern(value: string): string {
    const kept = this.strings.get(value);
    if (kept !== undefined) return kept;
    this.strings.set(value, value);
    return value;
  }

  /** {@link intern} of every element, in a new array. */
  internAll(values: readonly string[]): string[] {
    return values.map((v) => this.intern(v));
  }
}
