import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { NamedAllowance } from "../../policy-pack/core/config";
import { TENANT_ROLES, tenantRoleName } from "../../policy-pack/baseline/tenancy";
import { LBC_DEPLOYER_RULES } from "../ingress/deployer-rbac";
import { CLUSTER_AUTOSCALER_NAME } from "../autoscaler/rbac";

/**
 * The Deployer's Kubernetes rights (audit W4). Why not `AmazonEKSClusterAdminPolicy`: a standing
 * cluster-admin that anyone able to start a build could drive. Why not an EKS access policy at namespace
 * scope: the in-cluster stack creates cluster-scoped objects (Namespaces, ENIConfigs, admission policies),
 * which no namespace-scoped access policy covers, and EKS has no access policy that lists exactly these
 * kinds. So the deployer's access entry puts it in the Kubernetes group {@link DEPLOYER_GROUP} (no access
 * policy), and this ClusterRole, bound to that group, lists what the in-cluster stack creates and nothing
 * else: no Secrets, no Pods or workloads, no exec, no webhooks, no ClusterRoles other than its own.
 *
 * The tenant Roles grant rights the deployer does not hold (workloads, `secrets get` for tenant admins), so
 * it gets `escalate`/`bind` on Roles, limited by `resourceNames` to the three tenant role names. That is
 * the residual power of this identity: it could write a Role named `tenant-admin` in any namespace, or a ClusterRole
 * named `cluster-autoscaler` with any rules and bind it; such a change is a privileged RBAC write the audit alarms
 * report. Workloads: only Deployments in `kube-system` (the Cluster Autoscaler), through a Role there.
 */

/** Kubernetes group of the deployer's access entry (EKS forbids `system:`, `eks:`, `aws:`, `amazon:`). */
export const DEPLOYER_GROUP = "hardened-cluster:deployer";
/** Name of the deployer's ClusterRole and ClusterRoleBinding. */
export const DEPLOYER_CLUSTER_ROLE = "hardened-cluster-deployer";

/** A literal RBAC rule. */
export interface DeployerRbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

const MANAGE = ["get", "list", "watch", "create", "update", "patch", "delete"] as const;
const TENANT_ROLE_NAMES = TENANT_ROLES.map(tenantRoleName);

/** The rules of {@link DEPLOYER_CLUSTER_ROLE}: exactly the kinds the in-cluster stack manages. */
export const DEPLOYER_RBAC_RULES: readonly DeployerRbacRule[] = [
  // Cluster-scoped objects of the in-cluster stack.
  { apiGroups: [""], resources: ["namespaces"], verbs: MANAGE },
  { apiGroups: ["crd.k8s.amazonaws.com"], resources: ["eniconfigs"], verbs: MANAGE },
  // The sensitive tenants' pod SG (security groups for pods, components/node-pool/pod-security-group.ts).
  { apiGroups: ["vpcresources.k8s.aws"], resources: ["securitygrouppolicies"], verbs: MANAGE },
  { apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingadmissionpolicies", "validatingadmissionpolicybindings"], verbs: MANAGE },
  // Its own role and binding (created under the bootstrap admin; afterwards it can only keep them), and the Cluster
  // Autoscaler's (components/autoscaler/rbac.ts). `create` cannot be limited by name in Kubernetes RBAC; `escalate` and
  // `bind` can, so the only ClusterRole it can fill with rights it does not hold, and bind, is `cluster-autoscaler`.
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles", "clusterrolebindings"], verbs: ["get", "update", "patch", "delete"], resourceNames: [DEPLOYER_CLUSTER_ROLE, CLUSTER_AUTOSCALER_NAME] },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles", "clusterrolebindings"], verbs: ["create"] },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["escalate", "bind"], resourceNames: [CLUSTER_AUTOSCALER_NAME] },
  // Per tenant namespace.
  { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: MANAGE },
  { apiGroups: [""], resources: ["resourcequotas", "limitranges"], verbs: MANAGE },
  // Patch the default ServiceAccounts; create the secrets reader ServiceAccounts (no token, no Secret access).
  { apiGroups: [""], resources: ["serviceaccounts"], verbs: MANAGE },
  // The tenants' SecretProviderClasses (components/secrets): which secrets a mount names, read with the pod's own role.
  { apiGroups: ["secrets-store.csi.x-k8s.io"], resources: ["secretproviderclasses"], verbs: MANAGE },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: MANAGE },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate", "bind"], resourceNames: TENANT_ROLE_NAMES },
  // The AWS Load Balancer Controller's cluster-scoped objects (components/ingress/deployer-rbac.ts).
  ...LBC_DEPLOYER_RULES,
  // The Cluster Autoscaler's Role in kube-system (its status ConfigMaps).
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate", "bind"], resourceNames: [CLUSTER_AUTOSCALER_NAME] },
];

