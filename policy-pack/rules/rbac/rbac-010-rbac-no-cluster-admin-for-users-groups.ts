import { BINDING_TYPES, type Subject } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { isAnonymous, readBinding } from "./bindings";

const SYSTEM_GROUPS = ["system:authenticated", "system:unauthenticated", "system:serviceaccounts"];

/** True for a User or Group subject RBAC-007 does not already cover (it reports system groups and anonymous). */
function isPersonOrTeam(s: Subject): boolean {
  if (s.kind !== "User" && s.kind !== "Group") return false;
  if (isAnonymous(s)) return false;
  return !(s.kind === "Group" && (SYSTEM_GROUPS.includes(s.name) || s.name.startsWith("system:serviceaccounts:")));
}

/** RBAC-010: cluster-admin is not bound to users or groups in the cluster (use EKS access entries, audited). */
export const rbac010 = resourceRule({
  id: "RBAC-010",
  name: "rbac-no-cluster-admin-for-users-groups",
  description: "No RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole to a User or Group (leftover admin bindings); bindings named in platformRoles are exempt.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S1 §5.4.7", "S0"],
  upstream: "kubernetes.io RBAC Good Practices (least privilege; review cluster-admin bindings); kubescape C-0035, checkov cluster-admin binding check",
  remediation: "Bind a least-privilege ClusterRole (view, edit, or a custom one) to the User/Group; grant cluster administration through audited EKS access entries, or list the binding in platformRoles with a justification.",
  resourceTypes: BINDING_TYPES,
  check(resource, report, config) {
    const binding = readBinding(resource, report);
    if (!binding?.roleRef || binding.roleRef.kind !== "ClusterRole" || binding.roleRef.name !== "cluster-admin") return;
    const name = resource.props?.metadata?.name ?? resource.name;
    if (config.platformRoles.some((r) => r.name === name)) return;
    binding.subjects.forEach((s, i) => {
      if (!isPersonOrTeam(s)) return;
      report({
        message: `subjects[${i}] is ${s.kind} "${s.name}" bound to roleRef ClusterRole "cluster-admin"`,
        remediation: `Point roleRef.name at a least-privilege ClusterRole for subjects[${i}], or list binding "${String(name)}" in platformRoles with a justification.`,
      });
    });
  },
});
