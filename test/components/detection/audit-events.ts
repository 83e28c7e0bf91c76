/**
 * Sample Kubernetes audit events (audit.k8s.io/v1 `Event`, as EKS writes them to
 * `/aws/eks/<cluster>/cluster` log streams `kube-apiserver-audit-*`), each labelled with the audit
 * signals it must trigger. The table doubles as the closing note's list of tested events.
 */

/** The fields of audit.k8s.io/v1 Event the signals read (plus the envelope). */
export interface AuditEvent {
  kind: "Event";
  apiVersion: "audit.k8s.io/v1";
  level: "Metadata" | "Request" | "RequestResponse";
  auditID: string;
  stage: "RequestReceived" | "ResponseStarted" | "ResponseComplete" | "Panic";
  requestURI: string;
  verb: string;
  user: { username: string; uid?: string; groups?: string[] };
  sourceIPs: string[];
  userAgent?: string;
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string; apiGroup?: string; apiVersion?: string };
  responseStatus?: { metadata: Record<string, never>; code: number; status?: string; reason?: string; message?: string };
  requestObject?: Record<string, unknown>;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
}

let seq = 0;
const ALICE = { username: "arn:aws:sts::123456789012:assumed-role/team-a-dev/alice", groups: ["team-a:developer", "system:authenticated"] };
const ANON = { username: "system:anonymous", groups: ["system:unauthenticated"] };

/** Build an event with realistic defaults; `over` replaces top-level fields. */
export function auditEvent(over: Partial<AuditEvent>): AuditEvent {
  seq++;
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    stage: "ResponseComplete",
    requestURI: "/api/v1/namespaces/team-a/pods",
    verb: "get",
    user: ALICE,
    sourceIPs: ["10.0.12.34"],
    userAgent: "kubectl/v1.33.1 (linux/amd64) kubernetes/abcdef0",
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: "2025-06-01T12:00:00.000000Z",
    stageTimestamp: "2025-06-01T12:00:00.010000Z",
    ...over,
  };
}

const binding = (kind: "ClusterRoleBinding" | "RoleBinding", role: string, namespace?: string) => ({
  kind,
  apiVersion: "rbac.authorization.k8s.io/v1",
  metadata: { name: `grant-${role}`, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
  subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "mallory" }],
});

/** A labelled sample: the event and exactly the signals it must trigger. */
export interface LabelledEvent {
  readonly label: string;
  readonly event: AuditEvent;
  readonly signals: readonly string[];
}

