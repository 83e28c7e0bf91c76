import { resolveConfig, type PackConfig } from "../../policy-pack/core/config";
import { effectiveLevel, evaluateResourceRule, evaluateStackRule, type AppliedExemption, type Violation, type ViolationLevel } from "../../policy-pack/core/evaluate";
import type { ResourceRule, Rule, StackResource, StackRule } from "../../policy-pack/core/rule";
import { podSpecLocationOf, POD_SPEC_PATHS_BY_TYPE, toPulumiResource, type KubernetesObject } from "../../policy-pack/core/workloads";
import { RULE_GROUPS, RULES } from "../../policy-pack/registry";
import { InputError } from "../errors";
import { overridesOf, type PolicyConfigFile } from "../policy-config";
import { countLevels, type ScanExemption, type ScanReport, type ScanResult, type ScanViolation } from "../report/model";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./documents";
import { collectInputs, loadFile, openInput, STDIN_NAME, type LoadedObject } from "./load";

/** Kinds that are not namespaced (reported with a null namespace). */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
  "PriorityClass", "IngressClass", "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "VolumeAttachment",
]);

/** Options of one scan. */
export interface ScanOptions {
  readonly paths: readonly string[];
  /** Groups to run (`--only`); all rules when absent. */
  readonly only?: readonly string[];
  readonly policyConfig: PolicyConfigFile;
  /** Standard input as a whole (tests); the real stdin is streamed. */
  readonly readStdin?: () => Buffer;
  /** `--exclude` glob patterns. */
  readonly exclude?: readonly string[];
  /** Size, alias and nesting limits (`--max-file-bytes`, `--max-document-bytes`). */
  readonly limits?: ReadLimits;
  /** The file name reported for stdin (`--stdin-name`); `<stdin>` when absent. */
  readonly stdinName?: string;
}

/** The rules `--only` selects; an unknown group is bad input listing the valid groups. */
export function selectRules(only: readonly string[] | undefined, rules: readonly Rule[] = RULES, groups: readonly string[] = RULE_GROUPS): Rule[] {
  if (!only || only.length === 0) return [...rules];
  const unknown = only.filter((g) => !groups.includes(g));
  if (unknown.length > 0) {
    throw new InputError(`unknown --only group '${unknown[0]}': use one or more of ${groups.length > 0 ? groups.join(", ") : "(no rules are registered yet)"}`);
  }
  return rules.filter((r) => r.groups.some((g) => only.includes(g)));
}

/** A loaded object as the rules see it, plus how its pod spec path maps back to the object as written. */
export interface ScannedResource extends StackResource {
  /** Canonical pod-spec path → the path as written (for generic pod templates), when they differ. */
  readonly rewrite?: { readonly from: string; readonly to: string };
}

/**
 * The resource view a rule judges, for one loaded object. Objects that embed a pod spec under a removed
 * apiVersion or an unknown kind (see `podSpecLocationOf`) are judged as their current workload token.
 * The URN is unique per file and position.
 */
export function toStackResource(o: Pick<LoadedObject, "object" | "file" | "index">): ScannedResource {
  const object = o.object as KubernetesObject;
  let { type, props } = toPulumiResource(object);
  let rewrite: ScannedResource["rewrite"];
  const location = podSpecLocationOf(object.apiVersion, object.kind, object);
  if (location && location.canonical !== type) {
    const canonicalPath = POD_SPEC_PATHS_BY_TYPE[location.canonical].join(".");
    type = location.canonical;
    if (location.actualSpecPath !== canonicalPath) {
      const spec = props.spec as Record<string, any>;
      props = { ...props, spec: { ...spec, template: { metadata: spec.template?.metadata, spec: spec.template } } };
      rewrite = { from: canonicalPath, to: location.actualSpecPath };
    }
  }
  const meta = (props.metadata ?? {}) as Record<string, unknown>;
  const name = typeof meta.name === "string" ? meta.name : typeof meta.generateName === "string" ? `${meta.generateName}*` : `object-${o.index}`;
  return { type, name, urn: `urn:pulumi:scan::${o.file}::${type}::${o.index}:${name}`, props, dependencies: [], propertyDependencies: {}, rewrite };
}

function namespaceOfObject(object: Record<string, unknown>): string | null {
  const ns = (object.metadata as Record<string, unknown> | undefined)?.namespace;
  if (typeof ns === "string" && ns !== "") return ns;
  return CLUSTER_SCOPED.has(String(object.kind)) ? null : "default";
}

