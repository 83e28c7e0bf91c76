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
import type { TenantSecretsOptionInput } from "../secrets/config";
import { namespaceMetadata } from "./namespace";
import { tenantNetworkPolicies } from "./network";
import { tenantAccessEntries, tenantGroup } from "./rbac";

/** Pulumi type token of the component. */
export const TENANT_TYPE = "hardened-cluster:tenant:Tenant";

/** `metadata.name` of the tenant ResourceQuota. */
export const TENANT_QUOTA_NAME = "tenant-quota";
/** `metadata.name` of the tenant LimitRange. */
export const TENANT_LIMIT_RANGE_NAME = "tenant-limits";

/** A CPU/memory pair of Kubernetes quantities, e.g. `{ cpu: "500m", memory: "512Mi" }`. */
export interface TenantCompute {
  /** CPU quantity such as `"500m"` or `"2"`. */
  readonly cpu: string;
  /** Memory quantity such as `"512Mi"` or `"4Gi"`. */
  readonly memory: string;
}

/** One egress allowlist entry of a tenant: a destination, its ports, and why the tenant needs it. */
export interface TenantEgressRule {
  /** Destination IPv4/IPv6 CIDR such as `10.20.0.0/16`. A world CIDR (`0.0.0.0/0`, `::/0`) is a weakening the pack reports. */
  readonly cidr: string;
  /**
   * Ports allowed to `cidr` (at least one: an allowlist entry never opens every port). `port` is 1–65535,
   * `protocol` is `TCP` (default), `UDP` or `SCTP`.
   */
  readonly ports: { readonly port: number; readonly protocol?: "TCP" | "UDP" | "SCTP" }[];
  /** Why the tenant needs this egress (at least 20 characters; recorded in a namespace annotation for review). */
  readonly justification: string;
}

/** A written-down decision to run a tenant below Pod Security `restricted`. */
export interface TenantPodSecurityWeakening {
  /** The Pod Security level to enforce instead of `restricted`. */
  readonly level: "baseline" | "privileged";
  /** Why (at least 20 characters); the pack exempts the tenant with it and reports the weakening as advisory. */
  readonly justification: string;
}

/**
 * IAM principal ARNs per tenant role (`arn:aws:iam::<account>:role/<name>` or `:user/<name>`). Each principal
 * gets one EKS access entry in the Kubernetes group `<tenant>:<role>`; a principal may appear in one role of one
 * tenant only (EKS allows one access entry per principal). Plain strings, not `pulumi.Input`: the ARNs are
 * validated, checked for duplicates and used to build the access entries' resource names before registration,
 * so read them from another stack with `StackReference.requireOutputValue`/`getOutputValue` first.
 */
export interface TenantRoles {
  /**
   * Principals bound to the tenant `admin` Role: developer rights plus workloads (Deployments, StatefulSets,
   * Jobs), `get` on a named Secret and ServiceAccounts. Namespace-scoped, no RBAC writes, no `exec`. Default none.
   */
  readonly admin?: string[];
  /**
   * Principals bound to the tenant `developer` Role: viewer rights plus Services, ConfigMaps, PVCs, Ingresses,
   * HPAs, PDBs, scaling and deleting pods. No workload creation and no Secrets (only admins, W2). Default none.
   */
  readonly developer?: string[];
  /** Principals bound to the read-only tenant `viewer` Role (never Secrets). Default none. */
  readonly viewer?: string[];
}

/**
 * Arguments of {@link Tenant}: one tenant's config plus where to create it.
 *
 * The config fields are the same as one entry of a stack file's `tenants: [...]`, validated by
 * {@link tenantConfigSchema} (a compile-time check keeps this interface and the schema's input type in step).
 * Bad values throw before any resource is registered, naming the field and the fix
 * (`Tenant(<name>).args.<field>: ...`). Except for `clusterName` and `provider`, every field is a plain value:
 * it builds names, labels and validation before registration.
 */
