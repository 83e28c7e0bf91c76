/**
 * Tenancy defaults: the single source of truth for what a tenant namespace contains
 * (quota, limit range, roles, network policies, namespace labels). The Tenant component builds its
 * resources from this data; the NS/NP/QT/RBAC/SA rules judge resources against the same data, so a
 * tenant built from these defaults passes every rule by construction.
 * Seeds: S1 §5.1/§5.2/§5.7/§5.12, S3 (DoS, persistence), S4 (quotas, default limits, default-deny).
 */
import { LABELS, PSA_LABELS, type Tier } from "./labels";

// ---------------------------------------------------------------------------------------------------------
// Names and selectors
// ---------------------------------------------------------------------------------------------------------

/** Label the API server sets on every namespace to its own name; selectors should use it. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Where cluster DNS runs: namespace `kube-system`, pods labelled `k8s-app: kube-dns` (CoreDNS on EKS too). */
export const KUBE_DNS = {
  namespace: "kube-system",
  podLabels: { "k8s-app": "kube-dns" } as Readonly<Record<string, string>>,
  port: 53,
} as const;

/** Name of the controller-created service account every tenant namespace must patch (SA-001). */
export const DEFAULT_SERVICE_ACCOUNT = "default";

/** Names of the network policies the Tenant component creates. */
export const TENANT_POLICY_NAMES = {
  defaultDeny: "default-deny-all",
  dnsEgress: "allow-dns-egress",
  intraTenant: "allow-intra-tenant",
} as const;

// ---------------------------------------------------------------------------------------------------------
// DNS-1123 names
// ---------------------------------------------------------------------------------------------------------

/** Maximum length of a DNS-1123 label (namespace names, label values used as names). */
export const DNS1123_LABEL_MAX_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True when `value` is a DNS-1123 label: lower-case alphanumerics and `-`, alphanumeric at both ends, ≤ 63 chars. */
export function isDns1123Label(value: string): boolean {
  return value.length > 0 && value.length <= DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL.test(value);
}

/**
 * Why `value` (the value of `field`) is not a DNS-1123 label, or `undefined` when it is. The message names the
 * field and the fix, ready to throw from a component's argument validation.
 */
