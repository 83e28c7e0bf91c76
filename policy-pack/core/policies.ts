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
import { PROXY_TARGET } from "./known-props";
import type { Finding, Report, ResourceRule, ResourceUnderTest, Rule, StackResource, StackRule } from "./rule";

/** Separator between a violation's message and its remediation on the wire (the protocol has one text field). */
export const REMEDIATION_SEPARATOR = "\nFix: ";

/** The configSchema every policy declares: all shared keys, so any policy can be configured alike. */
export const POLICY_CONFIG_SCHEMA = { properties: PACK_CONFIG_SCHEMA } as const;

function configOf(args: { getConfig<T extends object>(): T }): PackConfig {
  return resolveConfig(args.getConfig<Partial<PackConfig>>());
}

/**
 * How one rule's findings reach the SDK's `reportViolation`: `<ID>: <message>` + separator + remediation, as the
 * object form (which also lets one finding be downgraded to advisory). `skip` drops findings on exempt resources.
 */
export function reporter(rule: Rule, reportViolation: ReportViolation, defaultUrn?: string, skip?: (urn: string) => boolean) {
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

/** The policy description of a rule (`<ID>: <description>`), as CrossGuard reports and lists it. */
export function policyDescription(rule: Rule): string {
  return `${rule.id}: ${rule.description}`;
}

function common(rule: Rule) {
  return {
    name: rule.name,
    description: policyDescription(rule),
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    remediationSteps: rule.remediation,
    tags: [rule.id, ...rule.groups],
    configSchema: POLICY_CONFIG_SCHEMA,
  };
}

/** How many of a multi-type rule's types its not-applicable reason names. */
const MISMATCH_TYPES_LISTED = 3;

/**
 * Why a resource rule does not apply to a resource of another type, in the words the SDK's server reports it:
 * its own text for a single-type rule (skipped by the SDK through `__pulumiType`), the rule's for the others.
 */
export function typeMismatchReason(rule: ResourceRule): string {
  const types = rule.resourceTypes;
  if (types.length === 1) return `Policy only applies to resources of type '${types[0]}'`;
  // Sent with every resource of another type: the first types name the rule's domain, docs/rules.md lists all.
  const more = types.length - MISMATCH_TYPES_LISTED;
  return more > 0 ? `applies only to ${types.slice(0, MISMATCH_TYPES_LISTED).join(", ")} and ${more} more types (docs/rules.md)` : `applies only to ${types.join(", ")}`;
}

/**
 * `args.notApplicable(reason)` for a resource of a type the rule does not judge, without the cost of a new error
 * per call: the SDK's `NotApplicableError` (an `Error`, so each one captures a stack trace) is created once per
 * rule and thrown again for later resources. The SDK reads only its class and `reason`.
 */
function typeMismatch(rule: ResourceRule): (args: ResourceValidationArgs) => never {
  const reason = typeMismatchReason(rule);
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

/**
 * Judge one resource of a type the rule applies to: the exemption first (an exempt resource returns its reason
 * and is not checked; an invalid exemption is itself reported), then the rule's check.
 */
export function evaluateResourceRule(rule: ResourceRule, resource: ResourceUnderTest, config: PackConfig, report: Report): { readonly exempt?: string } {
  const exemption = exemptionFor(rule.id, resource, config);
  if (exemption.kind === "exempt") return { exempt: exemption.reason };
  if (exemption.kind === "invalid") report(exemption.reason);
  rule.check(resource, report, config);
  return {};
}

/** How rules read a resource's properties (the SDK's proxy as it is, or what `known-props.ts` makes of it). */
export type PropsReader = (props: Record<string, any>) => Record<string, any>;

const asGiven: PropsReader = (props) => props;

/** The resource as rules see it, from the SDK's validation arguments. */
export function resourceUnderTest(args: ResourceValidationArgs, readProps: PropsReader = asGiven): ResourceUnderTest {
  return {
    type: args.type,
    name: args.name,
    urn: args.urn,
    props: readProps(args.props),
    providerNamespace: (args.provider?.props as Record<string, unknown> | undefined)?.namespace as string | undefined,
  };
}

function toResourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const types = new Set(rule.resourceTypes);
  const notThisType = typeMismatch(rule);
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!types.has(args.type)) notThisType(args);
    const verdict = evaluateResourceRule(rule, resourceUnderTest(args), configOf(args), reporter(rule, reportViolation, args.urn));
    if (verdict.exempt !== undefined) args.notApplicable(verdict.exempt);
  };
  // A single-type rule carries the type the way `validateResourceOfType` does, so the SDK's server skips
  // other types before deserialising their properties (the main per-resource cost of a large pack).
  if (rule.resourceTypes.length === 1) Object.assign(validateResource, { __pulumiType: rule.resourceTypes[0] });
  return { ...common(rule), validateResource };
}

function toStackResource(r: PolicyResource, readProps: PropsReader): StackResource {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: readProps(r.props),
    parent: r.parent?.urn,
    dependencies: r.dependencies.map((d) => d.urn),
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => d.urn)])),
    providerNamespace: (r.provider?.props as Record<string, unknown> | undefined)?.namespace as string | undefined,
    ignoreChanges: r.opts?.ignoreChanges,
  };
}

/** The stack as every stack rule sees it, built once per `analyzeStack` request. */
export interface StackView {
  readonly resources: readonly StackResource[];
  readonly byUrn: ReadonlyMap<string, StackResource>;
}

/** Build the stack view from the SDK's resources (one conversion per resource). */
export function stackViewOf(resources: readonly PolicyResource[], readProps: PropsReader = asGiven): StackView {
  const converted = resources.map((r) => toStackResource(r, readProps));
  return { resources: converted, byUrn: new Map(converted.map((r) => [r.urn, r])) };
}


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
  const view = stackViewOf(args.resources);
  if (key !== undefined && typeof key === "object") stackViews.set(key, view);
  return view;
}

/** Run one stack rule over the stack, dropping findings on resources exempt from it. */
export function evaluateStackRule(rule: StackRule, view: StackView, config: PackConfig, reportViolation: ReportViolation): void {
  const exempt = (urn: string) => {
    const target = view.byUrn.get(urn);
    return target !== undefined && exemptionFor(rule.id, target, config).kind === "exempt";
  };
  rule.check(view.resources, reporter(rule, reportViolation, undefined, exempt), config);
}

function toStackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...common(rule),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => evaluateStackRule(rule, stackView(args), configOf(args), reportViolation),
  };
}

/** Turn registry rules into CrossGuard policies (resource or stack), metadata carried over. */
export function toPolicies(rules: readonly Rule[]): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return rules.map((rule) => (rule.kind === "resource" ? toResourcePolicy(rule) : toStackPolicy(rule)));
}
