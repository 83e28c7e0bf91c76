import { RBAC_TYPES, grants } from "../../core/rbac";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { buildRbacGraph } from "./graph";

/** Verbs that read secrets. */
export const SECRET_READ_VERBS = ["get", "list", "watch"] as const;

/** RBAC-005: no ClusterRoleBinding grants secret reads across the cluster. */
export const rbac005 = stackRule({
  id: "RBAC-005",
  name: "rbac-no-cluster-wide-secret-read",
  description: "No ClusterRoleBinding binds a ClusterRole that can get, list or watch core secrets.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S1 §5.12", "S3"],
  upstream: "kubernetes.io RBAC Good Practices (list and watch reveal Secret contents)",
  remediation: "Bind the role with a namespaced RoleBinding instead, or use a namespaced Role with `get` on named secrets (rules[*].resourceNames).",
  resourceTypes: [RBAC_TYPES.clusterRole, RBAC_TYPES.clusterRoleBinding],
  check(resources, report, config) {
    const graph = buildRbacGraph(resources, config);
    for (const r of graph.deferred) {
      if (r.type === RBAC_TYPES.clusterRole || r.type === RBAC_TYPES.clusterRoleBinding) report({ ...cannotVerify("rules / roleRef"), urn: r.urn });
    }
    for (const b of graph.bindings) {
      if (b.kind !== "ClusterRoleBinding" || !b.role || b.role.platform) continue;
      const index = b.role.rules.findIndex((rule) => grants(rule, "", "secrets", SECRET_READ_VERBS));
      if (index < 0) continue;
      const rule = b.role.rules[index];
      report({
        urn: b.resource.urn,
        message: `roleRef (ClusterRole "${b.role.name}") grants ${JSON.stringify(rule.verbs)} on secrets and this ClusterRoleBinding applies it in every namespace`,
        remediation: `Replace this ClusterRoleBinding with RoleBindings in the namespaces that need it, or remove secret get/list/watch from ClusterRole "${b.role.name}".`,
      });
    }
  },
});
