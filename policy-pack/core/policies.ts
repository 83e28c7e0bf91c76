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

function toResourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!rule.resourceTypes.includes(args.type)) {
      args.notApplicable(`applies only to ${rule.resourceTypes.join(", ")}`);
    }
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
  };
}

function toStackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...common(rule),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const config = configOf(args);
      const resources = args.resources.map(toStackResource);
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
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
