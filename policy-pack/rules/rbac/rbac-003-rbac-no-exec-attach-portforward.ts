import { ROLE_TYPES, grants } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { checkedRoleRules, rulePath } from "./role-rules";

/** The interactive pod subresources (any verb: websocket upgrades were authorized as `get`). */
export const INTERACTIVE_SUBRESOURCES = ["pods/exec", "pods/attach", "pods/portforward", "pods/ephemeralcontainers"] as const;

/** RBAC-003: no access to exec, attach, port-forward or ephemeral containers. */
export const rbac003 = resourceRule({
  id: "RBAC-003",
  name: "rbac-no-exec-attach-portforward",
  description: "Roles grant no verb on pods/exec, pods/attach, pods/portforward or pods/ephemeralcontainers.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S2", "S3"],
  upstream: "kubernetes/kubernetes#128743; KEP-4006; kubernetes.io RBAC Good Practices",
  remediation: "Remove pods/exec, pods/attach, pods/portforward and pods/ephemeralcontainers from rules[*].resources; keep break-glass access in a role listed in config platformRoles.",
  resourceTypes: ROLE_TYPES,
  check(resource, report, config) {
    const rules = checkedRoleRules(resource, report, config);
    rules?.forEach((rule, i) => {
      const covered = INTERACTIVE_SUBRESOURCES.filter((sub) => grants(rule, "", sub, "any"));
      if (covered.length === 0) return;
      report({
        message: `${rulePath(i)} (resources ${JSON.stringify(rule.resources)}, apiGroups ${JSON.stringify(rule.apiGroups)}) grants ${JSON.stringify(rule.verbs)} on ${covered.join(", ")}`,
        remediation: `Remove ${covered.join(", ")} from ${rulePath(i)}.resources (and any "*" / "pods/*" that covers them).`,
      });
    });
  },
});