const FIELD_PATH = /\b(?:spec|metadata|rules|subjects|roleRef|data|template|items|webhooks)(?:\.[A-Za-z0-9_-]+|\[\d+\])*/g;

/** The line/column of the field a violation names (the deepest field of any path in its message). */
function fieldOf(o: LoadedObject, message: string): { line: number; column: number } {
  let best: { line: number; column: number; depth: number } | undefined;
  for (const m of message.matchAll(FIELD_PATH)) {
    const hit = o.locate(m[0]);
    if (hit && (!best || hit.depth > best.depth)) best = hit;
  }
  return best && best.depth > 0 ? { line: best.line, column: best.column } : { line: o.line, column: o.column };
}

function exemptionSource(reason: string): string {
  return reason.startsWith("exempt by ") ? "annotation" : "pack config";
}

/** The rules of one scan with their levels and the config each runs with. */
interface Plan {
  readonly byType: Map<string, { rule: ResourceRule; level: ViolationLevel; config: PackConfig }[]>;
  readonly stack: { rule: StackRule; level: ViolationLevel; config: PackConfig }[];
  readonly stackTypes: Set<string>;
  readonly shared: PackConfig;
  readonly exemptNamespacesSource: string;
}

/**
 * Defaults of the scanner where they differ from the pack's: the Pod Security version is `latest` (as
 * Pod Security Admission defaults to) unless configured, and manifest authors cannot exempt their own
 * objects by annotation unless the platform opts the namespace in (`resourceExemptionNamespaces`).
 */
export const SCAN_DEFAULTS: Partial<PackConfig> = { podSecurityVersion: "latest", allowResourceExemptions: false };

/**
 * True for a stack rule whose verdict depends on cloud resources as well as Kubernetes objects (NP-003 reads
 * the vpc-cni add-on, GD-001 the GuardDuty detector, ORD-002 the node groups): manifests never hold those, so
 * on YAML alone such a rule would always see "missing" and fail every NetworkPolicy. The scanner leaves them
 * to `preview`, where the stack's AWS resources are present.
 */
export function needsCloudResources(rule: Rule): boolean {
  return rule.kind === "stack" && rule.resourceTypes.some((t) => !t.startsWith("kubernetes:"));
}

function plan(rules: readonly Rule[], file: PolicyConfigFile): Plan {
  const config: PolicyConfigFile = { ...file, shared: { ...SCAN_DEFAULTS, ...file.shared } };
  const overrides = overridesOf(config);
  const shared = resolveConfig(config.shared);
  const byType: Plan["byType"] = new Map();
  const stack: Plan["stack"] = [];
  for (const rule of rules) {
    const level = effectiveLevel(rule, overrides);
    if (level === "disabled" || needsCloudResources(rule)) continue;
    const own = config.policies[rule.name]?.properties ?? {};
    const ruleConfig = Object.keys(own).length > 0 ? resolveConfig({ ...config.shared, ...own }) : shared;
    if (rule.kind === "stack") stack.push({ rule, level, config: ruleConfig });
    else for (const t of rule.resourceTypes) byType.set(t, [...(byType.get(t) ?? []), { rule, level, config: ruleConfig }]);
  }
  const exemptNamespacesSource = file.shared.podSecurityExemptNamespaces === undefined ? "pack config (default)" : "pack config";
  return { byType, stack, stackTypes: new Set(stack.flatMap((s) => s.rule.resourceTypes)), shared, exemptNamespacesSource };
}

/** A result under construction (violations are appended by stack rules at the end). */
type MutableResult = ScanResult & { violations: ScanViolation[]; exemptions: ScanExemption[] };

function toScanViolation(v: Violation, o: LoadedObject, rewrite: ScannedResource["rewrite"]): ScanViolation {
  const fix = (s: string) => (rewrite ? s.split(rewrite.from).join(rewrite.to) : s);
  const message = fix(v.message);
  return { rule: v.rule, name: v.name, level: v.level, message, remediation: fix(v.remediation), ...fieldOf(o, message) };
}

/**
 * Scan Kubernetes YAML with the rule functions directly (no pack process), streaming: each input is read
 * document by document and every object is judged by the selected resource rules as soon as it is read;
 * only objects a selected stack rule reads are kept for the stack rules, which run at the end.
 */
