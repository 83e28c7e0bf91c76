import { CLUSTER_POLICY_TYPE, SIGNING_PROFILE_ARN, TRUST_POLICY_TYPE } from "../../baseline/signing";
import { resourceRule } from "../../core/rule";
import { verifyingRules } from "./verification";

/**
 * IMG-005: a signature-verification policy enforces, and the Notation trust policy it verifies against trusts
 * only signing profiles: every statement is `strict` and pins `trustedIdentities` to signing profile ARNs
 * (those of config `trustedSigningProfileArns` when set), never `*`.
 */
export const img005 = resourceRule({
  id: "IMG-005",
  name: "verification-pins-signing-profile",
  description:
    "A Kyverno ClusterPolicy that verifies image signatures enforces (failure action Enforce, failurePolicy Fail), and every Notation TrustPolicy statement is strict and trusts only AWS Signer signing profile ARNs (from trustedSigningProfileArns when set).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["images", "supply-chain"],
  seed: ["S1 §5.13"],
  upstream: "https://notaryproject.dev/docs/user-guides/how-to/manage-trust-policy/ · https://kyverno.io/docs/policy-types/cluster-policy/validate/",
  remediation:
    "Set the rule's validate.failureAction (or verifyImages[].failureAction) to Enforce and spec.webhookConfiguration.failurePolicy to Fail; in the TrustPolicy set signatureVerification.level to strict and trustedIdentities to the signing profile ARN (arn:aws:signer:<region>:<account>:/signing-profiles/<name>).",
  resourceTypes: [CLUSTER_POLICY_TYPE, TRUST_POLICY_TYPE],
  check(resource, report, config) {
    const spec = resource.props?.spec;
    if (resource.type === CLUSTER_POLICY_TYPE) {
      for (const rule of verifyingRules(spec)) {
        if (!rule.enforced) report(`${rule.path} ("${rule.name}") verifies image signatures but only audits: its failure action (validate.failureAction / verifyImages[].failureAction, else spec.validationFailureAction; Kyverno default Audit) is not Enforce`);
        if (rule.failurePolicy !== "Fail") report(`spec.webhookConfiguration.failurePolicy (or spec.failurePolicy) is "${rule.failurePolicy}": when the verifier is unreachable the webhook admits unverified images (rule "${rule.name}")`);
      }
      return;
    }
    const statements: any[] = Array.isArray(spec?.trustPolicies) ? spec.trustPolicies : [];
    if (statements.length === 0) report("spec.trustPolicies is empty: no image can be verified against this trust policy");
    statements.forEach((s, i) => {
      const at = `spec.trustPolicies[${i}]`;
      const level = s?.signatureVerification?.level;
      if (level !== "strict") report(`${at}.signatureVerification.level is ${JSON.stringify(level)}: only strict rejects an invalid or missing signature`);
      const ids: unknown[] = Array.isArray(s?.trustedIdentities) ? s.trustedIdentities : [];
      if (ids.length === 0) report(`${at}.trustedIdentities is empty: pin the signing profile ARN`);
      ids.forEach((id, j) => {
        if (typeof id !== "string" || !SIGNING_PROFILE_ARN.test(id)) report(`${at}.trustedIdentities[${j}] ${JSON.stringify(id)} is not a signing profile ARN (arn:aws:signer:<region>:<account>:/signing-profiles/<name>)`);
        else if (config.trustedSigningProfileArns.length > 0 && !config.trustedSigningProfileArns.includes(id)) report(`${at}.trustedIdentities[${j}] ${id} is not in trustedSigningProfileArns ${JSON.stringify(config.trustedSigningProfileArns)}`);
      });
      const stores: unknown[] = Array.isArray(s?.trustStores) ? s.trustStores : [];
      if (!stores.some((t) => typeof t === "string" && t.startsWith("signingAuthority:"))) report(`${at}.trustStores has no signingAuthority: store (the AWS Signer root)`);
    });
  },
});