/**
 * The deployer's rules in `kube-system` only (a Role, not the ClusterRole): the platform add-ons it runs as explicit
 * objects there (the Cluster Autoscaler's Deployment and ServiceAccount). No workload rights in any other namespace.
 */
export const DEPLOYER_KUBE_SYSTEM_RULES: readonly DeployerRbacRule[] = [
  { apiGroups: ["apps"], resources: ["deployments"], verbs: MANAGE },
  { apiGroups: [""], resources: ["serviceaccounts"], verbs: MANAGE },
];

/** The pack-config `platformRoles` entry that justifies this role (it needs escalate/bind and namespace writes). */
export const DEPLOYER_PLATFORM_ROLE: NamedAllowance = {
  name: DEPLOYER_CLUSTER_ROLE,
  justification: "In-VPC deployer of the in-cluster stack: creates namespaces and the tenants' Roles (escalate/bind limited to the tenant role names)",
};

/** Arguments of {@link DeployerRbac}. */
export interface DeployerRbacArgs {
  /** Provider of the cluster the deployer deploys to. */
  readonly provider: k8s.Provider;
}

/**
 * The ClusterRole and ClusterRoleBinding that give {@link DEPLOYER_GROUP} its rights. Created by the
 * in-cluster stack itself on the first run (while the deployer still holds the bootstrap cluster-admin
 * association), so nothing outside the VPC ever needs to reach the API.
 */
export class DeployerRbac extends pulumi.ComponentResource {
  readonly clusterRole: k8s.rbac.v1.ClusterRole;
  readonly binding: k8s.rbac.v1.ClusterRoleBinding;
  /** The Role and RoleBinding of {@link DEPLOYER_KUBE_SYSTEM_RULES} in `kube-system`. */
  readonly kubeSystemRole: k8s.rbac.v1.Role;
  readonly kubeSystemBinding: k8s.rbac.v1.RoleBinding;

  constructor(name: string, args: DeployerRbacArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hardened-cluster:deployer:DeployerRbac", name, {}, opts);
    const k8sOpts = { parent: this, provider: args.provider };
    const labels = { "app.kubernetes.io/managed-by": "hardened-cluster", "hardened-cluster.io/component": "deployer" };
    this.clusterRole = new k8s.rbac.v1.ClusterRole(
      DEPLOYER_CLUSTER_ROLE,
      { metadata: { name: DEPLOYER_CLUSTER_ROLE, labels }, rules: JSON.parse(JSON.stringify(DEPLOYER_RBAC_RULES)) as k8s.types.input.rbac.v1.PolicyRule[] },
      k8sOpts,
    );
    this.binding = new k8s.rbac.v1.ClusterRoleBinding(
      DEPLOYER_CLUSTER_ROLE,
      {
        metadata: { name: DEPLOYER_CLUSTER_ROLE, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: DEPLOYER_CLUSTER_ROLE },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: DEPLOYER_GROUP }],
      },
      { ...k8sOpts, dependsOn: [this.clusterRole] },
    );
    const kubeSystem = { name: DEPLOYER_CLUSTER_ROLE, namespace: "kube-system", labels };
    this.kubeSystemRole = new k8s.rbac.v1.Role(
      `${DEPLOYER_CLUSTER_ROLE}-kube-system`,
      { metadata: kubeSystem, rules: JSON.parse(JSON.stringify(DEPLOYER_KUBE_SYSTEM_RULES)) as k8s.types.input.rbac.v1.PolicyRule[] },
      k8sOpts,
    );
    this.kubeSystemBinding = new k8s.rbac.v1.RoleBinding(
      `${DEPLOYER_CLUSTER_ROLE}-kube-system`,
      {
        metadata: kubeSystem,
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: DEPLOYER_CLUSTER_ROLE },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: DEPLOYER_GROUP }],
      },
      { ...k8sOpts, dependsOn: [this.kubeSystemRole] },
    );
    this.registerOutputs({});
  }
}