export function runScan(options: ScanOptions): ScanReport {
  const rules = selectRules(options.only);
  const p = plan(rules, options.policyConfig);
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const results: MutableResult[] = [];
  const kept: { resource: ScannedResource; object: LoadedObject; result: MutableResult }[] = [];
  const collected = collectInputs(options.paths, { exclude: options.exclude });
  for (const e of collected.errors) results.push({ file: e.file, index: e.index, status: "error", violations: [], exemptions: [], error: e.error });
  for (const s of collected.skipped) results.push({ file: s.file, index: 0, status: "skipped", reason: s.reason, violations: [], exemptions: [] });
  for (const input of collected.files) {
    const file = input === "-" ? (options.stdinName ?? STDIN_NAME) : input;
    const opened = openInput(input, options.readStdin);
    if ("error" in opened) {
      results.push({ file, index: 0, status: "error", violations: [], exemptions: [], error: opened.error });
      continue;
    }
    try {
      for (const event of loadFile(file, opened.source, limits)) {
        if (event.kind === "error") {
          const e = event.error;
          results.push({ file: e.file, index: e.index, line: e.line, column: e.column, status: "error", violations: [], exemptions: [], error: e.error });
          continue;
        }
        results.push(judge(event.object, p, kept));
      }
    } finally {
      opened.close();
    }
  }
  if (p.stack.length > 0) {
    const byUrn = new Map(kept.map((k) => [k.resource.urn, k]));
    const resources = kept.map((k) => k.resource);
    for (const { rule, level, config } of p.stack) {
      const e = evaluateStackRule(rule, resources, config, level);
      for (const v of e.violations) {
        const k = byUrn.get(v.urn);
        if (k) k.result.violations.push(toScanViolation(v, k.object, k.resource.rewrite));
      }
      for (const x of e.exemptions) byUrn.get(x.urn)?.result.exemptions.push({ rule: x.rule, reason: x.reason, source: exemptionSource(x.reason) });
    }
    for (const k of kept) if (k.result.exemptions.length > 0 && k.result.status === "judged") (k.result as { status: string }).status = "exempt";
  }
  results.sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
  const all = results.flatMap((r) => r.violations);
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const exemptions: AppliedExemption[] = results.flatMap((r) => (r.exemptions ?? []).map((x) => ({ rule: x.rule, urn: `${r.file}#${r.index} ${r.kind ?? ""}/${r.name ?? ""}`, reason: `${x.reason} (${x.source})` })));
  return {
    results,
    exemptions,
    summary: {
      objects: results.filter((r) => r.kind !== undefined).length,
      judged: count("judged"),
      exempt: count("exempt"),
      skipped: count("skipped"),
      ...countLevels(all),
      errors: count("error"),
    },
  };
}

function judge(o: LoadedObject, p: Plan, kept: { resource: ScannedResource; object: LoadedObject; result: MutableResult }[]): MutableResult {
  const resource = toStackResource(o);
  const namespace = namespaceOfObject(o.object);
  const violations: ScanViolation[] = [];
  const exemptions: ScanExemption[] = [];
  const resourceRules = p.byType.get(resource.type) ?? [];
  for (const { rule, level, config } of resourceRules) {
    const e = evaluateResourceRule(rule, resource, config, level);
    for (const v of e.violations) violations.push(toScanViolation(v, o, resource.rewrite));
    for (const x of e.exemptions) exemptions.push({ rule: x.rule, reason: x.reason, source: exemptionSource(x.reason) });
  }
  const forStack = p.stackTypes.has(resource.type);
  const podSecurityExempt = namespace !== null && p.shared.podSecurityExemptNamespaces.includes(namespace) && resourceRules.some((r) => r.rule.id.startsWith("PSS-"));
  if (podSecurityExempt) {
    exemptions.push({ rule: "PSS-*", reason: `namespace ${namespace} is exempt from Pod Security (podSecurityExemptNamespaces)`, source: p.exemptNamespacesSource });
  }
  const applies = resourceRules.length > 0 || forStack;
  const result: MutableResult = {
    file: o.file,
    index: o.index,
    line: o.line,
    column: o.column,
    status: !applies ? "skipped" : exemptions.length > 0 ? "exempt" : "judged",
    ...(!applies ? { reason: `no selected rule applies to ${String(o.object.kind)} (${String(o.object.apiVersion)})` } : {}),
    apiVersion: String(o.object.apiVersion),
    kind: String(o.object.kind),
    namespace,
    name: resource.name,
    violations,
    exemptions,
  };
  if (forStack) kept.push({ resource, object: o, result });
  return result;
}
