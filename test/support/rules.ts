import { resolveConfig, type PackConfig } from "../../policy-pack/core/config";
import { evaluateResourceRule, evaluateStackRule, type Violation } from "../../policy-pack/core/evaluate";
import type { StackResource } from "../../policy-pack/core/rule";
import { findRule } from "../../policy-pack/registry";

/** Build a resource for a rule test; the URN is derived from type and name. */
export function resource(type: string, name: string, props: Record<string, any>, extra: Partial<StackResource> = {}): StackResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::hardened-cluster::${type}::${name}`,
    props,
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  };
}

/** Violations of one rule (by id) on one resource (resource rules) or a set of resources (stack rules). */
export function violationsOf(ruleId: string, target: StackResource | StackResource[], config: Partial<PackConfig> = {}): Violation[] {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in the registry`);
  const resolved = resolveConfig(config);
  const resources = Array.isArray(target) ? target : [target];
  if (rule.kind === "stack") return evaluateStackRule(rule, resources, resolved).violations;
  return resources.flatMap((r) => evaluateResourceRule(rule, r, resolved).violations);
}
