/**
 * The audit signals AuditAlarms watches for, as data: one CloudWatch Logs JSON filter pattern per signal
 * over Kubernetes audit events (audit.k8s.io/v1 `Event`: verb, objectRef, user, responseStatus,
 * requestObject, requestURI), with the alarm's threshold and window. LOG-004 requires (a) exec/attach/
 * portforward, (b) Secret changes and (c) 401/403 failures; the rest follow the seeds.
 */
import { RESERVED_NAMESPACES } from "../../policy-pack/baseline/labels";

/** One audit signal: a metric filter pattern plus the alarm that watches its metric. */
export interface AuditSignal {
  /** Kebab-case id; becomes the metric filter/alarm resource name suffix. */
  readonly name: string;
  /** CloudWatch metric name the filter emits (one count per matching event). */
  readonly metricName: string;
  /** CloudWatch Logs JSON filter pattern over the audit event. */
  readonly pattern: string;
  /** Alarm when the Sum of matches over `period` is >= this, for `evaluationPeriods` periods. */
  readonly threshold: number;
  /** Seconds per evaluation period. */
  readonly period: number;
  readonly evaluationPeriods: number;
  /** Alarm description: what happened and what to look at. */
  readonly description: string;
  /** Seed guidance the signal implements. */
  readonly seed: readonly string[];
}

/** Cluster roles whose binding is an escalation worth a page: full control, or read/write of Secrets. */
export const DEFAULT_PRIVILEGED_ROLES: readonly string[] = ["cluster-admin", "admin", "edit", "system:masters"];

/**
 * Namespaces owned by the platform (not tenants); NetworkPolicy changes anywhere else alarm. Audit events
 * cannot see namespace labels, so "tenant" is "not a platform namespace" (which also covers `default`,
 * and tenants added later by other stacks).
 */
export const DEFAULT_PLATFORM_NAMESPACES: readonly string[] = [
  ...RESERVED_NAMESPACES.filter((n) => n !== "default"),
  "amazon-cloudwatch",
  "amazon-guardduty",
];

/** Verbs that change an object. */
export const MUTATING_VERBS = ["create", "update", "patch", "delete", "deletecollection"] as const;

const eq = (path: string, value: string | number) => (typeof value === "number" ? `($.${path} = ${value})` : `($.${path} = "${value}")`);
const ne = (path: string, value: string) => `($.${path} != "${value}")`;
const anyOf = (path: string, values: readonly (string | number)[]) => (values.length === 1 ? eq(path, values[0]) : `(${values.map((v) => eq(path, v)).join(" || ")})`);
const all = (...parts: string[]) => parts.join(" && ");

/** Options that shape the data-driven patterns. */
export interface AuditSignalOptions {
  /** Cluster roles whose bindings alarm; default `DEFAULT_PRIVILEGED_ROLES`. */
  readonly privilegedRoles?: readonly string[];
  /** Namespaces whose NetworkPolicy changes do not alarm; default `DEFAULT_PLATFORM_NAMESPACES`. */
  readonly platformNamespaces?: readonly string[];
}

/** The signal set, with patterns built from the options. */
export function auditSignals(options: AuditSignalOptions = {}): AuditSignal[] {
  const roles = options.privilegedRoles ?? DEFAULT_PRIVILEGED_ROLES;
  const platform = options.platformNamespaces ?? DEFAULT_PLATFORM_NAMESPACES;
  return [
    {
      name: "secret-change",
      metricName: "SecretChangeDetected",
      pattern: `{ ${all(eq("objectRef.resource", "secrets"), anyOf("verb", MUTATING_VERBS))} }`,
      threshold: 1,
      period: 300,
      evaluationPeriods: 1,
      description: "A Kubernetes Secret was created, updated, patched or deleted. Check user.username and objectRef in the EKS audit log.",
      seed: ["S3 SecretChangeDetected", "S1 §5.12"],
    },
    {
      name: "container-exec",
      metricName: "CommandExecutionInContainer",
      // Any verb: a GET on pods/exec also opens a session (kubernetes/kubernetes#128743).
      pattern: `{ ${all(eq("objectRef.resource", "pods"), anyOf("objectRef.subresource", ["exec", "attach", "portforward"]))} }`,
      threshold: 1,
      period: 300,
      evaluationPeriods: 1,
      description: "Someone ran pods/exec, pods/attach or pods/portforward (command execution in a container or a tunnel past network policies).",
      seed: ["S3 CommandExecutionInContainer", "S2 pods/portforward"],
    },
    {
      name: "privileged-binding",
      metricName: "PrivilegedRoleBindingChange",
      pattern: `{ ${all(
        anyOf("objectRef.resource", ["clusterrolebindings", "rolebindings"]),
        eq("objectRef.apiGroup", "rbac.authorization.k8s.io"),
        anyOf("verb", ["create", "update", "patch"]),
        anyOf("requestObject.roleRef.name", roles),
      )} }`,
      threshold: 1,
      period: 300,
      evaluationPeriods: 1,
      description: `A (Cluster)RoleBinding to a privileged role (${roles.join(", ")}) was created or changed: possible privilege escalation or persistence.`,
      seed: ["S1 §5.4.7", "S3 persistence (RBAC)"],
    },
    {
      name: "auth-failures",
      metricName: "AuthorizationFailures",
      pattern: `{ ${anyOf("responseStatus.code", [401, 403])} }`,
      threshold: 20,
      period: 300,
      evaluationPeriods: 1,
      description: "A burst of 401/403 responses from the Kubernetes API: credential probing or a misconfigured client.",
      seed: ["S1 §5.10 (authorisation failures)", "S0 compromised credentials"],
    },
    {
      name: "anonymous-request",
      metricName: "AnonymousRequests",
      pattern: `{ ${all(
        `(${eq("user.username", "system:anonymous")} || ${eq("user.groups[0]", "system:unauthenticated")} || ${eq("user.groups[1]", "system:unauthenticated")})`,
        ...["/healthz*", "/livez*", "/readyz*", "/version*"].map((uri) => ne("requestURI", uri)),
      )} }`,
      threshold: 1,
      period: 300,
      evaluationPeriods: 1,
      description: "An anonymous (system:anonymous / system:unauthenticated) request reached the Kubernetes API beyond the health endpoints.",
      seed: ["S1 §5.4.1", "S0 external attack on the API server"],
    },
    {
      name: "tenant-networkpolicy-change",
      metricName: "TenantNetworkPolicyChange",
      pattern: `{ ${all(
        eq("objectRef.resource", "networkpolicies"),
        eq("objectRef.apiGroup", "networking.k8s.io"),
        anyOf("verb", MUTATING_VERBS),
        ...platform.map((ns) => ne("objectRef.namespace", ns)),
      )} }`,
      threshold: 1,
      period: 300,
      evaluationPeriods: 1,
      description: "A NetworkPolicy in a tenant namespace was created, changed or deleted: tenant isolation may have been weakened.",
      seed: ["S1 §5.7", "S4 default-deny NetworkPolicy"],
    },
  ];
}

/** The default signal set (default privileged roles and platform namespaces). */
export const AUDIT_SIGNALS: readonly AuditSignal[] = auditSignals();
