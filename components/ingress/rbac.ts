/**
 * The controller's Kubernetes RBAC, from the upstream chart of the pinned release
 * (helm/aws-load-balancer-controller/templates/rbac.yaml at v2.17.1, itself generated from config/rbac/role.yaml).
 * Rules for the API groups of features the platform leaves off are dropped (least privilege): Gateway API
 * (`gateway.networking.k8s.io`, `gateway.k8s.aws`; feature gates ALBGatewayAPI/NLBGatewayAPI default false),
 * Global Accelerator (`aga.k8s.aws`; GlobalAcceleratorController false) and ALB target control
 * (`albtargetcontrolconfigs`; ALBTargetControlAgent false). `clusterSecretsPermissions.allowAllSecrets` stays false.
 */

/** One RBAC rule as literal data. */
export interface LbcRbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** Name of the leader-election lease/configmap (chart rbac.yaml). */
export const LBC_LEADER_ELECTION_ID = "aws-load-balancer-controller-leader";

/** The namespaced leader-election Role's rules (chart `<fullname>-leader-election-role`). */
export const LBC_LEADER_ELECTION_RULES: readonly LbcRbacRule[] = [
  { apiGroups: [""], resources: ["configmaps"], verbs: ["create"] },
  { apiGroups: [""], resources: ["configmaps"], resourceNames: [LBC_LEADER_ELECTION_ID], verbs: ["get", "patch", "update"] },
  { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
  { apiGroups: ["coordination.k8s.io"], resources: ["leases"], resourceNames: [LBC_LEADER_ELECTION_ID], verbs: ["get", "update", "patch"] },
];

/** The ClusterRole's rules (chart `<fullname>-role`), minus the groups of disabled features (see above). */
export const LBC_CLUSTER_RULES: readonly LbcRbacRule[] = [
  { apiGroups: [""], resources: ["configmaps"], verbs: ["create", "delete", "get", "update"] },
  { apiGroups: [""], resources: ["endpoints", "namespaces", "nodes", "pods"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
  { apiGroups: [""], resources: ["pods/status", "services/status"], verbs: ["patch", "update"] },
  { apiGroups: [""], resources: ["services"], verbs: ["get", "list", "patch", "update", "watch"] },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["elbv2.k8s.aws"], resources: ["ingressclassparams"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["elbv2.k8s.aws"], resources: ["targetgroupbindings"], verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] },
  { apiGroups: ["elbv2.k8s.aws"], resources: ["targetgroupbindings/status"], verbs: ["patch", "update"] },
  { apiGroups: ["extensions", "networking.k8s.io"], resources: ["ingresses"], verbs: ["get", "list", "patch", "update", "watch"] },
  { apiGroups: ["extensions", "networking.k8s.io"], resources: ["ingresses/status"], verbs: ["patch", "update"] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingressclasses"], verbs: ["get", "list", "watch"] },
];
