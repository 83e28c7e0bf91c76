import { BINDING_TYPES } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { isAnonymous, readBinding } from "./bindings";

/** RBAC-008: nothing is bound to anonymous or unauthenticated requests. */
export const rbac008 = resourceRule({
  id: "RBAC-008",
  name: "rbac-no-anonymous-bindings",
  description: "No binding has the subject Group system:unauthenticated or User system:anonymous.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S0"],
  upstream: "kubernetes.io RBAC Good Practices (review bindings for system:unauthenticated)",
  remediation: `Remove subjects {kind: "Group", name: "system:unauthenticated"} and {kind: "User", name: "system:anonymous"}.`,
  resourceTypes: BINDING_TYPES,
  check(resource, report) {
    const binding = readBinding(resource, report);
    binding?.subjects.forEach((s, i) => {
      if (!isAnonymous(s)) return;
      report({ message: `subjects[${i}] is ${s.kind} "${s.name}" (anonymous access)`, remediation: `Remove subjects[${i}].` });
    });
  },
});
