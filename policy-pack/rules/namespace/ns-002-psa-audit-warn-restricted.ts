import { PSA_LABELS } from "../../baseline/labels";
import { resourceRule } from "../../core/rule";
import { NAMESPACE_PATCH_TYPE, NAMESPACE_TYPE, isTenantNamespace } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { isRestricted, labelsOf, versionProblem } from "./psa";

const MODES = [
  { level: PSA_LABELS.audit, version: PSA_LABELS.auditVersion },
  { level: PSA_LABELS.warn, version: PSA_LABELS.warnVersion },
] as const;

/**
 * NS-002: tenant namespaces also audit and warn at `restricted` with a pinned version matching `enforce-version`
 * (applied to the same namespaces as NS-001: platform namespaces choose their own levels).
 */
export const ns002 = resourceRule({
  id: "NS-002",
  name: "psa-audit-warn-restricted",
  description: "Tenant namespaces audit and warn at Pod Security Standards `restricted`, pinned like enforce.",
  enforcementLevel: "advisory",
  severity: "low",
  groups: ["tenancy", "namespace"],
  seed: ["S1 §5.10"],
  upstream: "kubernetes/pod-security-admission api/constants.go",
  remediation: `Set metadata.labels "${PSA_LABELS.audit}" and "${PSA_LABELS.warn}" to "restricted", with "${PSA_LABELS.auditVersion}"/"${PSA_LABELS.warnVersion}" equal to the enforce-version.`,
  resourceTypes: [NAMESPACE_TYPE, NAMESPACE_PATCH_TYPE],
  check(resource, report, config) {
    const read = readMaybeUnknown(() => ({ tenant: isTenantNamespace(resource, config), labels: labelsOf(resource.props) }));
    if (!read.known) return report(cannotVerify("metadata.labels"));
    if (!read.value.tenant) return;
    const patch = resource.type === NAMESPACE_PATCH_TYPE;
    const labels = read.value.labels;
    for (const mode of MODES) {
      const values = readMaybeUnknown(() => ({ level: labels[mode.level], version: labels[mode.version], enforced: labels[PSA_LABELS.enforceVersion] }));
      if (!values.known) {
        report(cannotVerify(`metadata.labels["${mode.level}"]`));
        continue;
      }
      const { level, version, enforced } = values.value;
      if (!(patch && level === undefined) && !isRestricted(level)) {
        report({
          message: `metadata.labels["${mode.level}"] is ${JSON.stringify(level ?? null)}; tenant namespaces should use "restricted"`,
          remediation: `Set metadata.labels["${mode.level}"] to "restricted".`,
        });
      }
      if (patch && version === undefined) continue;
      const expected = typeof enforced === "string" ? enforced : config.podSecurityVersion;
      const problem = versionProblem(version, config.allowLatestPssVersion);
      if (problem || version !== expected) {
        report({
          message: `metadata.labels["${mode.version}"] ${problem ?? `is "${String(version)}" but enforce-version is "${expected}"`}`,
          remediation: `Set metadata.labels["${mode.version}"] to "${expected}".`,
        });
      }
    }
  },
});
