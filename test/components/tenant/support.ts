/** Shared helpers of the tenant component tests: record tenants under mocks and judge them with the pack. */
import { recordResources, type RecordedResource } from "../../../engine/record";
import { Tenant, type TenantArgs } from "../../../components/tenant";
import { evaluateAll, type Violation } from "../../../policy-pack/core/evaluate";
import type { StackResource } from "../../../policy-pack/core/rule";
import { RULES } from "../../../policy-pack/registry";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { psaLabels, TENANT_POLICY_NAMES, TENANT_ROLE_RULES, tenantRoleName } from "../../../policy-pack/baseline/tenancy";

/** Pulumi type tokens the tenant tests look for. */
export const T = {
  tenant: "hardened-cluster:tenant:Tenant",
  namespace: "kubernetes:core/v1:Namespace",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  quota: "kubernetes:core/v1:ResourceQuota",
  limitRange: "kubernetes:core/v1:LimitRange",
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  saPatch: "kubernetes:core/v1:ServiceAccountPatch",
  accessEntry: "aws:eks/accessEntry:AccessEntry",
} as const;

/** The cluster's vpc-cni add-on (owned by the cluster component), so NP-003 sees enforcement. */
export const VPC_CNI_ADDON: StackResource = {
  type: "aws:eks/addon:Addon",
  name: "vpc-cni",
  urn: "urn:pulumi:test::hardened-cluster::aws:eks/addon:Addon::vpc-cni",
  props: { addonName: "vpc-cni", clusterName: "prod", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) },
  dependencies: [],
  propertyDependencies: {},
};

/** A tenant's args with `i` in every name. */
export function tenantArgs(i: number, extra: Partial<TenantArgs> = {}): TenantArgs {
  const name = `team-${i}`;
  return {
    name,
    namespaces: [`${name}-app`, `${name}-jobs`, `${name}-data`],
    pssVersion: "v1.33",
    tier: i % 4 === 0 ? "sensitive" : "standard",
    clusterName: "prod",
    roles: {
      admin: [`arn:aws:iam::123456789012:role/${name}-admins`],
      developer: [`arn:aws:iam::123456789012:role/${name}-developers`],
      viewer: [`arn:aws:iam::123456789012:role/${name}-viewers`],
    },
    ...extra,
  };
}

/** Record `count` tenants (3 namespaces each). */
export function recordTenants(count: number): Promise<RecordedResource[]> {
  return recordResources(() => {
    for (let i = 0; i < count; i++) new Tenant(`team-${i}`, tenantArgs(i));
  });
}

/** Recorded resources as the stack rules see them (props = inputs; mocks echo inputs as outputs). */
export function toStack(recorded: readonly RecordedResource[]): StackResource[] {
  return recorded.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: JSON.parse(JSON.stringify(r.inputs)),
    parent: r.parent ?? undefined,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  }));
}

/** Every violation of the whole pack over `resources` plus the vpc-cni add-on. */
export function judge(resources: readonly StackResource[]): Violation[] {
  return evaluateAll(RULES, [...resources, VPC_CNI_ADDON]).violations;
}

/** Mandatory violations only, rendered for readable failures. */
export function mandatory(violations: readonly Violation[]): string[] {
  return violations.filter((v) => v.level === "mandatory").map((v) => `${v.message} @ ${v.urn}`);
}

/** Resources of one type in one namespace. */
export function inNamespace(resources: readonly StackResource[], type: string, ns: string): StackResource[] {
  return resources.filter((r) => r.type === type && (type === T.namespace ? r.props.metadata?.name === ns : r.props.metadata?.namespace === ns));
}

/** Assert that namespace `ns` of `tenant` has the full hardened set (labels, policies, quota, limits, roles, bindings, SA patch). */
export function expectFullNamespace(recorded: RecordedResource[], ns: string, tenant: string, tier: string): void {
  const stack = toStack(recorded);
  const [namespace] = inNamespace(stack, T.namespace, ns);
  expect(namespace.props.metadata.labels).toMatchObject({ ...psaLabels("v1.33"), [LABELS.tenant]: tenant, [LABELS.tier]: tier });

  const policies = inNamespace(stack, T.networkPolicy, ns);
  expect(policies.map((p) => p.props.metadata.name).sort()).toEqual(Object.values(TENANT_POLICY_NAMES).sort());
  const deny = policies.find((p) => p.props.metadata.name === TENANT_POLICY_NAMES.defaultDeny)!;
  expect(deny.props.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  expect(JSON.stringify(policies)).not.toMatch(/0\.0\.0\.0\/0|::\/0/);

  const [quota] = inNamespace(stack, T.quota, ns);
  expect(quota.props.spec.hard).toMatchObject({ "services.nodeports": "0", "services.loadbalancers": "0", pods: expect.any(String) });
  expect(inNamespace(stack, T.limitRange, ns)).toHaveLength(1);

  const roles = inNamespace(stack, T.role, ns);
  expect(roles.map((r) => r.props.metadata.name).sort()).toEqual(["tenant-admin", "tenant-developer", "tenant-viewer"]);
  for (const role of ["admin", "developer", "viewer"] as const) {
    const r = roles.find((x) => x.props.metadata.name === tenantRoleName(role))!;
    expect(r.props.rules).toEqual(JSON.parse(JSON.stringify(TENANT_ROLE_RULES[role])));
  }
  const bindings = inNamespace(stack, T.roleBinding, ns);
  expect(bindings).toHaveLength(3);
  for (const b of bindings) {
    expect(b.props.roleRef.kind).toBe("Role");
    expect(b.props.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: `${tenant}:${b.props.roleRef.name.replace("tenant-", "")}` }]);
  }
  const [sa] = inNamespace(stack, T.saPatch, ns);
  expect(sa.props).toMatchObject({ metadata: { name: "default", namespace: ns }, automountServiceAccountToken: false });

  // Every namespaced object names itself and its namespace explicitly.
  for (const r of stack.filter((x) => x.type !== T.namespace && x.type.startsWith("kubernetes:") && x.props.metadata?.namespace === ns)) {
    expect(typeof r.props.metadata.name).toBe("string");
  }
}
