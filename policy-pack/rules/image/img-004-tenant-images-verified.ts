import { LABELS } from "../../baseline/labels";
import { CLUSTER_POLICY_TYPE } from "../../baseline/signing";
import { stackRule } from "../../core/rule";
import { NAMESPACE_TYPE, findTenants, namespaceName, resolvedNamespace } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { WORKLOAD_TYPES } from "../../core/workloads";
import { ruleCoversNamespace, verifyingRules, type VerifyingRule } from "./verification";

/**
 * IMG-004: where the stack's pack config requires image verification (`requireImageVerification`), every tenant
 * workload runs in a namespace an enforcing signature-verification ClusterPolicy of the stack selects (or one
 * listed in `verifiedNamespaces`, verified by another stack).
 */
export const img004 = stackRule({
  id: "IMG-004",
  name: "tenant-images-verified",
  description:
    "With requireImageVerification, every workload in a tenant namespace is covered by an enforcing image-signature verification policy (a Kyverno ClusterPolicy with verifyImages or a call to the Notation/AWS Signer verifier) selecting that namespace, or the namespace is in verifiedNamespaces.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["images", "tenancy", "supply-chain"],
  seed: ["S1 §5.13"],
  upstream: "https://docs.aws.amazon.com/signer/latest/developerguide/image-signing-prerequisites.html · https://github.com/nirmata/kyverno-notation-aws",
  remediation:
    "Create the ImageVerification component (components/signing) so its ClusterPolicy selects the namespace by the hardened-cluster.io/tenant label, or add the namespace to verifiedNamespaces when another stack verifies it.",
  resourceTypes: [NAMESPACE_TYPE, CLUSTER_POLICY_TYPE, ...WORKLOAD_TYPES],
  check(resources, report, config) {
    if (!config.requireImageVerification) return;
    const scan = findTenants(resources, config);
    for (const ns of scan.deferred) report({ ...cannotVerify("metadata.labels"), urn: ns.urn });
    const labelsOf = new Map<string, Record<string, string>>();
    for (const r of resources) {
      if (r.type !== NAMESPACE_TYPE) continue;
      const read = readMaybeUnknown(() => ({ name: namespaceName(r), labels: { ...(r.props?.metadata?.labels ?? {}), "kubernetes.io/metadata.name": namespaceName(r) } }));
      if (read.known) labelsOf.set(read.value.name, read.value.labels);
    }
    const rules: VerifyingRule[] = [];
    let policiesUnknown = false;
    for (const p of resources) {
      if (p.type !== CLUSTER_POLICY_TYPE) continue;
      const read = readMaybeUnknown(() => verifyingRules(p.props?.spec));
      if (!read.known) {
        policiesUnknown = true;
        report({ ...cannotVerify("spec.rules"), urn: p.urn });
      } else rules.push(...read.value.filter((r) => r.enforced && r.failurePolicy === "Fail"));
    }
    for (const w of resources) {
      if (!WORKLOAD_TYPES.includes(w.type)) continue;
      const ns = resolvedNamespace(w);
      if (!ns.known) {
        report({ ...cannotVerify("metadata.namespace"), urn: w.urn });
        continue;
      }
      const tenant = scan.tenants.get(ns.value);
      if (!tenant || config.verifiedNamespaces.includes(ns.value)) continue;
      // A config-only tenant namespace (owned by another stack) carries the platform's tenant label.
      const labels = labelsOf.get(ns.value) ?? { [LABELS.tenant]: ns.value, "kubernetes.io/metadata.name": ns.value };
      if (rules.some((r) => ruleCoversNamespace(r, ns.value, labels))) continue;
      if (policiesUnknown) continue;
      report({
        urn: w.urn,
        message: `${w.type.split(":").pop()} "${w.name}" runs in tenant namespace "${ns.value}", which no enforcing image-signature verification policy of this stack selects (spec.rules[*].match with failureAction Enforce and webhook failurePolicy Fail) and which is not in verifiedNamespaces`,
      });
    }
  },
});
