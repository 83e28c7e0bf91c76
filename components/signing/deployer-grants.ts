import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { NamedAllowance } from "../../policy-pack/core/config";
import { KYVERNO, VERIFIER } from "../../policy-pack/baseline/signing";

/**
 * What the in-VPC deployer (split layout) needs to keep the verification layer up to date, beyond its scoped
 * ClusterRole (components/deployer/rbac.ts): manage the three custom resource kinds the platform declares, and
 * `admin` inside the two controller namespaces only (the Helm releases keep their state in Secrets there and
 * own the controllers' Deployments and Services). Nothing cluster-wide beyond the custom resources: the charts'
 * cluster-scoped parts (CRDs, ClusterRoles, webhooks) are installed and upgraded in a bootstrap run, with
 * `deployer.bootstrapClusterAdmin: true` as for the first deploy (docs/signing.md).
 */
export const VERIFICATION_DEPLOYER_ROLE = "hardened-cluster-deployer-image-verification";

const MANAGE = ["get", "list", "watch", "create", "update", "patch", "delete"];

/** The rules of {@link VERIFICATION_DEPLOYER_ROLE}. */
export const VERIFICATION_DEPLOYER_RULES = [
  { apiGroups: ["kyverno.io"], resources: ["clusterpolicies"], verbs: MANAGE },
  { apiGroups: ["notation.nirmata.io"], resources: ["trustpolicies", "truststores"], verbs: MANAGE },
] as const;

/** The namespaces where the deployer holds the built-in `admin` role (RoleBinding, namespace-scoped). */
export const VERIFICATION_DEPLOYER_NAMESPACES = [KYVERNO.namespace, VERIFIER.namespace] as const;

/** The pack-config `platformRoles` entry justifying the grants. */
export const VERIFICATION_DEPLOYER_PLATFORM_ROLE: NamedAllowance = {
  name: VERIFICATION_DEPLOYER_ROLE,
  justification: "In-VPC deployer: keeps the image-verification ClusterPolicy, Notation trust policies and the controllers' releases (admin in the kyverno namespaces only)",
};

/** Args of {@link VerificationDeployerGrants}. */
export interface VerificationDeployerGrantsArgs {
  /** Kubernetes provider of the cluster. */
  readonly provider: k8s.Provider;
  /** The deployer's Kubernetes group (DEPLOYER_GROUP). */
  readonly group: string;
  /** The controller namespaces (created by ImageVerification), so the RoleBindings follow them. */
  readonly namespaces: readonly k8s.core.v1.Namespace[];
}

/** The ClusterRole/Binding for the custom resources and the namespace `admin` RoleBindings of the deployer group. */
export class VerificationDeployerGrants extends pulumi.ComponentResource {
  constructor(name: string, args: VerificationDeployerGrantsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hardened-cluster:signing:VerificationDeployerGrants", name, {}, { ...opts, provider: args.provider });
    const child = { parent: this, provider: args.provider };
    const labels = { "app.kubernetes.io/managed-by": "hardened-cluster", "hardened-cluster.io/component": "deployer" };
    const subjects = [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: args.group }];
    const role = new k8s.rbac.v1.ClusterRole(
      `${name}-role`,
      { metadata: { name: VERIFICATION_DEPLOYER_ROLE, labels }, rules: VERIFICATION_DEPLOYER_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) },
      child,
    );
    new k8s.rbac.v1.ClusterRoleBinding(
      `${name}-binding`,
      { metadata: { name: VERIFICATION_DEPLOYER_ROLE, labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: VERIFICATION_DEPLOYER_ROLE }, subjects },
      { ...child, dependsOn: [role] },
    );
    args.namespaces.forEach((ns, i) => {
      new k8s.rbac.v1.RoleBinding(
        `${name}-admin-${VERIFICATION_DEPLOYER_NAMESPACES[i] ?? i}`,
        { metadata: { name: VERIFICATION_DEPLOYER_ROLE, namespace: ns.metadata.name, labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" }, subjects },
        child,
      );
    });
    this.registerOutputs({});
  }
}
