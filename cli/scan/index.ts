import { evaluateAll, type AppliedExemption, type Violation } from "../../policy-pack/core/evaluate";
import type { Rule, StackResource } from "../../policy-pack/core/rule";
import { toPulumiResource, type KubernetesObject } from "../../policy-pack/core/workloads";
import { RULE_GROUPS, RULES } from "../../policy-pack/registry";
import { InputError } from "../errors";
import { overridesOf, type PolicyConfigFile } from "../policy-config";
import { countLevels, type ScanReport, type ScanResult } from "../report/model";
import { loadInputs, type LoadedObject } from "./load";

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
  readonly readStdin?: () => Buffer;
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

/** The resource view a rule judges, for one loaded object. The URN is unique per file and position. */
export function toStackResource(o: LoadedObject): StackResource {
  const { type, props } = toPulumiResource(o.object as KubernetesObject);
  const meta = (props.metadata ?? {}) as Record<string, unknown>;
  const name = typeof meta.name === "string" ? meta.name : typeof meta.generateName === "string" ? `${meta.generateName}*` : `object-${o.index}`;
  return {
    type,
    name,
    urn: `urn:pulumi:scan::${o.file}::${type}::${o.index}:${name}`,
    props,
    dependencies: [],
    propertyDependencies: {},
  };
}

function namespaceOfObject(object: Record<string, unknown>): string | null {
  const ns = (object.metadata as Record<string, unknown> | undefined)?.namespace;
  if (typeof ns === "string" && ns !== "") return ns;
  return CLUSTER_SCOPED.has(String(object.kind)) ? null : "default";
}

/** Run the selected rules: rules with per-policy settings run with them, the others with the shared settings. */
function evaluate(rules: readonly Rule[], resources: readonly StackResource[], config: PolicyConfigFile) {
  const overrides = overridesOf(config);
  const plain = rules.filter((r) => Object.keys(config.policies[r.name]?.properties ?? {}).length === 0);
  const out = evaluateAll(plain, resources, { config: config.shared, overrides });
  for (const rule of rules.filter((r) => !plain.includes(r))) {
    const e = evaluateAll([rule], resources, { config: { ...config.shared, ...config.policies[rule.name].properties }, overrides });
    out.violations.push(...e.violations);
    out.exemptions.push(...e.exemptions);
  }
  return out;
}

/**
 * Scan Kubernetes YAML with the rule functions directly (no pack process): every object is judged by
 * the selected resource rules, and the selected stack rules see all objects of the run.
 */
export function runScan(options: ScanOptions): ScanReport {
  const rules = selectRules(options.only);
  const loaded = loadInputs(options.paths, options.readStdin);
  const resources = loaded.objects.map(toStackResource);
  const { violations, exemptions } = evaluate(rules, resources, options.policyConfig);
  const byUrn = new Map<string, Violation[]>();
  for (const v of violations) byUrn.set(v.urn, [...(byUrn.get(v.urn) ?? []), v]);
  const results: ScanResult[] = loaded.objects.map((o, i) => ({
    file: o.file,
    index: o.index,
    line: o.line,
    kind: String(o.object.kind),
    namespace: namespaceOfObject(o.object),
    name: resources[i].name,
    violations: (byUrn.get(resources[i].urn) ?? []).map(({ urn: _urn, ...v }) => v),
  }));
  for (const e of loaded.errors) results.push({ file: e.file, index: e.index, line: e.line, violations: [], error: e.error });
  results.sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
  const all = results.flatMap((r) => r.violations);
  return {
    results,
    exemptions: exemptions.map((x: AppliedExemption) => ({ ...x })),
    summary: { objects: loaded.objects.length, ...countLevels(all), errors: loaded.errors.length },
  };
}
