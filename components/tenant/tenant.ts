/**
 * The Tenant component: one or more hardened namespaces for one team. Everything it creates is built from the
 * tenancy baseline in policy-pack/baseline/tenancy.ts, so the pack passes it by construction.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_SERVICE_ACCOUNT,
  defaultLimitRangeSpec,
  defaultQuotaHard,
  TENANT_ROLE_RULES,
  TENANT_ROLES,
  tenantLabels,
  tenantRoleName,
} from "../../policy-pack/baseline/tenancy";
import { parseTenantConfig, type TenantConfig, type TenantConfigInput } from "./config";
import { namespaceMetadata } from "./namespace";
import { tenantNetworkPolicies } from "./network";
import { tenantAccessEntries, tenantGroup } from "./rbac";

/** Pulumi type token of the component. */
export const TENANT_TYPE = "hardened-cluster:tenant:Tenant";

/** `metadata.name` of the tenant ResourceQuota. */
export const TENANT_QUOTA_NAME = "tenant-quota";
/** `metadata.name` of the tenant LimitRange. */
export const TENANT_LIMIT_RANGE_NAME = "tenant-limits";

/** Arguments of {@link Tenant}: one tenant's config plus where to create it. */
export type TenantArgs = TenantConfigInput & {
  /** EKS cluster whose access entries map the tenant's IAM principals; required when any role lists principals. */
  readonly clusterName?: pulumi.Input<string>;
  /** Kubernetes provider for the cluster; otherwise inherited from `opts.providers`/`opts.provider`. */
  readonly provider?: k8s.Provider;
};

/** The Kubernetes objects the Tenant creates in one namespace. */
export interface TenantNamespaceObjects {
  readonly namespace: k8s.core.v1.Namespace;
  readonly networkPolicies: k8s.networking.v1.NetworkPolicy[];
  readonly quota: k8s.core.v1.ResourceQuota;
  readonly limitRange: k8s.core.v1.LimitRange;
  readonly roles: k8s.rbac.v1.Role[];
  readonly roleBindings: k8s.rbac.v1.RoleBinding[];
  readonly defaultServiceAccount: k8s.core.v1.ServiceAccountPatch;
}

/**
 * A tenant: per namespace, PSA-restricted labels, default-deny plus DNS/intra-tenant/allowlist NetworkPolicies,
 * ResourceQuota, LimitRange, admin/developer/viewer Roles bound to the groups `<tenant>:<role>`, and the `default`
 * ServiceAccount patched to not automount its token; per IAM principal, an EKS access entry into its group.
 * No cluster-scoped grants.
 */
export class Tenant extends pulumi.ComponentResource {
  /** The validated config (defaults applied). */
  readonly config: TenantConfig;
  /** Objects per namespace, keyed by namespace name. */
  readonly namespaces: Readonly<Record<string, TenantNamespaceObjects>>;
  /** EKS access entries, one per principal. */
  readonly accessEntries: aws.eks.AccessEntry[];
  /** Kubernetes group of each tenant role. */
  readonly groups: Readonly<Record<string, string>>;

  constructor(name: string, args: TenantArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const { clusterName, provider, ...config } = args;
    const tenant = parseTenantConfig(config, `Tenant(${name}).args`);
    const entries = tenantAccessEntries(tenant);
    if (entries.length > 0 && clusterName === undefined) {
      throw new Error(`Tenant(${name}).args.clusterName: set the EKS cluster name; roles list IAM principals that need access entries`);
    }
    super(TENANT_TYPE, name, {}, opts);
    this.config = tenant;
    this.groups = Object.fromEntries(TENANT_ROLES.map((role) => [role, tenantGroup(tenant.name, role)]));

    this.accessEntries = entries.map(
      (entry) =>
        new aws.eks.AccessEntry(
          entry.resourceName,
          { clusterName: clusterName!, principalArn: entry.principalArn, kubernetesGroups: [entry.group], type: "STANDARD" },
          { parent: this },
        ),
    );

    const k8sOpts = provider ? { parent: this, provider } : { parent: this };
    const namespaces: Record<string, TenantNamespaceObjects> = {};
    for (const ns of tenant.namespaces) namespaces[ns] = this.namespaceObjects(tenant, ns, k8sOpts);
    this.namespaces = namespaces;

    this.registerOutputs({ namespaces: tenant.namespaces, groups: this.groups, tier: tenant.tier });
  }

  private namespaceObjects(tenant: TenantConfig, ns: string, k8sOpts: pulumi.CustomResourceOptions): TenantNamespaceObjects {
    const meta = namespaceMetadata(tenant, ns);
    const namespace = new k8s.core.v1.Namespace(ns, { metadata: meta }, k8sOpts);
    const inNs = { ...k8sOpts, dependsOn: [namespace] };
    const md = (objectName: string, extra: { annotations?: Record<string, string> } = {}) => ({
      name: objectName,
      namespace: ns,
      labels: tenantLabels(tenant.name, tenant.tier),
      ...(extra.annotations && Object.keys(extra.annotations).length > 0 ? { annotations: extra.annotations } : {}),
    });

    const networkPolicies = tenantNetworkPolicies(tenant).map(
      (p) =>
        new k8s.networking.v1.NetworkPolicy(
          `${ns}-${p.name}`,
          { metadata: md(p.name, { annotations: p.annotations }), spec: plain<k8s.types.input.networking.v1.NetworkPolicySpec>(p.spec) },
          inNs,
        ),
    );
    const quota = new k8s.core.v1.ResourceQuota(
      `${ns}-${TENANT_QUOTA_NAME}`,
      { metadata: md(TENANT_QUOTA_NAME), spec: { hard: defaultQuotaHard(tenant.size, tenant.quota) } },
      inNs,
    );
    const limitRange = new k8s.core.v1.LimitRange(
      `${ns}-${TENANT_LIMIT_RANGE_NAME}`,
      { metadata: md(TENANT_LIMIT_RANGE_NAME), spec: plain<k8s.types.input.core.v1.LimitRangeSpec>(defaultLimitRangeSpec(tenant.limits)) },
      inNs,
    );
    const roles = TENANT_ROLES.map(
      (role) =>
        new k8s.rbac.v1.Role(
          `${ns}-${tenantRoleName(role)}`,
          { metadata: md(tenantRoleName(role)), rules: plain<k8s.types.input.rbac.v1.PolicyRule[]>(TENANT_ROLE_RULES[role]) },
          inNs,
        ),
    );
    const roleBindings = TENANT_ROLES.map(
      (role, i) =>
        new k8s.rbac.v1.RoleBinding(
          `${ns}-${tenantRoleName(role)}`,
          {
            metadata: md(tenantRoleName(role)),
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: tenantRoleName(role) },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: tenantGroup(tenant.name, role) }],
          },
          { ...inNs, dependsOn: [namespace, roles[i]] },
        ),
    );
    const defaultServiceAccount = new k8s.core.v1.ServiceAccountPatch(
      `${ns}-${DEFAULT_SERVICE_ACCOUNT}-sa`,
      { metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: ns }, automountServiceAccountToken: false },
      inNs,
    );
    return { namespace, networkPolicies, quota, limitRange, roles, roleBindings, defaultServiceAccount };
  }
}

/** A fresh, mutable deep copy of baseline data in the SDK's input type (baseline data is readonly and shared). */
function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
