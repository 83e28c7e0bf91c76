/**
 * Shared applicability logic of the Pod Security Standards rules: which workloads a check judges, at which
 * version, and the `definePssRule` factory that wires metadata, groups, version gates, namespace exemptions,
 * the restricted→baseline fallback of overriding checks (see baseline/pss.ts) and preview unknowns.
 */
import {
  PSS_CHECKS,
  atLeast,
  parsePssVersion,
  pssGroups,
  type PssCheckId,
  type PssVersion,
} from "../baseline/pss";
import type { PackConfig } from "./config";
import { namespaceOf } from "./exemptions";
import { resourceRule, type Report, type ResourceRule, type ResourceUnderTest, type Severity } from "./rule";
import { cannotVerify, isUnknownValueError } from "./unknowns";
import { podSpecOf, WORKLOAD_TYPES, type ContainerRef, type PodSpecView } from "./workloads";

/** Everything a PSS check needs to judge one workload. */
export interface PssContext {
  readonly view: PodSpecView;
  /** Version the checks run at (config `podSecurityVersion`: resource rules cannot see namespace labels). */
  readonly version: PssVersion;
  readonly namespace: string;
  /** `spec.os.name === "windows"`. */
  readonly windows: boolean;
  /** `spec.hostUsers === false`. */
  readonly userNamespace: boolean;
  /** False in `baselineOnlyNamespaces`: restricted checks do not apply there. */
  readonly restrictedApplies: boolean;
}

/** True when a value is present (not undefined/null). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A plain object or `{}`. */
export function obj(value: unknown): Record<string, any> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** An array or `[]`. */
export function arr(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** Absolute dotted path of a field under the pod spec, e.g. `spec.template.spec.hostNetwork`. */
export function specField(ctx: PssContext, relative: string): string {
  return `${ctx.view.specPath}.${relative}`;
}

/** Absolute dotted path of a field under a container, e.g. `spec.containers[0].securityContext.privileged`. */
export function containerField(ctx: PssContext, ref: ContainerRef, relative: string): string {
  return `${ctx.view.specPath}.${ref.path}.${relative}`;
}

/** ` (container "app")`, or "" when the container has no name. */
export function containerLabel(ref: ContainerRef): string {
  return ref.name ? ` (container "${ref.name}")` : "";
}

/** Render a value for a message: strings bare, everything else as JSON. */
export function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The version config asks for; an invalid value falls back to `latest` (the strictest reading). */
export function configuredVersion(config: PackConfig): PssVersion {
  try {
    return parsePssVersion(config.podSecurityVersion);
  } catch {
    return parsePssVersion("latest");
  }
}

/** Contexts already built (a read of an unknown value throws and is not kept, so each rule reports it). */
const contexts = new WeakMap<ResourceUnderTest, WeakMap<PackConfig, { readonly context: PssContext | undefined }>>();

/**
 * The PSS context of a resource, or undefined when no PSS check applies to it: not a workload, or its
 * namespace is in `podSecurityExemptNamespaces`.
 */
export function pssContextOf(resource: ResourceUnderTest, config: PackConfig): PssContext | undefined {
  // Every PSS rule asks for the same resource's context: build it once per resource and config.
  let byConfig = contexts.get(resource);
  const known = byConfig?.get(config);
  if (known !== undefined) return known.context;
  const context = buildPssContext(resource, config);
  if (byConfig === undefined) {
    byConfig = new WeakMap();
    contexts.set(resource, byConfig);
  }
  byConfig.set(config, { context });
  return context;
}

function buildPssContext(resource: ResourceUnderTest, config: PackConfig): PssContext | undefined {
  if (!WORKLOAD_TYPES.includes(resource.type)) return undefined;
  const namespace = namespaceOf(resource);
  if (config.podSecurityExemptNamespaces.includes(namespace)) return undefined;
  const view = podSpecOf(resource.type, resource.props ?? {});
  if (!view) return undefined;
  return {
    view,
    version: configuredVersion(config),
    namespace,
    windows: obj(view.spec.os).name === "windows",
    userNamespace: view.spec.hostUsers === false,
    restrictedApplies: !config.baselineOnlyNamespaces.includes(namespace),
  };
}

/** A check body: report one finding per offending field. */
export type PssCheckFn = (ctx: PssContext, report: Report) => void;

/** What a PSS rule file declares; the factory adds type list, groups, level, seeds and upstream link. */
export interface PssRuleSpec {
  readonly id: PssCheckId;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediation: string;
  /** Extra seed references beyond the family's (e.g. `S2` for NET_RAW). */
  readonly seed?: readonly string[];
  /** The check itself; runs only at versions ≥ the check's minimum and where its profile applies. */
  readonly check: PssCheckFn;
  /**
   * For a restricted check that overrides a baseline check: the baseline logic it subsumes, run where the
   * restricted check itself does not (below its minimum version or in a baseline-only namespace).
   */
  readonly fallback?: PssCheckFn;
}

const FAMILY_SEED = ["S1 §5.2", "S1 §5.4", "S1 §5.11", "S0", "S3"];
const PSA_UPSTREAM = "github.com/kubernetes/pod-security-admission policy/check_";

/** Build a PSS resource rule over every workload token W. */
export function definePssRule(spec: PssRuleSpec): ResourceRule {
  const check = PSS_CHECKS[spec.id];
  return resourceRule({
    id: spec.id,
    name: spec.name,
    description: spec.description,
    enforcementLevel: "mandatory",
    severity: spec.severity,
    groups: pssGroups(spec.id),
    seed: [...FAMILY_SEED, ...(spec.seed ?? [])],
    upstream: `${PSA_UPSTREAM}${check.psaId}.go`,
    remediation: spec.remediation,
    resourceTypes: WORKLOAD_TYPES,
    check(resource, report, config) {
      let ctx: PssContext | undefined;
      try {
        ctx = pssContextOf(resource, config);
        if (!ctx) return;
        const profileApplies = check.level === "baseline" || ctx.restrictedApplies;
        const versionApplies = atLeast(ctx.version, check.minVersion);
        if (profileApplies && versionApplies) spec.check(ctx, report);
        else if (spec.fallback) spec.fallback(ctx, report);
      } catch (error) {
        if (!isUnknownValueError(error)) throw error;
        report(cannotVerify(ctx ? ctx.view.specPath : "the pod spec"));
      }
    },
  });
}