/** Every sample event, with the signals each must (and, by omission, must not) trigger. */
export const SAMPLE_EVENTS: readonly LabelledEvent[] = [
  // Secrets
  { label: "update secret team-a/db-creds", signals: ["secret-change"], event: auditEvent({ verb: "update", requestURI: "/api/v1/namespaces/team-a/secrets/db-creds", objectRef: { resource: "secrets", namespace: "team-a", name: "db-creds", apiVersion: "v1" } }) },
  { label: "create secret team-a/registry-pull", signals: ["secret-change"], event: auditEvent({ verb: "create", requestURI: "/api/v1/namespaces/team-a/secrets", objectRef: { resource: "secrets", namespace: "team-a", name: "registry-pull", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 201 } }) },
  { label: "patch secret team-b/tls", signals: ["secret-change"], event: auditEvent({ verb: "patch", requestURI: "/api/v1/namespaces/team-b/secrets/tls", objectRef: { resource: "secrets", namespace: "team-b", name: "tls", apiVersion: "v1" } }) },
  { label: "delete secret team-a/db-creds", signals: ["secret-change"], event: auditEvent({ verb: "delete", requestURI: "/api/v1/namespaces/team-a/secrets/db-creds", objectRef: { resource: "secrets", namespace: "team-a", name: "db-creds", apiVersion: "v1" } }) },
  { label: "update configmap team-a/app-config", signals: [], event: auditEvent({ verb: "update", requestURI: "/api/v1/namespaces/team-a/configmaps/app-config", objectRef: { resource: "configmaps", namespace: "team-a", name: "app-config", apiVersion: "v1" } }) },
  { label: "get secret team-a/db-creds (read)", signals: [], event: auditEvent({ verb: "get", requestURI: "/api/v1/namespaces/team-a/secrets/db-creds", objectRef: { resource: "secrets", namespace: "team-a", name: "db-creds", apiVersion: "v1" } }) },
  // Exec / attach / port-forward
  { label: "create pods/exec team-a/api-7d9", signals: ["container-exec"], event: auditEvent({ verb: "create", stage: "ResponseStarted", requestURI: "/api/v1/namespaces/team-a/pods/api-7d9/exec?command=sh&stdin=true&tty=true", objectRef: { resource: "pods", subresource: "exec", namespace: "team-a", name: "api-7d9", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 101 } }) },
  { label: "get pods/exec (websocket, #128743)", signals: ["container-exec"], event: auditEvent({ verb: "get", requestURI: "/api/v1/namespaces/team-a/pods/api-7d9/exec?command=id", objectRef: { resource: "pods", subresource: "exec", namespace: "team-a", name: "api-7d9", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 101 } }) },
  { label: "create pods/attach team-a/api-7d9", signals: ["container-exec"], event: auditEvent({ verb: "create", requestURI: "/api/v1/namespaces/team-a/pods/api-7d9/attach", objectRef: { resource: "pods", subresource: "attach", namespace: "team-a", name: "api-7d9", apiVersion: "v1" } }) },
  { label: "create pods/portforward team-b/db-0", signals: ["container-exec"], event: auditEvent({ verb: "create", requestURI: "/api/v1/namespaces/team-b/pods/db-0/portforward", objectRef: { resource: "pods", subresource: "portforward", namespace: "team-b", name: "db-0", apiVersion: "v1" } }) },
  { label: "get pods/log team-a/api-7d9", signals: [], event: auditEvent({ verb: "get", requestURI: "/api/v1/namespaces/team-a/pods/api-7d9/log", objectRef: { resource: "pods", subresource: "log", namespace: "team-a", name: "api-7d9", apiVersion: "v1" } }) },
  { label: "create pod team-a/debug (no subresource)", signals: [], event: auditEvent({ verb: "create", requestURI: "/api/v1/namespaces/team-a/pods", objectRef: { resource: "pods", namespace: "team-a", name: "debug", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 201 } }) },
  // Privileged bindings
  { label: "create ClusterRoleBinding → cluster-admin", signals: ["privileged-binding"], event: auditEvent({ level: "RequestResponse", verb: "create", requestURI: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", objectRef: { resource: "clusterrolebindings", name: "grant-cluster-admin", apiGroup: "rbac.authorization.k8s.io", apiVersion: "v1" }, requestObject: binding("ClusterRoleBinding", "cluster-admin"), responseStatus: { metadata: {}, code: 201 } }) },
  { label: "create RoleBinding team-a → ClusterRole admin", signals: ["privileged-binding"], event: auditEvent({ level: "RequestResponse", verb: "create", requestURI: "/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings", objectRef: { resource: "rolebindings", namespace: "team-a", name: "grant-admin", apiGroup: "rbac.authorization.k8s.io", apiVersion: "v1" }, requestObject: binding("RoleBinding", "admin", "team-a"), responseStatus: { metadata: {}, code: 201 } }) },
  { label: "update ClusterRoleBinding → edit", signals: ["privileged-binding"], event: auditEvent({ level: "RequestResponse", verb: "update", requestURI: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/grant-edit", objectRef: { resource: "clusterrolebindings", name: "grant-edit", apiGroup: "rbac.authorization.k8s.io", apiVersion: "v1" }, requestObject: binding("ClusterRoleBinding", "edit") }) },
  { label: "create RoleBinding team-a → view", signals: [], event: auditEvent({ level: "RequestResponse", verb: "create", requestURI: "/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings", objectRef: { resource: "rolebindings", namespace: "team-a", name: "grant-view", apiGroup: "rbac.authorization.k8s.io", apiVersion: "v1" }, requestObject: binding("RoleBinding", "view", "team-a"), responseStatus: { metadata: {}, code: 201 } }) },
  { label: "delete ClusterRoleBinding grant-cluster-admin", signals: [], event: auditEvent({ verb: "delete", requestURI: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/grant-cluster-admin", objectRef: { resource: "clusterrolebindings", name: "grant-cluster-admin", apiGroup: "rbac.authorization.k8s.io", apiVersion: "v1" } }) },
  { label: "create ClusterRole named cluster-admin-lite", signals: [], event: auditEvent({ level: "RequestResponse", verb: "create", requestURI: "/apis/rbac.authorization.k8s.io/v1/clusterroles", objectRef: { resource: "clusterroles", name: "cluster-admin-lite", apiGroup: "rbac.authorization.k8s.io", apiVersion: "v1" }, requestObject: { kind: "ClusterRole", metadata: { name: "cluster-admin-lite" }, rules: [] }, responseStatus: { metadata: {}, code: 201 } }) },
  // 401 / 403
  { label: "403 list secrets by a service account", signals: ["auth-failures"], event: auditEvent({ verb: "list", requestURI: "/api/v1/namespaces/kube-system/secrets", user: { username: "system:serviceaccount:team-a:default", groups: ["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"] }, objectRef: { resource: "secrets", namespace: "kube-system", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 403, status: "Failure", reason: "Forbidden" } }) },
  { label: "401 bad bearer token (authn failure)", signals: ["auth-failures"], event: auditEvent({ stage: "ResponseStarted", verb: "list", requestURI: "/api/v1/nodes", user: { username: "", groups: [] }, objectRef: undefined, responseStatus: { metadata: {}, code: 401, message: "Authentication failed" } }) },
  { label: "404 get missing pod", signals: [], event: auditEvent({ verb: "get", requestURI: "/api/v1/namespaces/team-a/pods/gone", objectRef: { resource: "pods", namespace: "team-a", name: "gone", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 404, status: "Failure", reason: "NotFound" } }) },
  // Anonymous
  { label: "anonymous list namespaces (403)", signals: ["anonymous-request", "auth-failures"], event: auditEvent({ verb: "list", requestURI: "/api/v1/namespaces", user: ANON, objectRef: { resource: "namespaces", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 403, status: "Failure", reason: "Forbidden" } }) },
  { label: "anonymous get /api (discovery, 200)", signals: ["anonymous-request"], event: auditEvent({ verb: "get", requestURI: "/api", user: ANON, objectRef: undefined }) },
  { label: "unauthenticated group only", signals: ["anonymous-request"], event: auditEvent({ verb: "get", requestURI: "/apis", user: { username: "probe", groups: ["system:authenticated", "system:unauthenticated"] }, objectRef: undefined }) },
  { label: "anonymous get /healthz", signals: [], event: auditEvent({ verb: "get", requestURI: "/healthz", user: ANON, objectRef: undefined }) },
  { label: "anonymous get /readyz?verbose", signals: [], event: auditEvent({ verb: "get", requestURI: "/readyz?verbose", user: ANON, objectRef: undefined }) },
  // NetworkPolicy
  { label: "create NetworkPolicy team-a/allow-all", signals: ["tenant-networkpolicy-change"], event: auditEvent({ verb: "create", requestURI: "/apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies", objectRef: { resource: "networkpolicies", namespace: "team-a", name: "allow-all", apiGroup: "networking.k8s.io", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 201 } }) },
  { label: "delete NetworkPolicy team-b/default-deny", signals: ["tenant-networkpolicy-change"], event: auditEvent({ verb: "delete", requestURI: "/apis/networking.k8s.io/v1/namespaces/team-b/networkpolicies/default-deny", objectRef: { resource: "networkpolicies", namespace: "team-b", name: "default-deny", apiGroup: "networking.k8s.io", apiVersion: "v1" } }) },
  { label: "patch NetworkPolicy default/web", signals: ["tenant-networkpolicy-change"], event: auditEvent({ verb: "patch", requestURI: "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/web", objectRef: { resource: "networkpolicies", namespace: "default", name: "web", apiGroup: "networking.k8s.io", apiVersion: "v1" } }) },
  { label: "update NetworkPolicy kube-system/coredns", signals: [], event: auditEvent({ verb: "update", requestURI: "/apis/networking.k8s.io/v1/namespaces/kube-system/networkpolicies/coredns", objectRef: { resource: "networkpolicies", namespace: "kube-system", name: "coredns", apiGroup: "networking.k8s.io", apiVersion: "v1" } }) },
  { label: "get NetworkPolicy team-a/default-deny (read)", signals: [], event: auditEvent({ verb: "get", requestURI: "/apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies/default-deny", objectRef: { resource: "networkpolicies", namespace: "team-a", name: "default-deny", apiGroup: "networking.k8s.io", apiVersion: "v1" } }) },
  { label: "create Service team-a/web", signals: [], event: auditEvent({ verb: "create", requestURI: "/api/v1/namespaces/team-a/services", objectRef: { resource: "services", namespace: "team-a", name: "web", apiVersion: "v1" }, responseStatus: { metadata: {}, code: 201 } }) },
];
