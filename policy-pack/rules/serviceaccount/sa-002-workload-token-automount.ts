import { DEFAULT_SERVICE_ACCOUNT } from "../../baseline/tenancy";
import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { WORKLOAD_TYPES, podSpecOf } from "../../core/workloads";

/** SA-002: workloads on the `default` service account do not mount its token. */
export const sa002 = resourceRule({
  id: "SA-002",
  name: "workload-token-automount",
  description: "Workloads using the `default` service account set automountServiceAccountToken false.",
  enforcementLevel: "advisory",
  severity: "low",
  groups: ["rbac", "tenancy"],
  seed: ["S2", "S3"],
  upstream: "kubernetes.io RBAC Good Practices",
  remediation: "Set automountServiceAccountToken: false in the pod spec, or set serviceAccountName to a dedicated service account.",
  resourceTypes: WORKLOAD_TYPES,
  check(resource, report) {
    const read = readMaybeUnknown(() => {
      const view = podSpecOf(resource.type, resource.props)!;
      const sa = view.spec.serviceAccountName ?? view.spec.serviceAccount;
      return { path: view.specPath, patch: view.isPatch, sa, automount: view.spec.automountServiceAccountToken };
    });
    if (!read.known) return report(cannotVerify("serviceAccountName / automountServiceAccountToken"));
    const { path, patch, sa, automount } = read.value;
    const onDefault = patch ? sa === DEFAULT_SERVICE_ACCOUNT : sa === undefined || sa === null || sa === "" || sa === DEFAULT_SERVICE_ACCOUNT;
    const mounts = patch ? automount === true : automount !== false;
    if (!onDefault || !mounts) return;
    report({
      message: `${path}.serviceAccountName is ${sa ? `"${sa}"` : "absent (the default service account)"} and ${path}.automountServiceAccountToken is ${automount === undefined ? "not false" : JSON.stringify(automount)}`,
      remediation: `Set ${path}.automountServiceAccountToken to false, or ${path}.serviceAccountName to a dedicated service account.`,
    });
  },
});
