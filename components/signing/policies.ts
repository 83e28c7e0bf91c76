/** IAM policy documents of image signing (CI signer) and verification (the in-cluster verifier), as JSON literals. */

/** Actions the Notation AWS Signer plugin calls to sign (`notation sign --plugin com.amazonaws.signer.notation.plugin`). */
export const SIGNER_ACTIONS = ["signer:SignPayload"] as const;

/** Actions the verifier needs from Signer: revocation checks of the profile's signatures. */
export const VERIFIER_SIGNER_ACTIONS = ["signer:GetRevocationStatus"] as const;

/** ECR read actions the verifier needs to fetch a manifest and its signature artifacts (referrers). */
export const VERIFIER_ECR_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability", "ecr:DescribeImages", "ecr:ListImages"] as const;

/** ARN of an ECR repository. */
export function repositoryArn(partition: string, region: string, accountId: string, repository: string): string {
  return `arn:${partition}:ecr:${region}:${accountId}:repository/${repository}`;
}

/**
 * The policy a CI role attaches to sign images with the stack's profile: `signer:SignPayload` on that one
 * profile (its ARN and its versions), nothing else. Pushing the signature to ECR is covered by the
 * repository's push grant (TenantRegistry `ciPushPrincipalArns`).
 */
export function signerPolicyDocument(profileArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "SignWithPlatformProfileOnly", Effect: "Allow", Action: [...SIGNER_ACTIONS], Resource: [profileArn, `${profileArn}/*`] }],
  });
}

/**
 * The verifier's policy: revocation status from Signer (the action has no resource type: `*`), an ECR token
 * (`ecr:GetAuthorizationToken` takes `*` only) and read access to the signed repositories only.
 */
export function verifierPolicyDocument(repositoryArns: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "RevocationStatus", Effect: "Allow", Action: [...VERIFIER_SIGNER_ACTIONS], Resource: "*" },
      { Sid: "RegistryToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      { Sid: "ReadSignedRepositories", Effect: "Allow", Action: [...VERIFIER_ECR_ACTIONS], Resource: [...repositoryArns] },
    ],
  });
}
