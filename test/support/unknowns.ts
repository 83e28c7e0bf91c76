/**
 * Preview unknowns the way the SDK presents them: its `unknownCheckingProxy` over props, and its sentinel values
 * for unknown strings, numbers, booleans, arrays and objects. Used to check that rules defer (advisory) and never
 * turn an unknown into a mandatory violation.
 */
import type { PackConfig } from "../../policy-pack/core/config";
import { resolveConfig } from "../../policy-pack/core/config";
import { evaluateResourceRule, evaluateStackRule, type Violation } from "../../policy-pack/core/evaluate";
import type { Rule, StackResource } from "../../policy-pack/core/rule";
import { isUnknownValueError } from "../../policy-pack/core/unknowns";

/** Internal API of @pulumi/policy 1.21.0 (pinned): the preview proxy and its unknown sentinels. */
export const sdkProxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(o: T): T;
  unknownStringValue: string;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
};

/** A property path inside `props`. */
export type PropPath = readonly (string | number)[];

/** Every node below `value` (leaves, arrays and objects), with the sentinel the SDK would put there. */
export function unknownablePaths(value: unknown, path: PropPath = []): { path: PropPath; sentinel: string }[] {
  if (Array.isArray(value)) {
    const own = path.length > 0 ? [{ path, sentinel: sdkProxy.unknownArrayValue }] : [];
    return [...own, ...value.flatMap((v, i) => unknownablePaths(v, [...path, i]))];
  }
  if (value !== null && typeof value === "object") {
    const own = path.length > 0 ? [{ path, sentinel: sdkProxy.unknownObjectValue }] : [];
    return [...own, ...Object.entries(value).flatMap(([k, v]) => unknownablePaths(v, [...path, k]))];
  }
  const sentinel =
    typeof value === "boolean" ? sdkProxy.unknownBooleanValue : typeof value === "number" ? sdkProxy.unknownNumberValue : sdkProxy.unknownStringValue;
  return path.length > 0 ? [{ path, sentinel }] : [];
}

/** A deep copy of `props` with the node at `path` replaced by `sentinel`. */
export function withUnknown(props: Record<string, unknown>, path: PropPath, sentinel: string): Record<string, unknown> {
  // Not structuredClone: under jest it returns objects of another realm, which the SDK proxy does not wrap.
  const copy = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
  let cur: any = copy;
  for (const key of path.slice(0, -1)) cur = cur[key];
  cur[path[path.length - 1]] = sentinel;
  return copy;
}

/** A resource as a policy sees it during preview (props behind the SDK's proxy). */
export const previewed = (r: StackResource): StackResource => ({ ...r, props: sdkProxy.unknownCheckingProxy(r.props) });

/** Mandatory findings at preview: stack rules over `seen`, resource rules over `judged` (default: all of `seen`). */
function mandatoryFindings(rules: readonly Rule[], seen: readonly StackResource[], config: PackConfig, judged: readonly StackResource[] = seen): Violation[] {
  const found: Violation[] = [];
  for (const rule of rules) {
    try {
      const vs = rule.kind === "stack" ? evaluateStackRule(rule, seen, config).violations : judged.flatMap((r) => evaluateResourceRule(rule, r, config).violations);
      found.push(...vs.filter((v) => v.level === "mandatory"));
    } catch (error) {
      // The SDK reports a policy that throws UnknownValueError as advisory ("can't run policy during preview").
      if (!isUnknownValueError(error)) throw error;
    }
  }
  return found;
}

/** Mandatory findings of `rules` over `resources` at preview (props behind the SDK's proxy). */
export function mandatoryAtPreview(rules: readonly Rule[], resources: readonly StackResource[], config: Partial<PackConfig> = {}): Violation[] {
  return mandatoryFindings(rules, resources.map(previewed), resolveConfig(config));
}

/**
 * For each resource and each of its fields in turn: with that one field unknown, `rules` report no mandatory
 * violation. Throws naming the resource, the field and the findings; returns how many variants were tried.
 * Resource rules are run on the changed resource only (the others are unchanged); stack rules on all.
 */
export function expectNoMandatoryForAnyUnknownField(
  rules: readonly Rule[],
  resources: readonly StackResource[],
  config: Partial<PackConfig> = {},
  /** Dotted paths whose mere presence is the violation (e.g. NODE-004 `keyName`): unknown there may fail. */
  presenceIsViolation: readonly string[] = [],
): number {
  const resolved = resolveConfig(config);
  const base = resources.map(previewed);
  let tried = 0;
  resources.forEach((target, index) => {
    for (const { path, sentinel } of unknownablePaths(target.props)) {
      if (presenceIsViolation.includes(path.join("."))) continue;
      const changed = previewed({ ...target, props: withUnknown(target.props, path, sentinel) });
      const found = mandatoryFindings(rules, base.map((r, i) => (i === index ? changed : r)), resolved, [changed]);
      if (found.length > 0) {
        throw new Error(`${target.type} ${target.name}: unknown ${path.join(".")} became mandatory:\n${found.map((v) => `  ${v.message}`).join("\n")}`);
      }
      tried++;
    }
  });
  return tried;
}
