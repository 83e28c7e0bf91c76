import { BINDING_TYPES, type Subject } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { isAnonymous, readBinding } from "./bindings";

const BROAD_GROUPS = ["system:authenticated", "system:unauthenticated", "system:serviceaccounts"];

/** True for a subject that must never hold cluster-admin: any ServiceAccount, broad system groups, anonymous. */
function isForbiddenAdmin(s: Subject): boolean {
  if (s.kind === "ServiceAccount") return true;
  if (s.kind === "Group" && (BROAD_GROUPS.includes(s.name) || s.name.startsWith("system:serviceaccounts:"))) return true;
  return isAnonymous(s);
}

/** RBAC-007: cluster-admin is never bound to service accounts, system groups or anonymous. */
export const rbac007 = resourceRule({
  id: "RBAC-007",
  name: "rbac-no-cluster-admin-for-sa-or-system-groups",
  description: "cluster-admin is not bound to ServiceAccounts, system:authenticated/unauthenticated/serviceaccounts groups or system:anonymous.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S1 §5.4.7", "S2"],
  upstream: "kubernetes.io RBAC Good Practices",
  remediation: `Bind a least-privilege role instead of roleRef {kind: "ClusterRole", name: "cluster-admin"} (e.g. "view" to a named group).`,
  resourceTypes: BINDING_TYPES,
  check(resource, report) {
    const binding = readBinding(resource, report);
    if (!binding?.roleRef || binding.roleRef.kind !== "ClusterRole" || binding.roleRef.name !== "cluster-admin") return;
    binding.subjects.forEach((s, i) => {
      if (!isForbiddenAdmin(s)) return;
      const who = s.kind === "ServiceAccount" ? `ServiceAccount "${s.namespace ? `${s.namespace}:` : ""}${s.name}"` : `${s.kind} "${s.name}"`;
      report({
        message: `subjects[${i}] is ${who} bound to roleRef ClusterRole "cluster-admin"`,
        remediation: `Remove subjects[${i}] or point roleRef.name at a least-privilege ClusterRole.`,
      });
    });
  },
});
