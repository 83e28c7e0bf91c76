import { quietGet, UNKNOWN } from "../../core/fields";
import { stackRule } from "../../core/rule";
import { ROLE, roleNamedBy } from "../ordering/joins";
import { clusterAdminGrant } from "./cluster-admin";
import { mfaExemption } from "./eks-009-cluster-admin-role-requires-mfa";
import { EKS_TYPES } from "./types";

/** EKS-009X: cluster-admin principals whose MFA the pack cannot see (external) or was told not to check (exempt). */
export const eks009x = stackRule({
  id: "EKS-009X",
  name: "eks-cluster-admin-mfa-unverifiable",
  description:
    "A cluster-admin access policy association or system:masters access entry whose principal is not an IAM role of this stack (its trust policy, and so MFA, cannot be seen), or is exempt from EKS-009 by config mfaExemptAdminPrincipals: reported so the gap stays visible.",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4", "S1 §5.4.4"],
  upstream: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html",
  remediation:
    "Prefer platform-created admin roles (hardened-cluster:adminRoles, MfaAdminRole) so EKS-009 can check their trust; for an external role, confirm its trust policy requires aws:MultiFactorAuthPresent and a maximum aws:MultiFactorAuthAge (IAM console or `aws iam get-role`).",
  resourceTypes: [EKS_TYPES.accessEntry, EKS_TYPES.accessPolicyAssociation, ROLE],
  check(resources, report, config) {
    const roles = resources.filter((r) => r.type === ROLE);
    for (const grant of resources) {
      if (grant.type === ROLE) continue;
      const { admin, via } = clusterAdminGrant(grant);
      if (admin !== true) continue; // unknown: EKS-009 reports cannot-verify.
      const principal = quietGet(grant.props, "principalArn");
      if (principal === UNKNOWN) continue;
      const join = roleNamedBy(grant, "principalArn", roles);
      if (join.kind === "unknown") continue;
      if (join.kind === "role") {
        const exempt = mfaExemption(principal, quietGet(join.role.props, "name"), config.mfaExemptAdminPrincipals);
        if (exempt) {
          report({
            urn: grant.urn,
            message: `${grant.name} grants cluster-admin (${via}) to role ${join.role.name}, exempt from the MFA check by config mfaExemptAdminPrincipals: ${exempt.justification}`,
            remediation: "Remove the grant (and the exemption) as soon as it is no longer needed.",
          });
        }
        continue;
      }
      report({
        urn: grant.urn,
        message: `${grant.name} grants cluster-admin (${via}) to ${String(principal ?? "<absent>")}, which is not a role of this stack: whether it requires MFA cannot be verified`,
      });
    }
  },
});
