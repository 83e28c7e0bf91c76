/** Fixture builders for the Kubernetes rule tests. */
import { LABELS } from "../../../policy-pack/baseline/labels";
import {
  DEFAULT_SERVICE_ACCOUNT,
  TENANT_POLICY_NAMES,
  TENANT_ROLES,
  TENANT_ROLE_RULES,
  defaultDenyPolicySpec,
  defaultLimitRangeSpec,
  defaultQuotaHard,
  dnsEgressPolicySpec,
  intraTenantPolicySpec,
  psaLabels,
  tenantLabels,
  tenantRoleName,
  type TenantSize,
} from "../../../policy-pack/baseline/tenancy";
import type { StackResource } from "../../../policy-pack/core/rule";
import type { Violation } from "../../../policy-pack/core/evaluate";
import { resource } from "../../support/rules";

export const T = {
  namespace: "kubernetes:core/v1:Namespace",
  namespacePatch: "kubernetes:core/v1:NamespacePatch",
  deployment: "kubernetes:apps/v1:Deployment",
  deploymentPatch: "kubernetes:apps/v1:DeploymentPatch",
  pod: "kubernetes:core/v1:Pod",
  cronJob: "kubernetes:batch/v1:CronJob",
  service: "kubernetes:core/v1:Service",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  serviceAccountPatch: "kubernetes:core/v1:ServiceAccountPatch",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  resourceQuota: "kubernetes:core/v1:ResourceQuota",
  limitRange: "kubernetes:core/v1:LimitRange",
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  addon: "aws:eks/addon:Addon",
} as const;

/** A tenant Namespace resource with PSA labels pinned to v1.33. */
export function tenantNs(name: string, tier: "standard" | "sensitive" = "standard", extraLabels: Record<string, string> = {}): StackResource {
  return resource(T.namespace, name, {
    metadata: { name, labels: { [LABELS.tenant]: name, [LABELS.tier]: tier, ...psaLabels("v1.33"), ...extraLabels } },
  });
}

/** A namespaced object of `type` in `namespace`. */
export function inNs(type: string, name: string, namespace: string | undefined, props: Record<string, any> = {}): StackResource {
  return resource(type, name, { ...props, metadata: { name, ...(namespace ? { namespace } : {}), ...(props.metadata ?? {}) } });
}

/** A Deployment whose pod spec is `podSpec`. */
export function deployment(name: string, namespace: string | undefined, podSpec: Record<string, any>): StackResource {
  return inNs(T.deployment, name, namespace, { spec: { template: { metadata: {}, spec: podSpec } } });
}

/** A Role/ClusterRole with `rules`. */
export function role(type: string, name: string, rules: any[], extra: Record<string, any> = {}, namespace?: string): StackResource {
  return inNs(type, name, namespace, { rules, ...extra });
}

/** A binding of `roleRef` to `subjects`. */
export function binding(type: string, name: string, roleRef: { kind: string; name: string }, subjects: any[], namespace?: string): StackResource {
  return inNs(type, name, namespace, { roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects });
}

/** Assert the violations have exactly one rule id and level, and every message names `field`. */
export function expectViolations(violations: Violation[], rule: string, level: "mandatory" | "advisory", field: string | RegExp): void {
  expect(violations.length).toBeGreaterThan(0);
  for (const v of violations) {
    expect(v.rule).toBe(rule);
    expect(v.level).toBe(level);
    expect(v.message.startsWith(`${rule}:`)).toBe(true);
    if (typeof field === "string") expect(v.message).toContain(field);
    else expect(v.message).toMatch(field);
  }
}

/** Every object the Tenant component builds for one namespace, from the baseline data only. */
export function tenantStack(name: string, tier: "standard" | "sensitive", size: TenantSize): StackResource[] {
  return [
    resource(T.namespace, name, { metadata: { name, labels: { ...tenantLabels(name, tier), ...psaLabels("v1.33") } } }),
    inNs(T.resourceQuota, "quota", name, { spec: { hard: defaultQuotaHard(size) } }),
    inNs(T.limitRange, "limits", name, { spec: defaultLimitRangeSpec() }),
    inNs(T.networkPolicy, TENANT_POLICY_NAMES.defaultDeny, name, { spec: defaultDenyPolicySpec() }),
    inNs(T.networkPolicy, TENANT_POLICY_NAMES.dnsEgress, name, { spec: dnsEgressPolicySpec() }),
    inNs(T.networkPolicy, TENANT_POLICY_NAMES.intraTenant, name, { spec: intraTenantPolicySpec() }),
    inNs(T.serviceAccountPatch, DEFAULT_SERVICE_ACCOUNT, name, { automountServiceAccountToken: false }),
    ...TENANT_ROLES.flatMap((r) => [
      inNs(T.role, tenantRoleName(r), name, { rules: TENANT_ROLE_RULES[r] }),
      binding(T.roleBinding, `${tenantRoleName(r)}-binding`, { kind: "Role", name: tenantRoleName(r) }, [{ kind: "Group", name: `${name}-${r}s`, apiGroup: "rbac.authorization.k8s.io" }], name),
    ]),
  ];
}

/** The vpc-cni add-on with network-policy enforcement on (NP-003 looks for it). */
export const vpcCni = resource(T.addon, "vpc-cni", { addonName: "vpc-cni", clusterName: "c", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) });
