import { DEFAULT_SERVICE_ACCOUNT } from "../../baseline/tenancy";
import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { WORKLOAD_TYPES, podSpecOf } from "../../core/workloads";

/** SA-003: workloads run under a dedicated service account, not the namespace's `default`. */
export const sa003 = resourceRule({
  id: "SA-003",
  name: "workload-dedicated-service-account",
  description: "Workloads set serviceAccountName to a dedicated service account instead of running as the namespace's `default` one.",
  enforcementLevel: "advisory",
  severity: "low",
  groups: ["rbac", "tenancy"],
  seed: ["S2", "S3"],
  upstream: "kubernetes.io RBAC Good Practices; kubescape C-0189 (default service accounts not actively used)",
  remediation: "Create a ServiceAccount for the workload and set serviceAccountName to it in the pod spec.",
  resourceTypes: WORKLOAD_TYPES,
  check(resource, report) {
    const read = readMaybeUnknown(() => {
      const view = podSpecOf(resource.type, resource.props)!;
      return { path: view.specPath, patch: view.isPatch, sa: view.spec.serviceAccountName ?? view.spec.serviceAccount };
    });
    if (!read.known) return report(cannotVerify("serviceAccountName"));
    const { path, patch, sa } = read.value;
    const onDefault = patch ? sa === DEFAULT_SERVICE_ACCOUNT : sa === undefined || sa === null || sa === "" || sa === DEFAULT_SERVICE_ACCOUNT;
    if (!onDefault) return;
    report({
      message: `${path}.serviceAccountName is ${sa ? `"${sa}"` : "absent"}: the workload runs as the namespace's default service account`,
      remediation: `Set ${path}.serviceAccountName to a dedicated ServiceAccount.`,
    });
  },
});
