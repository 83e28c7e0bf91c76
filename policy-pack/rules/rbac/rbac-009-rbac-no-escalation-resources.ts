import { ROLE_TYPES, grants } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { checkedRoleRules, rulePath } from "./role-rules";

/** Grants that lead to privilege escalation (RBAC good practices), with the verbs that matter (`any` = every verb). */
export const ESCALATION_GRANTS: readonly { group: string; resource: string; verbs: readonly string[] | "any"; why: string }[] = [
  { group: "", resource: "nodes/proxy", verbs: "any", why: "reaches the kubelet API (exec in any pod on the node)" },
  { group: "", resource: "serviceaccounts/token", verbs: ["create"], why: "mints tokens for any service account" },
  { group: "certificates.k8s.io", resource: "certificatesigningrequests/approval", verbs: ["update", "patch"], why: "approves client certificates" },
  { group: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations", verbs: ["create", "update", "patch", "delete"], why: "disables or intercepts admission" },
  { group: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations", verbs: ["create", "update", "patch", "delete"], why: "rewrites any admitted object" },
  { group: "", resource: "persistentvolumes", verbs: ["create"], why: "hostPath volumes bypass pod security" },
  { group: "", resource: "namespaces", verbs: ["update", "patch"], why: "tampers with PSA and NetworkPolicy labels" },
];

/** RBAC-009: no grants on resources that lead to privilege escalation. */
export const rbac009 = resourceRule({
  id: "RBAC-009",
  name: "rbac-no-escalation-resources",
  description: "Roles grant nothing on nodes/proxy, serviceaccounts/token create, CSR approval, admission webhooks, PV create or namespace update/patch.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S0", "S1 §5.2"],
  upstream: "kubernetes.io RBAC Good Practices; kubernetes/kubernetes#136550",
  remediation: "Remove these grants from rules[*]; keep them in roles listed in config platformRoles only.",
  resourceTypes: ROLE_TYPES,
  check(resource, report, config) {
    const rules = checkedRoleRules(resource, report, config);
    rules?.forEach((rule, i) => {
      for (const g of ESCALATION_GRANTS) {
        if (!grants(rule, g.group, g.resource, g.verbs)) continue;
        const verbs = g.verbs === "any" ? "any verb" : g.verbs.join("/");
        report({
          message: `${rulePath(i)} grants ${verbs} on ${g.group ? `${g.group} ` : ""}${g.resource} (${g.why})`,
          remediation: `Remove ${g.resource} (${verbs}) from ${rulePath(i)}; keep it in a role listed in config platformRoles.`,
        });
      }
    });
  },
});
