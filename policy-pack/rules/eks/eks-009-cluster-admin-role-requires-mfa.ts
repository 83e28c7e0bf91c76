import { quietGet, UNKNOWN } from "../../core/fields";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { ROLE, roleNamedBy } from "../ordering/joins";
import { clusterAdminGrant, mfaTrustProblems, trustDocumentOf } from "./cluster-admin";
import { EKS_TYPES } from "./types";

/** A cluster-admin grant's principal exempt by config (ARN or role name), with its justification. */
export function mfaExemption(principal: unknown, roleName: unknown, exempt: readonly { name: string; justification: string }[]): { name: string; justification: string } | undefined {
  return exempt.find((e) => e.name === principal || (typeof roleName === "string" && e.name === roleName));
}

/** EKS-009: a cluster-admin grant to a role of this stack needs an MFA-demanding trust policy. */
export const eks009 = stackRule({
  id: "EKS-009",
  name: "eks-cluster-admin-role-requires-mfa",
  description:
    "An access policy association (AmazonEKSClusterAdminPolicy, or AmazonEKSAdminPolicy at cluster scope) or a system:masters access entry whose principal is an IAM role created in the same stack: every Allow statement of the role's trust policy that admits an assume must demand Bool aws:MultiFactorAuthPresent true and aws:MultiFactorAuthAge at most config adminMfaMaxAgeSeconds.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4", "S1 §5.4.4"],
  upstream:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html · https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent · https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html",
  remediation:
    "Create cluster-admin roles with the MfaAdminRole component (hardened-cluster:adminRoles), or add Condition {Bool: {aws:MultiFactorAuthPresent: true}, NumericLessThanEquals: {aws:MultiFactorAuthAge: <= adminMfaMaxAgeSeconds}} to every Allow statement of the role's trust policy; a service role that must stay cluster-admin goes into config mfaExemptAdminPrincipals with a justification.",
  resourceTypes: [EKS_TYPES.accessEntry, EKS_TYPES.accessPolicyAssociation, ROLE],
  check(resources, report, config) {
    const roles = resources.filter((r) => r.type === ROLE);
    for (const grant of resources) {
      if (grant.type === ROLE) continue;
      const { admin, via } = clusterAdminGrant(grant);
      if (admin === UNKNOWN) {
        report({ ...cannotVerify(via), urn: grant.urn });
        continue;
      }
      if (!admin) continue;
      // Joined by the principalArn's property dependency, else by ARN or role name (literal ARNs are known at preview).
      const join = roleNamedBy(grant, "principalArn", roles);
      if (join.kind === "unknown") {
        report({ ...cannotVerify("principalArn"), urn: grant.urn });
        continue;
      }
      if (join.kind === "none") continue; // EKS-009X: external principal.
      const role = join.role;
      if (mfaExemption(quietGet(grant.props, "principalArn"), quietGet(role.props, "name"), config.mfaExemptAdminPrincipals)) continue;
      const trust = trustDocumentOf(role);
      if (trust === UNKNOWN) {
        report({ ...cannotVerify(`role ${role.name} assumeRolePolicy`), urn: grant.urn });
        continue;
      }
      const problems = trust === undefined ? ["assumeRolePolicy is not a JSON policy document"] : mfaTrustProblems(trust, config.adminMfaMaxAgeSeconds);
      if (problems.length === 0) continue;
      report({
        urn: grant.urn,
        message: `${grant.name} grants cluster-admin (${via}) to role ${role.name} of this stack, whose trust policy does not require a fresh MFA sign-in: ${problems.join("; ")}`,
        remediation: `Require MFA in role ${role.name}'s trust policy (Bool aws:MultiFactorAuthPresent true, NumericLessThanEquals aws:MultiFactorAuthAge ${config.adminMfaMaxAgeSeconds}) or create it with MfaAdminRole.`,
      });
    }
  },
});