export interface TenantArgs {
  /**
   * Tenant name: a DNS-1123 label (lowercase letters, digits, `-`; at most 63 characters), also the prefix of
   * its Kubernetes groups `<name>:<role>`. Not `system`, `eks`, `amazon` or `aws` (EKS rejects groups with that
   * prefix). Required.
   */
  readonly name: string;
  /**
   * The tenant's namespaces: one or more DNS-1123 labels, unique within the tenant and across tenants, never a
   * platform namespace (`kube-*`, `default` and the other reserved ones). Required.
   */
  readonly namespaces: string[];
  /**
   * Isolation tier: `standard` (default) or `sensitive`. Sensitive tenants' pods are scheduled onto the tainted
   * `sensitive` node pool only, separating sensitive workloads from others (hardening guidance).
   */
  readonly tier?: "standard" | "sensitive";
  /**
   * Pod Security Standards version pinned on every PSA label: the cluster minor, e.g. `v1.33`. Required; never
   * `latest`, which silently changes policy on a cluster upgrade.
   */
  readonly pssVersion: string;
  /** Quota preset of the ResourceQuota: `small` (default), `medium` or `large`; `quota` overrides single keys. */
  readonly size?: "small" | "medium" | "large";
  /**
   * ResourceQuota keys overriding the `size` preset, e.g. `{ "requests.cpu": "8", "count/secrets": "40" }`
   * (Kubernetes quantities). Default `{}`. `services.nodeports` and `services.loadbalancers` are 0 by default
   * (no exposure outside the cluster); raising them needs `quotaJustification`.
   */
  readonly quota?: Record<string, string>;
  /**
   * Why the tenant may expose services outside the cluster (at least 20 characters). Required when `quota`
   * raises `services.nodeports` or `services.loadbalancers` above 0; otherwise unset.
   */
  readonly quotaJustification?: string;
  /**
   * LimitRange overrides per container: `default` (limits), `defaultRequest` (requests) and `max`, each a
   * `{ cpu, memory }` pair. Default `{}` (the tenancy baseline's limits), so no container runs unbounded.
   */
  readonly limits?: { readonly default?: TenantCompute; readonly defaultRequest?: TenantCompute; readonly max?: TenantCompute };
  /**
   * Run below Pod Security `restricted` (advisory in the pack, exempted with the written justification).
   * Default unset: every namespace enforces `restricted`.
   */
  readonly podSecurity?: TenantPodSecurityWeakening;
  /**
   * Egress allowlist beyond the defaults (DNS to kube-dns, traffic within the tenant's namespaces), each entry
   * with ports and a justification. Default `[]`: everything else is denied by the default-deny NetworkPolicy.
   */
  readonly egress?: TenantEgressRule[];
  /** IAM principals per tenant role, each mapped by an EKS access entry. Default none (no IAM access). */
  readonly roles?: TenantRoles;
  /**
   * Secrets Manager secrets the tenant's pods mount on demand: `names` (full names under `<prefix>/<tenant>/`) and
   * the `serviceAccount` (default `secrets-reader`) whose pods read them with the tenant's Pod Identity role.
   * The Tenant validates it; the platform creates the role, the associations and the SecretProviderClass
   * objects (components/secrets, infra/secrets.ts). Default unset: no secrets access.
   */
  readonly secrets?: TenantSecretsOptionInput;
  /**
   * Name of the EKS cluster whose access entries map the tenant's IAM principals, e.g. `cluster.clusterName` or
   * a `StackReference` output. Required when any role lists principals; unused otherwise.
   */
  readonly clusterName?: pulumi.Input<string>;
  /**
   * Kubernetes provider for the cluster (e.g. `cluster.provider`); otherwise inherited from
   * `opts.providers`/`opts.provider`. Always set one in a real stack: the ambient kubeconfig may point elsewhere.
   */
  readonly provider?: k8s.Provider;
}

/** `TenantArgs` without where-to-create fields: what {@link tenantConfigSchema} validates. */
type TenantArgsConfig = Omit<TenantArgs, "clusterName" | "provider">;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * Compile-time check (fails `tsc` when the schema and the interface drift): the same field names, and each
 * assignable to the other.
 */
const TENANT_ARGS_MATCH_SCHEMA: [Same<keyof TenantArgsConfig, keyof TenantConfigInput>, Same<TenantArgsConfig, TenantConfigInput>] = [true, true];
void TENANT_ARGS_MATCH_SCHEMA;

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
