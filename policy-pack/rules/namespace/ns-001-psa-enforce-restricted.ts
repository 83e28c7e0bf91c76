import { PSA_LABELS } from "../../baseline/labels";
import { resourceRule } from "../../core/rule";
import { NAMESPACE_PATCH_TYPE, NAMESPACE_TYPE, isTenantNamespace } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { isRestricted, labelsOf, versionProblem } from "./psa";

/** NS-001: tenant namespaces enforce the restricted Pod Security Standard at a pinned version. */
export const ns001 = resourceRule({
  id: "NS-001",
  name: "psa-enforce-restricted",
  description: "Tenant namespaces enforce Pod Security Standards `restricted` pinned to a version.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["tenancy", "namespace"],
  seed: ["S1 §5.2", "S1 §5.5", "S3"],
  upstream: "kubernetes/pod-security-admission api/constants.go, api/helpers.go",
  remediation: `Set metadata.labels "${PSA_LABELS.enforce}": "restricted" and "${PSA_LABELS.enforceVersion}": "v1.33" (the cluster minor).`,
  resourceTypes: [NAMESPACE_TYPE, NAMESPACE_PATCH_TYPE],
  check(resource, report, config) {
    const read = readMaybeUnknown(() => ({ tenant: isTenantNamespace(resource, config), labels: labelsOf(resource.props) }));
    if (!read.known) return report(cannotVerify("metadata.labels"));
    if (!read.value.tenant) return;
    const patch = resource.type === NAMESPACE_PATCH_TYPE;
    const labels = read.value.labels;
    const version = config.podSecurityVersion;
    const enforce = readMaybeUnknown(() => labels[PSA_LABELS.enforce]);
    if (!enforce.known) report(cannotVerify(`metadata.labels["${PSA_LABELS.enforce}"]`));
    else if (!(patch && enforce.value === undefined) && !isRestricted(enforce.value)) {
      report({
        message: `metadata.labels["${PSA_LABELS.enforce}"] is ${JSON.stringify(enforce.value ?? null)}; tenant namespaces must enforce "restricted"`,
        remediation: `Set metadata.labels["${PSA_LABELS.enforce}"] to "restricted".`,
      });
    }
    const pinned = readMaybeUnknown(() => labels[PSA_LABELS.enforceVersion]);
    if (!pinned.known) return report(cannotVerify(`metadata.labels["${PSA_LABELS.enforceVersion}"]`));
    if (patch && pinned.value === undefined) return;
    const problem = versionProblem(pinned.value, config.allowLatestPssVersion);
    if (problem) {
      report({
        message: `metadata.labels["${PSA_LABELS.enforceVersion}"] ${problem}`,
        remediation: `Set metadata.labels["${PSA_LABELS.enforceVersion}"] to "${version === "latest" ? "v1.33" : version}".`,
      });
    }
  },
});
