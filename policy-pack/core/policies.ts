import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PACK_CONFIG_SCHEMA, resolveConfig, type PackConfig } from "./config";
import { exemptionFor } from "./exemptions";
import type { Finding, ResourceRule, Rule, StackResource, StackRule } from "./rule";

/** Separator between a violation's message and its remediation on the wire (the protocol has one text field). */
export const REMEDIATION_SEPARATOR = "\nFix: ";

/** The configSchema every policy declares: all shared keys, so any policy can be configured alike. */
export const POLICY_CONFIG_SCHEMA = { properties: PACK_CONFIG_SCHEMA } as const;

function configOf(args: { getConfig<T extends object>(): T }): PackConfig {
  return resolveConfig(args.getConfig<Partial<PackConfig>>());
}

function reporter(rule: Rule, reportViolation: ReportViolation, defaultUrn?: string, skip?: (urn: string) => boolean) {
  return (finding: Finding | string) => {
    const f: Finding = typeof finding === "string" ? { message: finding } : finding;
    const urn = f.urn ?? defaultUrn;
    if (urn && skip?.(urn)) return;
    const message = `${f.message.startsWith(rule.id) ? f.message : `${rule.id}: ${f.message}`}${REMEDIATION_SEPARATOR}${f.remediation ?? rule.remediation}`;
    // At runtime ReportViolation also takes an object, which lets one finding be downgraded to advisory.
    const report = reportViolation as unknown as (v: Record<string, unknown>) => void;
    report({ message, urn, ...(f.advisory ? { enforcementLevel: "advisory" } : {}) });
  };
}

function common(rule: Rule) {
  return {
    name: rule.name,
    description: `${rule.id}: ${rule.description}`,
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    remediationSteps: rule.remediation,
    tags: [rule.id, ...rule.groups],
    configSchema: POLICY_CONFIG_SCHEMA,
  };
}

/**
 * `args.notApplicable(reason)` for a resource of a type the rule does not judge, without the cost of a new error
 * per call: the SDK's `NotApplicableError` (an `Error`, so each one captures a stack trace) is created once per
 * rule and thrown again for later resources. The SDK reads only its class and `reason`.
 */
function typeMismatch(rule: ResourceRule): (args: ResourceValidationArgs) => never {
  const reason = `applies only to ${rule.resourceTypes.join(", ")}`;
  let cached: unknown;
  return (args) => {
    if (cached === undefined) {
      try {
        args.notApplicable(reason);
      } catch (error) {
        cached = error;
      }
    }
    throw cached;
  };
}

function toResourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const types = new Set(rule.resourceTypes);
  const notThisType = typeMismatch(rule);
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!types.has(args.type)) notThisType(args);
    const config = configOf(args);
    const resource = {
      type: args.type,
      name: args.name,
      urn: args.urn,
      props: args.props,
      providerNamespace: (args.provider?.props as Record<string, unknown> | undefined)?.namespace as string | undefined,
    };
    const report = reporter(rule, reportViolation, args.urn);
    const exemption = exemptionFor(rule.id, resource, config);
    if (exemption.kind === "exempt") args.notApplicable(exemption.reason);
    if (exemption.kind === "invalid") report(exemption.reason);
    rule.check(resource, report, config);
  };
  // A single-type rule carries the type the way `validateResourceOfType` does, so the SDK's server skips
  // other types before deserialising their properties (the main per-resource cost of a large pack).
  if (rule.resourceTypes.length === 1) Object.assign(validateResource, { __pulumiType: rule.resourceTypes[0] });
  return { ...common(rule), validateResource };
}

function toStackResource(r: PolicyResource): StackResource {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: r.props,
    parent: r.parent?.urn,
    dependencies: r.dependencies.map((d) => d.urn),
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => d.urn)])),
    providerNamespace: (r.provider?.props as Record<string, unknown> | undefined)?.namespace as string | undefined,
    ignoreChanges: r.opts?.ignoreChanges,
  };
}

/** The stack as every stack rule sees it, built once per `analyzeStack` request. */
interface StackView {
  readonly resources: readonly StackResource[];
  readonly byUrn: ReadonlyMap<string, StackResource>;
}

/** The SDK proxy's key for the object it wraps (`@pulumi/policy/proxy` `getSpecialProxyTarget`). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * Stack views keyed by the decoded properties of the request's first resource. With the shared decoding of
 * `shared-decode.ts` every stack policy of one `analyzeStack` gets the same decoded copies, so the first stack
 * rule converts the resources and the others reuse that view; a new request decodes new copies (a new key).
 */
const stackViews = new WeakMap<object, StackView>();

function stackView(args: StackValidationArgs): StackView {
  const first = args.resources[0]?.props as Record<string, unknown> | undefined;
  const key = first?.[PROXY_TARGET] as object | undefined;
  const cached = key === undefined ? undefined : stackViews.get(key);
  if (cached !== undefined && cached.resources.length === args.resources.length) return cached;
  const resources = args.resources.map(toStackResource);
  const view: StackView = { resources, byUrn: new Map(resources.map((r) => [r.urn, r])) };
  if (key !== undefined && typeof key === "object") stackViews.set(key, view);
  return view;
}

function toStackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...common(rule),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const config = configOf(args);
      const { resources, byUrn } = stackView(args);
      const exempt = (urn: string) => {
        const target = byUrn.get(urn);
        return target !== undefined && exemptionFor(rule.id, target, config).kind === "exempt";
      };
      rule.check(resources, reporter(rule, reportViolation, undefined, exempt), config);
    },
  };
}

/** Turn registry rules into CrossGuard policies (resource or stack), metadata carried over. */
export function toPolicies(rules: readonly Rule[]): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return rules.map((rule) => (rule.kind === "resource" ? toResourcePolicy(rule) : toStackPolicy(rule)));
}
