import { RBAC_TYPES } from "../../core/rbac";
import { resourceRule } from "../../core/rule";
import { resolvedNamespace } from "../../core/tenants";
import { cannotVerify } from "../../core/unknowns";
import { BASE_WORKLOAD_TYPES } from "../../core/workloads";

/** Tokens NS-004 applies to: workloads, Service, Role, RoleBinding, ServiceAccount (Patch variants excluded). */
const TYPES: readonly string[] = [
  ...BASE_WORKLOAD_TYPES,
  "kubernetes:core/v1:Service",
  RBAC_TYPES.role,
  RBAC_TYPES.roleBinding,
  "kubernetes:core/v1:ServiceAccount",
];

/** NS-004: nothing tenant-facing lands in the `default` namespace. */
export const ns004 = resourceRule({
  id: "NS-004",
  name: "no-workloads-in-default-namespace",
  description: "Workloads, Services, Roles, RoleBindings and ServiceAccounts are not placed in the `default` namespace.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["tenancy", "namespace"],
  seed: ["S1 §5.4"],
  upstream: "@pulumi/kubernetes Provider `namespace` input",
  remediation: "Set metadata.namespace to the tenant namespace (e.g. \"team-a\").",
  resourceTypes: TYPES,
  check(resource, report) {
    const ns = resolvedNamespace(resource);
    if (!ns.known) return report(cannotVerify("metadata.namespace"));
    if (ns.value !== "default") return;
    const how =
      resource.props?.metadata?.namespace === "default"
        ? `metadata.namespace is "default"`
        : resource.providerNamespace === "default"
          ? `metadata.namespace is absent and the provider namespace is "default"`
          : `metadata.namespace is absent and no provider namespace is set, so the object lands in "default"`;
    report({ message: how, remediation: `Set metadata.namespace to the tenant namespace (e.g. "team-a").` });
  },
});