export function dns1123LabelError(field: string, value: string): string | undefined {
  if (isDns1123Label(value)) return undefined;
  return (
    `${field} "${value}" is not a DNS-1123 label: use at most ${DNS1123_LABEL_MAX_LENGTH} lower-case letters, digits ` +
    `and "-", starting and ending with a letter or digit (e.g. "team-a")`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Namespace labels
// ---------------------------------------------------------------------------------------------------------

/** The Pod Security Standards level every tenant namespace enforces, audits and warns at. */
export const PSS_LEVEL = "restricted";

/**
 * Pod Security Admission labels for a tenant namespace: enforce, audit and warn at `restricted`, each pinned to
 * `version` (e.g. `v1.33`; pin to the cluster minor so upgrades do not silently change policy). Satisfies NS-001/NS-002.
 */
export function psaLabels(version: string): Record<string, string> {
  return {
    [PSA_LABELS.enforce]: PSS_LEVEL,
    [PSA_LABELS.enforceVersion]: version,
    [PSA_LABELS.audit]: PSS_LEVEL,
    [PSA_LABELS.auditVersion]: version,
    [PSA_LABELS.warn]: PSS_LEVEL,
    [PSA_LABELS.warnVersion]: version,
  };
}

/** The tenant and tier labels of a tenant namespace (NS-003). */
export function tenantLabels(tenant: string, tier: Tier): Record<string, string> {
  return { [LABELS.tenant]: tenant, [LABELS.tier]: tier };
}

// ---------------------------------------------------------------------------------------------------------
// ResourceQuota and LimitRange
// ---------------------------------------------------------------------------------------------------------

/** The compute keys every tenant's unscoped ResourceQuotas must cover together (QT-002). */
export const REQUIRED_QUOTA_KEYS = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "pods"] as const;

/** Preset tenant sizes for the default quota. */
export type TenantSize = "small" | "medium" | "large";

/** A ResourceQuota `spec.hard` map (quantity strings). */
export type QuotaHard = Readonly<Record<string, string>>;

const COMPUTE_BY_SIZE: Readonly<Record<TenantSize, QuotaHard>> = {
  small: { "requests.cpu": "2", "requests.memory": "4Gi", "limits.cpu": "4", "limits.memory": "8Gi", pods: "20" },
  medium: { "requests.cpu": "8", "requests.memory": "16Gi", "limits.cpu": "16", "limits.memory": "32Gi", pods: "60" },
  large: { "requests.cpu": "32", "requests.memory": "64Gi", "limits.cpu": "64", "limits.memory": "128Gi", pods: "200" },
};

const OBJECTS_BY_SIZE: Readonly<Record<TenantSize, QuotaHard>> = {
  small: { services: "10", persistentvolumeclaims: "5", "count/secrets": "20", "count/configmaps": "20" },
  medium: { services: "30", persistentvolumeclaims: "20", "count/secrets": "60", "count/configmaps": "60" },
  large: { services: "100", persistentvolumeclaims: "50", "count/secrets": "200", "count/configmaps": "200" },
};

/**
 * Default ResourceQuota `spec.hard` for a tenant of `size`: the five compute keys, pods, services, PVCs, secret and
 * configmap counts, and `services.nodeports: "0"` / `services.loadbalancers: "0"` (tenants reach the outside
 * through the platform's shared ingress). `overrides` replace individual keys; removing a required compute key
 * is not possible (QT-002 would reject it), so overriding one with a new quantity is the only option.
 */
export function defaultQuotaHard(size: TenantSize = "small", overrides: QuotaHard = {}): Record<string, string> {
  return {
    ...COMPUTE_BY_SIZE[size],
    ...OBJECTS_BY_SIZE[size],
    "services.nodeports": "0",
    "services.loadbalancers": "0",
    ...overrides,
  };
}

/** CPU/memory quantities of a LimitRange item field. */
export interface ComputeQuantities {
  readonly cpu: string;
  readonly memory: string;
}

/** A `type: Container` LimitRange item (the shape QT-004 demands). */
export interface ContainerLimitRangeItem {
  readonly type: "Container";
  readonly default: ComputeQuantities;
  readonly defaultRequest: ComputeQuantities;
  readonly max: ComputeQuantities;
}

/** Default container limits (applied when a container sets none). */
export const DEFAULT_CONTAINER_LIMIT: ComputeQuantities = { cpu: "500m", memory: "512Mi" };
/** Default container requests (applied when a container sets none). */
export const DEFAULT_CONTAINER_REQUEST: ComputeQuantities = { cpu: "100m", memory: "128Mi" };
/** Largest limit one container may ask for. */
export const DEFAULT_CONTAINER_MAX: ComputeQuantities = { cpu: "2", memory: "4Gi" };

/**
 * Default LimitRange `spec`: one `Container` item with `default`, `defaultRequest` and `max` for cpu and memory, so
 * pods without explicit requests/limits are admitted under the compute quota (QT-003/QT-004).
 */
export function defaultLimitRangeSpec(overrides: Partial<Omit<ContainerLimitRangeItem, "type">> = {}): {
  limits: ContainerLimitRangeItem[];
} {
  return {
    limits: [
      {
        type: "Container",
        default: overrides.default ?? DEFAULT_CONTAINER_LIMIT,
        defaultRequest: overrides.defaultRequest ?? DEFAULT_CONTAINER_REQUEST,
        max: overrides.max ?? DEFAULT_CONTAINER_MAX,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Network policies
// ---------------------------------------------------------------------------------------------------------

/** A NetworkPolicy `spec` as plain data (the subset the tenant builds). */
export interface NetworkPolicySpecData {
  readonly podSelector: Record<string, unknown>;
  readonly policyTypes: readonly ("Ingress" | "Egress")[];
  readonly ingress?: readonly Record<string, unknown>[];
  readonly egress?: readonly Record<string, unknown>[];
}

/** Default-deny for every pod, both directions, no rules (NP-001). Allow rules are separate policies. */
export function defaultDenyPolicySpec(): NetworkPolicySpecData {
  return { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
}

/** Egress to cluster DNS only: UDP and TCP 53 to `kube-system` pods labelled `k8s-app: kube-dns` (NP-002). */
export function dnsEgressPolicySpec(): NetworkPolicySpecData {
  return {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS.namespace } },
            podSelector: { matchLabels: { ...KUBE_DNS.podLabels } },
          },
        ],
        ports: [
          { protocol: "UDP", port: KUBE_DNS.port },
          { protocol: "TCP", port: KUBE_DNS.port },
        ],
      },
    ],
  };
}

/** Name of the platform NetworkPolicy that lets CoreDNS work under the VPC CNI's strict mode. */
export const COREDNS_POLICY_NAME = "coredns-strict-mode";

