import { resolveConfig, type PackConfig } from "./config";
import { exemptionFor } from "./exemptions";
import type { Finding, ResourceRule, ResourceUnderTest, Rule, StackResource, StackRule } from "./rule";

/** Effective level of a reported violation. */
export type ViolationLevel = "advisory" | "mandatory";

/** A finding resolved against its rule: id-prefixed message, level, remediation. */
export interface Violation {
  readonly rule: string;
  readonly name: string;
  readonly level: ViolationLevel;
  readonly urn: string;
  readonly message: string;
  readonly remediation: string;
}

/** A resource that was let off a rule, listed in every report. */
export interface AppliedExemption {
  readonly rule: string;
  readonly urn: string;
  readonly reason: string;
}

/** The outcome of running rules over resources. */
export interface Evaluation {
  readonly violations: Violation[];
  readonly exemptions: AppliedExemption[];
}

/** Per-rule enforcement overrides (`{ "EKS-001": "advisory", "pss-privileged": "disabled" }`, or `all`). */
export type EnforcementOverrides = Readonly<Record<string, "advisory" | "mandatory" | "disabled">>;

/** The level a rule runs at after overrides (by id, by name, then `all`). */
export function effectiveLevel(rule: Rule, overrides: EnforcementOverrides = {}): "advisory" | "mandatory" | "disabled" {
  return overrides[rule.id] ?? overrides[rule.name] ?? overrides.all ?? rule.enforcementLevel;
}

/** Turn a finding into a violation of `rule` at `level`. */
export function toViolation(rule: Rule, finding: Finding | string, level: ViolationLevel, urn: string): Violation {
  const f: Finding = typeof finding === "string" ? { message: finding } : finding;
  return {
    rule: rule.id,
    name: rule.name,
    level: f.advisory ? "advisory" : level,
    urn: f.urn ?? urn,
    message: f.message.startsWith(rule.id) ? f.message : `${rule.id}: ${f.message}`,
    remediation: f.remediation ?? rule.remediation,
  };
}

/** Run one resource rule on one resource, honouring exemptions. Used by the scanner and tests. */
export function evaluateResourceRule(
  rule: ResourceRule,
  resource: ResourceUnderTest,
  config: PackConfig,
  level: ViolationLevel = rule.enforcementLevel,
): Evaluation {
  const violations: Violation[] = [];
  const exemptions: AppliedExemption[] = [];
  if (!rule.resourceTypes.includes(resource.type)) return { violations, exemptions };
  const exemption = exemptionFor(rule.id, resource, config);
  if (exemption.kind === "exempt") {
    exemptions.push({ rule: rule.id, urn: resource.urn, reason: exemption.reason });
    return { violations, exemptions };
  }
  if (exemption.kind === "invalid") violations.push(toViolation(rule, exemption.reason, level, resource.urn));
  rule.check(resource, (f) => violations.push(toViolation(rule, f, level, resource.urn)), config);
  return { violations, exemptions };
}

/** Run one stack rule over all resources; violations on exempt resources are dropped and listed. */
export function evaluateStackRule(
  rule: StackRule,
  resources: readonly StackResource[],
  config: PackConfig,
  level: ViolationLevel = rule.enforcementLevel,
): Evaluation {
  const violations: Violation[] = [];
  const exemptions: AppliedExemption[] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  rule.check(
    resources,
    (f) => {
      const v = toViolation(rule, f, level, "");
      const target = byUrn.get(v.urn);
      const exemption = target ? exemptionFor(rule.id, target, config) : { kind: "none" as const };
      if (exemption.kind === "exempt") exemptions.push({ rule: rule.id, urn: v.urn, reason: exemption.reason });
      else violations.push(v);
    },
    config,
  );
  return { violations, exemptions };
}

/** Run every enabled rule (resource rules per resource, then stack rules) over a set of resources. */
export function evaluateAll(
  rules: readonly Rule[],
  resources: readonly StackResource[],
  options: { config?: Partial<PackConfig>; overrides?: EnforcementOverrides } = {},
): Evaluation {
  const config = resolveConfig(options.config);
  const out: Evaluation = { violations: [], exemptions: [] };
  const merge = (e: Evaluation) => {
    out.violations.push(...e.violations);
    out.exemptions.push(...e.exemptions);
  };
  const byType = new Map<string, ResourceRule[]>();
  for (const rule of rules) {
    const level = effectiveLevel(rule, options.overrides);
    if (level === "disabled") continue;
    if (rule.kind === "stack") continue;
    for (const t of rule.resourceTypes) byType.set(t, [...(byType.get(t) ?? []), rule]);
  }
  for (const resource of resources) {
    for (const rule of byType.get(resource.type) ?? []) {
      merge(evaluateResourceRule(rule, resource, config, effectiveLevel(rule, options.overrides) as ViolationLevel));
    }
  }
  for (const rule of rules) {
    const level = effectiveLevel(rule, options.overrides);
    if (rule.kind !== "stack" || level === "disabled") continue;
    merge(evaluateStackRule(rule, resources, config, level));
  }
  return out;
}
