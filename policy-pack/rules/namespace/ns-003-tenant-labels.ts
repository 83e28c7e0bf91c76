import { LABELS, RESERVED_NAMESPACES, TIERS } from "../../baseline/labels";
import { resourceRule } from "../../core/rule";
import { NAMESPACE_PATCH_TYPE, NAMESPACE_TYPE, isTenantByConfig, namespaceName } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { labelsOf } from "./psa";

/** NS-003: tenant namespaces carry the tenant label and a valid tier, and are never reserved namespaces. */
export const ns003 = resourceRule({
  id: "NS-003",
  name: "tenant-labels",
  description: "Tenant namespaces carry `hardened-cluster.io/tenant` and a valid `hardened-cluster.io/tier`, and are not reserved namespaces.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["tenancy", "namespace"],
  seed: ["S1 §5.1", "S1 §5.5", "S4"],
  upstream: "kubernetes.io Namespaces (kubernetes.io/metadata.name is set automatically)",
  remediation: `Create tenants through the Tenant component: metadata.labels "${LABELS.tenant}": "<tenant>", "${LABELS.tier}": "standard" | "sensitive".`,
  resourceTypes: [NAMESPACE_TYPE, NAMESPACE_PATCH_TYPE],
  check(resource, report, config) {
    const read = readMaybeUnknown(() => ({ name: namespaceName(resource), labels: labelsOf(resource.props) }));
    if (!read.known) return report(cannotVerify("metadata.name / metadata.labels"));
    const { name, labels } = read.value;
    const patch = resource.type === NAMESPACE_PATCH_TYPE;
    const labelled = LABELS.tenant in labels;
    const byConfig = isTenantByConfig(name, config);
    if (byConfig && !labelled && !patch) {
      report({
        message: `metadata.labels["${LABELS.tenant}"] is absent on namespace "${name}", which config tenantNamespaces/tenantNamePattern names as a tenant`,
        remediation: `Set metadata.labels["${LABELS.tenant}"] to the tenant's name (create it with the Tenant component).`,
      });
    }
    if ((labelled || byConfig) && (RESERVED_NAMESPACES as readonly string[]).includes(name)) {
      report({
        message: `metadata.name "${name}" is a reserved namespace and cannot be a tenant`,
        remediation: `Use a dedicated namespace (e.g. "team-a") for the tenant and remove metadata.labels["${LABELS.tenant}"] here.`,
      });
    }
    if (LABELS.tier in labels) {
      const tier = readMaybeUnknown(() => labels[LABELS.tier]);
      if (!tier.known) return report(cannotVerify(`metadata.labels["${LABELS.tier}"]`));
      if (!(TIERS as readonly unknown[]).includes(tier.value)) {
        report({
          message: `metadata.labels["${LABELS.tier}"] is ${JSON.stringify(tier.value)}; allowed: ${TIERS.map((t) => `"${t}"`).join(", ")}`,
          remediation: `Set metadata.labels["${LABELS.tier}"] to "standard" or "sensitive".`,
        });
      }
    }
  },
});