/**
 * The CoreDNS pods' own policy, needed once the VPC CNI enforces NetworkPolicies in `strict` mode (every
 * non-host-network pod starts default-deny, "this requirement applies to the CoreDNS pods": EKS docs,
 * "Restrict Pod network traffic"). Ingress: DNS on 53 from any client of the cluster (pods and host-network
 * pods; security groups bound the sources). Egress: DNS on 53 to the upstream resolver (the VPC resolver, per
 * the node's resolv.conf) and HTTPS to the API server (its watch on Services and EndpointSlices). No peers
 * are named for either: the resolver and the API server ENIs are VPC addresses that change, and these ports
 * are what CoreDNS does.
 */
export function coreDnsPolicySpec(): NetworkPolicySpecData {
  const dns = [
    { protocol: "UDP", port: KUBE_DNS.port },
    { protocol: "TCP", port: KUBE_DNS.port },
  ];
  return {
    podSelector: { matchLabels: { ...KUBE_DNS.podLabels } },
    policyTypes: ["Ingress", "Egress"],
    ingress: [{ ports: dns }],
    egress: [{ ports: dns }, { ports: [{ protocol: "TCP", port: 443 }] }],
  };
}

/**
 * Namespaces of platform add-ons whose pods are not host-network, so the VPC CNI's `strict` mode starts them
 * default-deny (W5) and they need a policy programmed before the add-on is created: the GuardDuty security
 * agent DaemonSet (`aws-guardduty-agent`: runtime events over HTTPS to the `guardduty-data` VPC endpoint) and
 * the CloudWatch observability operator (`amazon-cloudwatch-observability`: the API server over HTTPS, and
 * its admission webhook on 9443 called by the API server). The CloudWatch agent itself is host-network.
 */
export const ADDON_AGENT_NAMESPACES = {
  guardDuty: { namespace: "amazon-guardduty", ingressPorts: [] as readonly number[] },
  cloudWatch: { namespace: "amazon-cloudwatch", ingressPorts: [9443] as readonly number[] },
} as const;

/** Name of the NetworkPolicy the platform creates in each {@link ADDON_AGENT_NAMESPACES} namespace. */
export const ADDON_AGENT_POLICY_NAME = "hardened-cluster-addon-agent";

/**
 * The policy of an add-on agent namespace (every pod of it): egress to cluster DNS (UDP/TCP 53 to kube-dns
 * only) and HTTPS (443: VPC endpoints and the API server; the pod security group bounds the destinations),
 * ingress only on `ingressPorts` (e.g. an admission webhook), nothing else.
 */
export function addonAgentPolicySpec(ingressPorts: readonly number[] = []): NetworkPolicySpecData {
  const kubeDns = {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KUBE_DNS.namespace } },
    podSelector: { matchLabels: { ...KUBE_DNS.podLabels } },
  };
  return {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
    ...(ingressPorts.length > 0 ? { ingress: [{ ports: ingressPorts.map((port) => ({ protocol: "TCP", port })) }] } : {}),
    egress: [
      { to: [kubeDns], ports: [{ protocol: "UDP", port: KUBE_DNS.port }, { protocol: "TCP", port: KUBE_DNS.port }] },
      { ports: [{ protocol: "TCP", port: 443 }] },
    ],
  };
}

/**
 * Allow traffic between the pods of one tenant, both directions. With no `namespaces` the peer is `podSelector: {}`
 * (every pod of the policy's own namespace); with `namespaces` (a tenant spanning several namespaces) the peer
 * selects exactly those namespaces by `kubernetes.io/metadata.name` — never `namespaceSelector: {}` (NP-002).
 */
export function intraTenantPolicySpec(namespaces: readonly string[] = []): NetworkPolicySpecData {
  const peer =
    namespaces.length === 0
      ? { podSelector: {} }
      : {
          namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "In", values: [...namespaces] }] },
          podSelector: {},
        };
  return {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
    ingress: [{ from: [peer] }],
    egress: [{ to: [peer] }],
  };
}

// ---------------------------------------------------------------------------------------------------------
// RBAC
// ---------------------------------------------------------------------------------------------------------

/** An RBAC PolicyRule as plain data (`rules[*]` of a Role/ClusterRole). */
export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly verbs: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** A resource of an API group (`""` = core). */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/**
 * Resources whose `create` lets a subject run a pod (and so read any secret and use any service account of the
 * namespace): RBAC-006 pairs `create` on any of these with secret reads.
 */
