/**
 * RBAC rule coverage (catalog §1.10): whether a `rules[*]` entry of a Role/ClusterRole covers a resource and a
 * verb, how bindings resolve to roles, and the `platformRoles` exemption. Pure functions over plain data.
 */
import type { PolicyRule } from "../baseline/tenancy";
import type { PackConfig } from "./config";

export type { PolicyRule } from "../baseline/tenancy";

/** Pulumi type tokens of the RBAC objects. */
export const RBAC_TYPES = {
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  rolePatch: "kubernetes:rbac.authorization.k8s.io/v1:RolePatch",
  clusterRolePatch: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch",
  roleBindingPatch: "kubernetes:rbac.authorization.k8s.io/v1:RoleBindingPatch",
  clusterRoleBindingPatch: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch",
} as const;

/** Role and ClusterRole tokens (with their Patch variants, whose rules are always explicit). */
export const ROLE_TYPES: readonly string[] = [RBAC_TYPES.role, RBAC_TYPES.clusterRole, RBAC_TYPES.rolePatch, RBAC_TYPES.clusterRolePatch];

/** RoleBinding and ClusterRoleBinding tokens (with their Patch variants). */
export const BINDING_TYPES: readonly string[] = [
  RBAC_TYPES.roleBinding,
  RBAC_TYPES.clusterRoleBinding,
  RBAC_TYPES.roleBindingPatch,
  RBAC_TYPES.clusterRoleBindingPatch,
];

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The `rules` of a role's props as well-formed PolicyRules (non-objects dropped, missing lists empty). */
export function policyRulesOf(props: Record<string, any> | undefined): PolicyRule[] {
  const rules = props?.rules;
  if (!Array.isArray(rules)) return [];
  return rules
    .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
    .map((r) => ({
      apiGroups: strings(r.apiGroups),
      resources: strings(r.resources),
      resourceNames: strings(r.resourceNames),
      verbs: strings(r.verbs),
      nonResourceURLs: strings(r.nonResourceURLs),
    }));
}

/** True when the rule's `apiGroups` includes `group` (`""` = core) or `*`. */
export function coversGroup(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === group || g === "*");
}

/**
 * True when the rule's `resources` names `resource`: exactly, by `*`, or — for a subresource `parent/sub` — by
 * `parent/*` or `* /sub` (Kubernetes RBAC matching). `pods` alone does not cover `pods/exec`.
 */
export function coversResourceName(rule: PolicyRule, resource: string): boolean {
  const [parent, sub] = resource.split("/", 2);
  return (rule.resources ?? []).some(
    (r) => r === resource || r === "*" || (sub !== undefined && (r === `${parent}/*` || r === `*/${sub}`)),
  );
}

/** True when the rule covers `resource` of `group` (both `apiGroups` and `resources` match). */
export function coversResource(rule: PolicyRule, group: string, resource: string): boolean {
  return coversGroup(rule, group) && coversResourceName(rule, resource);
}

/** True when the rule's `verbs` includes `verb` or `*`. */
export function coversVerb(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === verb || v === "*");
}

/** True when the rule covers `resource` of `group` with any of `verbs` (`"any"` = any verb at all). */
export function grants(rule: PolicyRule, group: string, resource: string, verbs: readonly string[] | "any"): boolean {
  if (!coversResource(rule, group, resource)) return false;
  if (verbs === "any") return (rule.verbs ?? []).length > 0;
  return verbs.some((v) => coversVerb(rule, v));
}

/** True when any of `rules` grants `verbs` on `resource` of `group`. */
export function anyGrants(rules: readonly PolicyRule[], group: string, resource: string, verbs: readonly string[] | "any"): boolean {
  return rules.some((r) => grants(r, group, resource, verbs));
}

/** The `metadata.name` of an object, else its Pulumi name. */
export function objectName(props: Record<string, any> | undefined, fallback: string): string {
  const name = props?.metadata?.name;
  return typeof name === "string" && name !== "" ? name : fallback;
}

/** True when `roleName` is a justified operator/CI role in config `platformRoles` (exempt from RBAC-001…006, 009). */
export function isPlatformRole(roleName: string, config: PackConfig): boolean {
  return config.platformRoles.some((p) => p.name === roleName);
}

/** A binding subject as plain data. */
export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly apiGroup?: string;
}

/** The `subjects` of a binding's props (malformed entries dropped). */
export function subjectsOf(props: Record<string, any> | undefined): Subject[] {
  const subjects = props?.subjects;
  if (!Array.isArray(subjects)) return [];
  return subjects.filter(
    (s): s is Subject => typeof s === "object" && s !== null && typeof s.kind === "string" && typeof s.name === "string",
  );
}

/** A binding's `roleRef` as plain data, when well formed. */
export function roleRefOf(props: Record<string, any> | undefined): { kind: string; name: string } | undefined {
  const ref = props?.roleRef;
  if (typeof ref !== "object" || ref === null || typeof ref.kind !== "string" || typeof ref.name !== "string") return undefined;
  return { kind: ref.kind, name: ref.name };
}

/** A ClusterRole as the aggregation logic needs it. */
export interface ClusterRoleData {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly PolicyRule[];
  /** `aggregationRule.clusterRoleSelectors[*].matchLabels`, when the role aggregates. */
  readonly aggregationSelectors?: readonly Readonly<Record<string, string>>[];
}

/** Read a ClusterRole's name, labels, rules and aggregation selectors from its props. */
export function clusterRoleData(props: Record<string, any>, fallbackName: string): ClusterRoleData {
  const selectors = props?.aggregationRule?.clusterRoleSelectors;
  const labels = props?.metadata?.labels;
  return {
    name: objectName(props, fallbackName),
    labels: typeof labels === "object" && labels !== null ? labels : {},
    rules: policyRulesOf(props),
    aggregationSelectors: Array.isArray(selectors)
      ? selectors.map((s: any) => (typeof s?.matchLabels === "object" && s.matchLabels !== null ? s.matchLabels : {}))
      : undefined,
  };
}

/**
 * Effective rules of a ClusterRole: its own rules, plus — for an `aggregationRule` — the rules of every ClusterRole
 * in `all` whose labels match one of its `clusterRoleSelectors[*].matchLabels` (as the aggregation controller fills
 * them). Only `matchLabels` selectors are resolved; an empty selector matches nothing here.
 */
export function effectiveClusterRoleRules(role: ClusterRoleData, all: readonly ClusterRoleData[]): PolicyRule[] {
  if (!role.aggregationSelectors) return [...role.rules];
  const matched = all.filter(
    (other) =>
      other !== role &&
      role.aggregationSelectors!.some((sel) => Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => other.labels[k] === v)),
  );
  return [...role.rules, ...matched.flatMap((m) => m.rules)];
}
