/** Image signing (AWS Signer, Notation) and in-cluster verification of tenant images (Kyverno + kyverno-notation-aws). */
export { ImageSigningProfile, validateImageSigningProfileArgs, type ImageSigningProfileArgs, type SignatureValidity } from "./profile";
export { ImageVerifierRole, type ImageVerifierRoleArgs } from "./verifier-role";
export { ImageVerification, CHART_REPOS, kyvernoPolicySpec, verifierPolicySpec, validateImageVerificationArgs, type ImageVerificationArgs } from "./verification";
export { signerPolicyDocument, verifierPolicyDocument, repositoryArn, SIGNER_ACTIONS } from "./policies";
export { verificationPolicySpec, trustPolicySpec, signerTrustStoreSpec } from "./objects";
export { VerificationDeployerGrants, VERIFICATION_DEPLOYER_ROLE, VERIFICATION_DEPLOYER_RULES, VERIFICATION_DEPLOYER_PLATFORM_ROLE, type VerificationDeployerGrantsArgs } from "./deployer-grants";
