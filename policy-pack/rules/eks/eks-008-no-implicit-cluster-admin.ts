import { fieldReader, listAt, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { ADMIN_POLICY, NAMESPACE_ADMIN_POLICY } from "./cluster-admin";
import { EKS_TYPES } from "./types";

/** EKS-008: no implicit or unlisted cluster-admin (bootstrap creator, system:masters, admin access policies). */
export const eks008 = nativeResourceRule({
  id: "EKS-008",
  name: "eks-no-implicit-cluster-admin",
  description: "No implicit cluster-admin: bootstrapClusterCreatorAdminPermissions false, no system:masters access entries, admin access policies only for config clusterAdminPrincipals.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4.7", "S0"],
  upstream: "@pulumi/aws ClusterAccessConfig, AccessEntry, AccessPolicyAssociation; Kubernetes RBAC good practices",
  remediation: "Set accessConfig.bootstrapClusterCreatorAdminPermissions: false and create explicit access entries for named admin roles listed in config clusterAdminPrincipals.",
  resourceTypes: [EKS_TYPES.cluster, EKS_TYPES.accessEntry, EKS_TYPES.accessPolicyAssociation],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    if (resource.type === EKS_TYPES.cluster) {
      const bootstrap = get("accessConfig.bootstrapClusterCreatorAdminPermissions");
      if (bootstrap !== UNKNOWN && bootstrap !== false) {
        report({
          message: `accessConfig.bootstrapClusterCreatorAdminPermissions is ${bootstrap === undefined ? "absent (default true)" : JSON.stringify(bootstrap)}: the deploying principal silently keeps cluster-admin`,
          remediation: "Set accessConfig.bootstrapClusterCreatorAdminPermissions: false.",
        });
      }
      return;
    }
    if (resource.type === EKS_TYPES.accessEntry) {
      // Indexed reads: an unknown group is reported as cannot-verify instead of aborting the rule.
      const names = listAt(get, "kubernetesGroups");
      if (names.includes("system:masters")) {
        report({
          message: "kubernetesGroups contains system:masters, which bypasses RBAC entirely",
          remediation: "Remove system:masters from kubernetesGroups; associate AmazonEKSClusterAdminPolicy for an allow-listed principal instead.",
        });
      }
      return;
    }
    const policyArn = get("policyArn");
    if (typeof policyArn !== "string") return;
    const clusterWide = ADMIN_POLICY.test(policyArn);
    let admin = clusterWide;
    if (!admin && NAMESPACE_ADMIN_POLICY.test(policyArn)) {
      const scope = get("accessScope.type");
      if (scope === UNKNOWN) return;
      admin = scope === "cluster";
    }
    if (!admin) return;
    const principal = get("principalArn");
    if (principal === UNKNOWN) return;
    if (typeof principal === "string" && config.clusterAdminPrincipals.includes(principal)) return;
    report({
      message: `policyArn ${policyArn.replace(/^.*\//, "")}${clusterWide ? "" : " with accessScope.type cluster"} grants cluster-admin to principalArn ${principal ?? "<absent>"}, which is not in config clusterAdminPrincipals`,
      remediation: "Add principalArn to config clusterAdminPrincipals (break-glass roles only) or use a namespace-scoped access policy.",
    });
  },
});
