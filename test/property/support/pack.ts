/**
 * Shared machinery of the property tests: run the whole pack over generated resources, assert "clean" and
 * "caught", and describe weakenings so fast-check prints them readably in counterexamples.
 */
import * as fc from "fast-check";
import type { PackConfig } from "../../../policy-pack/core/config";
import { evaluateAll, type Violation } from "../../../policy-pack/core/evaluate";
import type { StackResource } from "../../../policy-pack/core/rule";
import { RULES, findRule } from "../../../policy-pack/registry";

/** Default runs per property: enough to cover every weakening × owner type, small enough for a ~10 s suite. */
export const NUM_RUNS = 150;

/**
 * fast-check parameters for `numRuns` runs, scaled by env `PROPERTY_SCALE` (e.g. `PROPERTY_SCALE=20` for a long
 * hunt). fast-check prints the seed and path of any failure; replay with `{ seed, path }`.
 */
export function runs(numRuns: number = NUM_RUNS): fc.Parameters<unknown> {
  const scale = Number(process.env.PROPERTY_SCALE ?? "1");
  return { numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))) };
}

/** Mandatory violations of every rule of the pack (resource and stack rules) over `resources`. */
export function mandatoryViolations(resources: readonly StackResource[], config: Partial<PackConfig> = {}): Violation[] {
  return evaluateAll(RULES, resources, { config }).violations.filter((v) => v.level === "mandatory");
}

/** Throw (with every message) when any rule of the pack reports a mandatory violation. */
export function expectClean(resources: readonly StackResource[], config: Partial<PackConfig> = {}): void {
  const found = mandatoryViolations(resources, config);
  if (found.length > 0) {
    throw new Error(`compliant input has mandatory violations:\n${found.map((v) => `  ${v.message} [${v.urn}]`).join("\n")}`);
  }
}

/**
 * Throw unless each id in `expected` reports a mandatory violation, and none in `absent` reports at all
 * (used where a weakening must be caught by one profile only, e.g. CHOWN is restricted-only).
 */
export function expectCaught(
  resources: readonly StackResource[],
  config: Partial<PackConfig>,
  expected: readonly string[],
  absent: readonly string[] = [],
): void {
  const all = evaluateAll(RULES, resources, { config }).violations;
  // SG-009 runs SG-001…SG-007 and SG-010 on the tagless ec2.SecurityGroupRule form and names the check it failed.
  const ruleOf = (v: { rule: string; message: string }) => (v.rule === "SG-009" ? (/fails (SG-\d{3})/.exec(v.message)?.[1] ?? v.rule) : v.rule);
  const mandatoryIds = new Set(all.filter((v) => v.level === "mandatory").map(ruleOf));
  const missed = expected.filter((id) => !mandatoryIds.has(id));
  const extra = absent.filter((id) => all.some((v) => ruleOf(v) === id));
  if (missed.length > 0 || extra.length > 0) {
    const seen = all.map((v) => `  [${v.level}] ${v.message}`).join("\n") || "  (none)";
    throw new Error(
      `${missed.length > 0 ? `not caught by ${missed.join(", ")}` : ""}${extra.length > 0 ? ` unexpectedly reported by ${extra.join(", ")}` : ""}\nviolations:\n${seen}`,
    );
  }
}

/** Rule ids (of `ids`) not registered in the pack yet. */
export function missingRules(ids: readonly string[]): string[] {
  return ids.filter((id) => !findRule(id));
}

/** One way to weaken a compliant subject, and the rule ids that must catch it. */
export interface Weakening<S> {
  readonly label: string;
  /** Rule ids that must report a mandatory violation. */
  readonly expected: readonly string[];
  /** Rule ids that must not report (the weakening is outside their profile). */
  readonly absent?: readonly string[];
  /** Mutate the (cloned) subject in place. */
  apply(subject: S): void;
}

/** Build a {@link Weakening} that prints as its label in fast-check counterexamples. */
export function weakening<S>(label: string, expected: readonly string[], apply: (subject: S) => void, absent: readonly string[] = []): Weakening<S> {
  return { label, expected, absent, apply, [fc.toStringMethod]: () => `Weakening(${label} → ${expected.join("+")})` } as Weakening<S>;
}

/** Deep copy of plain data (generated inputs are JSON-shaped). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The `i`-th element modulo the length (lets a weakening pick "a random one" before the list is known). */
export function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length];
}

/** Every rule id a list of weakenings expects, for the registry-presence check. */
export function expectedIds<S>(weakenings: readonly Weakening<S>[]): string[] {
  return [...new Set(weakenings.flatMap((w) => [...w.expected, ...(w.absent ?? [])]))].sort();
}