export const WORKLOAD_RESOURCES: readonly GroupResource[] = [
  { group: "", resource: "pods" },
  { group: "", resource: "replicationcontrollers" },
  { group: "apps", resource: "deployments" },
  { group: "apps", resource: "replicasets" },
  { group: "apps", resource: "statefulsets" },
  { group: "apps", resource: "daemonsets" },
  { group: "batch", resource: "jobs" },
  { group: "batch", resource: "cronjobs" },
];

/** Tenant role names (Role `metadata.name` is `tenant-<role>`). */
export const TENANT_ROLES = ["admin", "developer", "viewer"] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

const READ = ["get", "list", "watch"] as const;
const WRITE = ["create", "update", "patch", "delete"] as const;

/** Namespaced objects tenants read (no secrets, no subresources that exec/attach/forward). */
const READABLE: readonly PolicyRule[] = [
  {
    apiGroups: [""],
    resources: [
      "pods",
      "pods/log",
      "services",
      "endpoints",
      "configmaps",
      "persistentvolumeclaims",
      "serviceaccounts",
      "events",
      "resourcequotas",
      "limitranges",
      "replicationcontrollers",
    ],
    verbs: READ,
  },
  { apiGroups: ["apps"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], verbs: READ },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: READ },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: READ },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: READ },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: READ },
];

/**
 * What developers change: the configuration around workloads (services, config maps, claims, ingresses,
 * autoscalers, disruption budgets), replica counts, and pod restarts (delete). Never secrets, RBAC, quotas or
 * network policies, and never the workloads themselves.
 *
 * Why no workload create/update/patch (W2): "permission to create workloads (either Pods, or workload
 * resources that manage Pods) in a namespace implicitly grants access to many other resources in that
 * namespace, such as Secrets" (Kubernetes RBAC Good Practices, "Workload creation"). A developer who can
 * create or edit a Deployment, Job or CronJob can mount any Secret of the namespace and print it to
 * `pods/log`, so "secrets get for admins only" held only on paper. The good-practices fix is to give workload
 * creation only to the identities that may read the namespace's secrets anyway: tenant admins (secret `get`)
 * and the tenant's CI/GitOps deployer. `pods/log` stays readable for developers: once they cannot run their
 * own pods, logs show only what the admin-deployed workloads print.
 */
const WRITABLE: readonly PolicyRule[] = [
  { apiGroups: [""], resources: ["services", "configmaps", "persistentvolumeclaims"], verbs: WRITE },
  { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
  { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["get", "update", "patch"] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: WRITE },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: WRITE },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: WRITE },
];

/**
 * Workload writes: only tenant admins, who may already `get` the namespace's secrets, so the secret access a
 * workload implies grants them nothing new (W2).
 */
const WORKLOAD_WRITES: readonly PolicyRule[] = [
  { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: WRITE },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: WRITE },
];

/**
 * What only tenant admins add: `get` on secrets (never `list`/`watch`, which reveal every secret's contents —
 * RBAC-005; admins read a secret they know the name of with `kubectl get secret <name>`), service accounts
 * (not `serviceaccounts/token`, RBAC-009), and read access to the tenant's RBAC objects (no `bind`/`escalate`).
 */
const ADMIN_ONLY: readonly PolicyRule[] = [
  { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
  { apiGroups: [""], resources: ["serviceaccounts"], verbs: WRITE },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: READ },
];

/**
 * The namespaced Role rules of each tenant role. They pass RBAC-001…009: no wildcards; no `pods/exec`,
 * `pods/attach`, `pods/portforward`, `pods/ephemeralcontainers`; no `escalate`/`bind`/`impersonate`; no namespace
 * updates. Only `admin` creates workloads (W2, see {@link WORKLOAD_WRITES}). Bind them to Groups/Users only:
 * `admin` combines workload `create` with secret `get`, so binding it to a ServiceAccount violates RBAC-006
 * (tenant service accounts get no role at all by default).
 */
export const TENANT_ROLE_RULES: Readonly<Record<TenantRole, readonly PolicyRule[]>> = {
  viewer: READABLE,
  developer: [...READABLE, ...WRITABLE],
  admin: [...READABLE, ...WRITABLE, ...WORKLOAD_WRITES, ...ADMIN_ONLY],
};

/** Role `metadata.name` of a tenant role. */
export function tenantRoleName(role: TenantRole): string {
  return `tenant-${role}`;
}
