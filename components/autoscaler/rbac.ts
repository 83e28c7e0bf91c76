/**
 * The Cluster Autoscaler's Kubernetes RBAC, copied from upstream
 * (github.com/kubernetes/autoscaler, tag cluster-autoscaler-1.35.2,
 * cluster-autoscaler/cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml, commit
 * 2d42588803c71fe9b35dcd9e3669ac6bb550ca22). Only the obsolete `extensions` API group entries are dropped (the group
 * no longer serves replicasets, daemonsets or jobs); everything else is as published.
 */

/** One RBAC policy rule. */
export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** Name of every RBAC object, the lease and the endpoints lock (`--leader-elect-resource-name` default). */
export const CLUSTER_AUTOSCALER_NAME = "cluster-autoscaler";

/** ClusterRole `cluster-autoscaler`. */
export const CLUSTER_AUTOSCALER_CLUSTER_RULES: readonly RbacRule[] = [
  { apiGroups: [""], resources: ["events", "endpoints"], verbs: ["create", "patch"] },
  { apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] },
  { apiGroups: [""], resources: ["pods/status"], verbs: ["update"] },
  { apiGroups: [""], resources: ["endpoints"], resourceNames: [CLUSTER_AUTOSCALER_NAME], verbs: ["get", "update"] },
  { apiGroups: [""], resources: ["nodes"], verbs: ["watch", "list", "get", "update"] },
  { apiGroups: [""], resources: ["namespaces", "pods", "services", "replicationcontrollers", "persistentvolumeclaims", "persistentvolumes"], verbs: ["watch", "list", "get"] },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["watch", "list"] },
  { apiGroups: ["apps"], resources: ["statefulsets", "replicasets", "daemonsets"], verbs: ["watch", "list", "get"] },
  { apiGroups: ["storage.k8s.io"], resources: ["storageclasses", "csinodes", "csidrivers", "csistoragecapacities", "volumeattachments"], verbs: ["watch", "list", "get"] },
  { apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "watch", "patch"] },
  { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
  { apiGroups: ["coordination.k8s.io"], resourceNames: [CLUSTER_AUTOSCALER_NAME], resources: ["leases"], verbs: ["get", "update"] },
];

/** Role `cluster-autoscaler` in `kube-system` (status and priority-expander ConfigMaps). */
export const CLUSTER_AUTOSCALER_NAMESPACE_RULES: readonly RbacRule[] = [
  { apiGroups: [""], resources: ["configmaps"], verbs: ["create", "list", "watch"] },
  { apiGroups: [""], resources: ["configmaps"], resourceNames: ["cluster-autoscaler-status", "cluster-autoscaler-priority-expander"], verbs: ["delete", "get", "update", "watch"] },
];
