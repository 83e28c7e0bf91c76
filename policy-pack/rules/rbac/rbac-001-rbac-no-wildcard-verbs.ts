import { ROLE_TYPES } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { checkedRoleRules, rulePath } from "./role-rules";

/** RBAC-001: no `*` verbs. */
export const rbac001 = resourceRule({
  id: "RBAC-001",
  name: "rbac-no-wildcard-verbs",
  description: "Role and ClusterRole rules list their verbs; `*` is not allowed.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["rbac"],
  seed: ["S2", "S4"],
  upstream: "kubernetes.io RBAC Good Practices (avoid wildcard permissions)",
  remediation: `Replace "*" in rules[*].verbs with the verbs needed, e.g. ["get", "list"].`,
  resourceTypes: ROLE_TYPES,
  check(resource, report, config) {
    const rules = checkedRoleRules(resource, report, config);
    rules?.forEach((rule, i) => {
      if (rule.verbs.includes("*")) {
        report({ message: `${rulePath(i)}.verbs contains "*"`, remediation: `List the verbs in ${rulePath(i)}.verbs, e.g. ["get", "list"].` });
      }
    });
  },
});
