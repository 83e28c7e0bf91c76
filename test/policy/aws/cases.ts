import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { findRule } from "../../../policy-pack/registry";
import { violationsOf } from "../../support/rules";
import { expectNoMandatoryForAnyUnknownField } from "../../support/unknowns";

/** One table row: a fixture and what the rule must say about it. */
export interface RuleCase {
  readonly title: string;
  readonly rule: string;
  readonly target: StackResource | StackResource[];
  readonly config?: Partial<PackConfig>;
  /** `null` = compliant (no violation); otherwise the level and a field the message must name. */
  readonly expect: null | { readonly level: "mandatory" | "advisory"; readonly field: string; readonly count?: number };
  /** Compliant cases: fields whose presence alone is the violation, so unknown there is not deferred. */
  readonly presenceIsViolation?: readonly string[];
}

/** Run a table of cases with jest's `it.each`. */
export function runCases(cases: readonly RuleCase[]): void {
  it.each(cases.map((c) => [c.title, c] as const))("%s", (_title, c) => {
    const vs = violationsOf(c.rule, c.target, c.config);
    if (c.expect === null) {
      expect(vs).toEqual([]);
      // At preview any one of these fields may be unknown: the rule may defer, never fail the compliant case.
      expectNoMandatoryForAnyUnknownField([findRule(c.rule)!], Array.isArray(c.target) ? c.target : [c.target], c.config, c.presenceIsViolation);
      return;
    }
    // The exact wording (what is wrong, with the value, and the fix) is part of the rule's contract.
    expect(vs.map((v) => `[${v.level}] ${v.message} | fix: ${v.remediation}`)).toMatchSnapshot();
    expect(vs.length).toBeGreaterThan(0);
    if (c.expect.count !== undefined) expect(vs).toHaveLength(c.expect.count);
    const hit = vs.find((v) => v.message.includes(c.expect!.field));
    expect(hit).toBeDefined();
    expect(hit!.rule).toBe(c.rule);
    expect(hit!.level).toBe(c.expect.level);
    expect(hit!.message.startsWith(`${c.rule}: `)).toBe(true);
    expect(hit!.remediation.length).toBeGreaterThan(10);
  });
}

/** Mandatory violation naming `field`. */
export const mandatory = (field: string, count?: number) => ({ level: "mandatory" as const, field, count });
/** Advisory violation naming `field`. */
export const advisory = (field: string, count?: number) => ({ level: "advisory" as const, field, count });
