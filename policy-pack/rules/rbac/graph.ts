/**
 * The RBAC graph of a stack for RBAC-005/006: roles (with aggregated ClusterRole rules), bindings, their scopes.
 * Reads are guarded per resource: an unknown value defers that resource instead of aborting the policy.
 */
import type { PackConfig } from "../../core/config";
import {
  RBAC_TYPES,
  clusterRoleData,
  effectiveClusterRoleRules,
  isPlatformRole,
  objectName,
  policyRulesOf,
  roleRefOf,
  subjectsOf,
  type ClusterRoleData,
  type PolicyRule,
  type Subject,
} from "../../core/rbac";
import type { StackResource } from "../../core/rule";
import { namespaceOf } from "../../core/tenants";
import { readMaybeUnknown } from "../../core/unknowns";

/** Scope a grant applies in: a namespace, or `*` for cluster-wide. */
export type Scope = string;

/** A role of the stack with its effective rules. */
export interface RoleNode {
  readonly resource: StackResource;
  readonly name: string;
  readonly rules: readonly PolicyRule[];
  /** Listed in config `platformRoles` (exempt). */
  readonly platform: boolean;
}

/** A binding of the stack resolved to its role (when the role is in the stack). */
export interface BindingNode {
  readonly resource: StackResource;
  readonly kind: "RoleBinding" | "ClusterRoleBinding";
  readonly scope: Scope;
  readonly roleRef: { kind: string; name: string };
  readonly subjects: readonly Subject[];
  readonly role?: RoleNode;
}

/** The RBAC objects of a stack. */
export interface RbacGraph {
  readonly bindings: readonly BindingNode[];
  /** Resources whose RBAC fields were unknown at preview. */
  readonly deferred: readonly StackResource[];
}

/** Build the RBAC graph of a stack. */
export function buildRbacGraph(resources: readonly StackResource[], config: PackConfig): RbacGraph {
  const deferred: StackResource[] = [];
  const clusterRoles: { resource: StackResource; data: ClusterRoleData }[] = [];
  const roles = new Map<string, RoleNode>();
  for (const r of resources) {
    if (r.type === RBAC_TYPES.clusterRole) {
      const read = readMaybeUnknown(() => clusterRoleData(r.props, r.name));
      if (read.known) clusterRoles.push({ resource: r, data: read.value });
      else deferred.push(r);
    } else if (r.type === RBAC_TYPES.role) {
      const read = readMaybeUnknown(() => ({ ns: namespaceOf(r), name: objectName(r.props, r.name), rules: policyRulesOf(r.props) }));
      if (!read.known) {
        deferred.push(r);
        continue;
      }
      const { ns, name, rules } = read.value;
      roles.set(`${ns}/${name}`, { resource: r, name, rules, platform: isPlatformRole(name, config) });
    }
  }
  const allData = clusterRoles.map((c) => c.data);
  const byClusterName = new Map<string, RoleNode>();
  for (const c of clusterRoles) {
    byClusterName.set(c.data.name, {
      resource: c.resource,
      name: c.data.name,
      rules: effectiveClusterRoleRules(c.data, allData),
      platform: isPlatformRole(c.data.name, config),
    });
  }
  const bindings: BindingNode[] = [];
  for (const r of resources) {
    const kind = r.type === RBAC_TYPES.roleBinding ? "RoleBinding" : r.type === RBAC_TYPES.clusterRoleBinding ? "ClusterRoleBinding" : undefined;
    if (!kind) continue;
    const read = readMaybeUnknown(() => ({
      scope: kind === "ClusterRoleBinding" ? "*" : namespaceOf(r),
      roleRef: roleRefOf(r.props),
      subjects: subjectsOf(r.props).map((s) => ({ ...s })),
    }));
    if (!read.known) {
      deferred.push(r);
      continue;
    }
    const { scope, roleRef, subjects } = read.value;
    if (!roleRef) continue;
    const role = roleRef.kind === "ClusterRole" ? byClusterName.get(roleRef.name) : roleRef.kind === "Role" ? roles.get(`${scope}/${roleRef.name}`) : undefined;
    bindings.push({ resource: r, kind, scope, roleRef, subjects, ...(role ? { role } : {}) });
  }
  return { bindings, deferred };
}

/** True when two scopes overlap (equal, or either is cluster-wide). */
export function scopesOverlap(a: Scope, b: Scope): boolean {
  return a === "*" || b === "*" || a === b;
}
