import { ROLE_TYPES } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { checkedRoleRules, rulePath } from "./role-rules";

const FORBIDDEN_VERBS = ["escalate", "bind", "impersonate"];

/** RBAC-004: no escalate, bind or impersonate verbs. */
export const rbac004 = resourceRule({
  id: "RBAC-004",
  name: "rbac-no-escalate-bind-impersonate",
  description: "Roles grant no escalate, bind or impersonate verbs.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S0"],
  upstream: "kubernetes.io RBAC Good Practices (escalate, bind, impersonate verbs)",
  remediation: `Remove "escalate", "bind" and "impersonate" from rules[*].verbs.`,
  resourceTypes: ROLE_TYPES,
  check(resource, report, config) {
    const rules = checkedRoleRules(resource, report, config);
    rules?.forEach((rule, i) => {
      const bad = rule.verbs.filter((v) => FORBIDDEN_VERBS.includes(v));
      if (bad.length > 0) {
        report({ message: `${rulePath(i)}.verbs contains ${bad.map((v) => `"${v}"`).join(", ")}`, remediation: `Remove ${bad.map((v) => `"${v}"`).join(", ")} from ${rulePath(i)}.verbs.` });
      }
    });
  },
});
