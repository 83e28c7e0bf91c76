import { ROLE_TYPES } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { checkedRoleRules, rulePath } from "./role-rules";

/**
 * RBAC-002: no wildcard resources, API groups or non-resource URLs. A ClusterRole with `aggregationRule` is judged
 * on its own `rules` only (the controller fills them from the aggregated roles, which are judged themselves).
 */
export const rbac002 = resourceRule({
  id: "RBAC-002",
  name: "rbac-no-wildcard-resources",
  description: "Role and ClusterRole rules enumerate resources, API groups and non-resource URLs; no `*`.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["rbac"],
  seed: ["S2", "S4"],
  upstream: "kubernetes.io RBAC Good Practices (wildcards grant access to future types)",
  remediation: `Enumerate rules[*].resources and rules[*].apiGroups, e.g. apiGroups ["apps"], resources ["deployments"].`,
  resourceTypes: ROLE_TYPES,
  check(resource, report, config) {
    const rules = checkedRoleRules(resource, report, config);
    rules?.forEach((rule, i) => {
      const path = rulePath(i);
      const wildResources = (rule.resources ?? []).filter((r) => r === "*" || r.endsWith("/*") || r.startsWith("*/"));
      if (wildResources.length > 0) {
        report({ message: `${path}.resources contains ${wildResources.map((r) => `"${r}"`).join(", ")}`, remediation: `Enumerate the resources in ${path}.resources.` });
      }
      if ((rule.apiGroups ?? []).includes("*")) {
        report({ message: `${path}.apiGroups contains "*"`, remediation: `Enumerate the API groups in ${path}.apiGroups (e.g. "" for core, "apps").` });
      }
      if ((rule.nonResourceURLs ?? []).some((u) => u.includes("*"))) {
        report({ message: `${path}.nonResourceURLs contains a "*" wildcard`, remediation: `List exact paths in ${path}.nonResourceURLs (e.g. "/healthz").` });
      }
    });
  },
});
