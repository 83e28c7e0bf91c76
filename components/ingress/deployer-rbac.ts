/**
 * What the in-cluster stack's deployer (components/deployer/rbac.ts) needs to keep the controller installed in
 * the split layout: the cluster-scoped kinds the controller brings, each limited by `resourceNames` where the
 * verb allows it (`create` and `list` cannot be limited by name in Kubernetes RBAC), plus `escalate`/`bind` on
 * exactly the controller's own roles (they grant rights the deployer does not hold). The namespaced objects
 * (Deployment, Service, TLS Secret, ServiceAccount) are covered by {@link LBC_DEPLOYER_NAMESPACE_RULES}, a Role in
 * the controller's namespace only, so the deployer never gains cluster-wide workload or Secret writes.
 */
import { LBC_APP_NAME } from "./version";

/** A literal RBAC rule (same shape as the deployer's). */
interface Rule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

const READ_WRITE_NAMED = ["get", "update", "patch", "delete"] as const;
const MANAGE = ["get", "list", "watch", "create", "update", "patch", "delete"] as const;

/** Names of the controller's cluster-scoped objects. */
export const LBC_CLUSTER_OBJECT_NAMES = {
  crds: ["ingressclassparams.elbv2.k8s.aws", "targetgroupbindings.elbv2.k8s.aws"],
  webhooks: ["aws-load-balancer-webhook"],
  clusterRoles: [`${LBC_APP_NAME}-role`],
  clusterRoleBindings: [`${LBC_APP_NAME}-rolebinding`],
  leaderElectionRole: `${LBC_APP_NAME}-leader-election-role`,
} as const;

/** Cluster-scoped rules the deployer's ClusterRole adds for the controller (spread into DEPLOYER_RBAC_RULES). */
export const LBC_DEPLOYER_RULES: readonly Rule[] = [
  { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: ["create"] },
  { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: READ_WRITE_NAMED, resourceNames: LBC_CLUSTER_OBJECT_NAMES.crds },
  { apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"], verbs: ["create"] },
  { apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"], verbs: READ_WRITE_NAMED, resourceNames: LBC_CLUSTER_OBJECT_NAMES.webhooks },
  // create cannot be limited by name; RBAC still refuses a ClusterRole(Binding) granting more than the deployer holds
  // or may escalate/bind, which is the controller's own role only.
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles", "clusterrolebindings"], verbs: ["create"] },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: [...READ_WRITE_NAMED, "escalate", "bind"], resourceNames: LBC_CLUSTER_OBJECT_NAMES.clusterRoles },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterrolebindings"], verbs: READ_WRITE_NAMED, resourceNames: LBC_CLUSTER_OBJECT_NAMES.clusterRoleBindings },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate", "bind"], resourceNames: [LBC_CLUSTER_OBJECT_NAMES.leaderElectionRole] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingressclasses"], verbs: MANAGE },
  { apiGroups: ["elbv2.k8s.aws"], resources: ["ingressclassparams"], verbs: MANAGE },
];

/** Rules of the deployer's Role inside the controller's namespace (created with the controller). */
export const LBC_DEPLOYER_NAMESPACE_RULES: readonly Rule[] = [
  { apiGroups: ["apps"], resources: ["deployments"], verbs: MANAGE },
  { apiGroups: [""], resources: ["services", "secrets", "serviceaccounts"], verbs: MANAGE },
];
