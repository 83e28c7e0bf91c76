/**
 * The built-in API groups and their kinds, to report objects the API server would reject ("no matches
 * for kind"): a misspelt or wrongly cased kind of a built-in group, a kind that starts in lower case, or a
 * malformed apiVersion. Kinds are case-sensitive in the API server's REST mapping.
 */

/** Kinds served by each built-in group (current and removed versions together). `""` is the core group. */
export const BUILTIN_KINDS: Readonly<Record<string, readonly string[]>> = {
  "": [
    "Pod", "PodTemplate", "ReplicationController", "Service", "Endpoints", "ConfigMap", "Secret", "ServiceAccount", "Namespace",
    "Node", "PersistentVolume", "PersistentVolumeClaim", "ResourceQuota", "LimitRange", "Event", "Binding", "ComponentStatus",
    "List", "RangeAllocation", "PodStatusResult", "SerializedReference",
  ],
  apps: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision", "Scale"],
  batch: ["Job", "CronJob"],
  extensions: ["Deployment", "DaemonSet", "ReplicaSet", "Ingress", "NetworkPolicy", "PodSecurityPolicy", "Scale", "ReplicationControllerDummy"],
  autoscaling: ["HorizontalPodAutoscaler", "Scale"],
  policy: ["PodDisruptionBudget", "PodSecurityPolicy", "Eviction"],
  "networking.k8s.io": ["NetworkPolicy", "Ingress", "IngressClass", "IPAddress", "ServiceCIDR"],
  "rbac.authorization.k8s.io": ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
  "storage.k8s.io": ["StorageClass", "VolumeAttachment", "CSIDriver", "CSINode", "CSIStorageCapacity", "VolumeAttributesClass"],
  "admissionregistration.k8s.io": [
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "InitializerConfiguration",
  ],
  "apiextensions.k8s.io": ["CustomResourceDefinition"],
  "apiregistration.k8s.io": ["APIService"],
  "scheduling.k8s.io": ["PriorityClass"],
  "node.k8s.io": ["RuntimeClass"],
  "coordination.k8s.io": ["Lease", "LeaseCandidate"],
  "discovery.k8s.io": ["EndpointSlice"],
  "certificates.k8s.io": ["CertificateSigningRequest", "ClusterTrustBundle"],
  "events.k8s.io": ["Event"],
  "flowcontrol.apiserver.k8s.io": ["FlowSchema", "PriorityLevelConfiguration"],
  "resource.k8s.io": ["ResourceClaim", "ResourceClaimTemplate", "DeviceClass", "ResourceSlice", "DeviceTaintRule"],
  "authentication.k8s.io": ["TokenReview", "TokenRequest", "SelfSubjectReview"],
  "authorization.k8s.io": ["SubjectAccessReview", "SelfSubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectRulesReview"],
  "internal.apiserver.k8s.io": ["StorageVersion"],
  "storagemigration.k8s.io": ["StorageVersionMigration"],
};

const VERSION = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;
const GROUP = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Group and version of an apiVersion (`v1` → core). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Why the API server would reject this apiVersion/kind pair (with the fix), or undefined when it would
 * accept it (built-in kinds of built-in groups, or any well-formed custom group and CamelCase kind).
 */
export function apiVersionKindProblem(apiVersion: string, kind: string): string | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  if (apiVersion.split("/").length > 2 || (group !== "" && !GROUP.test(group))) {
    return `apiVersion '${apiVersion}' is not a valid group/version: use e.g. apps/v1`;
  }
  if (!VERSION.test(version) && !(group !== "" && !(group in BUILTIN_KINDS) && /^[a-z0-9]+$/.test(version))) {
    return `apiVersion '${apiVersion}' has no valid version (v1, v1beta1, v2alpha1, ...): fix the apiVersion`;
  }
  if (group === "" && apiVersion.includes("/")) return `apiVersion '${apiVersion}' has an empty group: use '${version}'`;
  const known = BUILTIN_KINDS[group];
  if (known) {
    if (known.includes(kind)) return undefined;
    const near = known.find((k) => k.toLowerCase() === kind.toLowerCase());
    return near
      ? `kind '${kind}' is not a kind of ${apiVersion} (kinds are case-sensitive): write '${near}'`
      : `kind '${kind}' is not a kind of ${apiVersion}, the API server would reject it: use one of ${known.join(", ")}`;
  }
  if (!/^[A-Z]/.test(kind)) return `kind '${kind}' starts in lower case; kinds are CamelCase and case-sensitive: fix the kind`;
  return undefined;
}
