/**
 * IAM simulation of image signing (@cloud-copilot/iam-simulate): the signer policy a CI role attaches may
 * sign with the stack's profile and nothing else, and the verifier role may check revocation and read the
 * signed repositories only. Policies are the ones the prod stack renders.
 */
import { stackRun } from "../infra/fixtures";
import { loadStackConfig, ofType } from "../infra/stack-config";
import { simulate, type PolicyDocument } from "../support/iam-simulate";
import { signerPolicyDocument } from "../../components/signing/policies";

const config = loadStackConfig("prod");
const account = config["hardened-cluster:accountId"];
const region = config["aws:region"];
const CI_ROLE = `arn:aws:iam::${account}:role/ci-image-push`;
const VERIFIER_ROLE = `arn:aws:iam::${account}:role/hc-prod-image-verifier`;
const OTHER_PROFILE = `arn:aws:signer:${region}:${account}:/signing-profiles/someone_elses_profile`;
/** The real form of the prod profile's ARN (the mocks give the resource a placeholder ARN). */
const PROFILE_ARN = `arn:aws:signer:${region}:${account}:/signing-profiles/hc_prod_images`;
const repo = (name: string) => `arn:aws:ecr:${region}:${account}:repository/${name}`;

/**
 * The prod stack's policies. The signer policy is rendered from the profile's ARN at apply time; under the mocks
 * that ARN is a placeholder, so the test first proves the stack's document is `signerPolicyDocument(<profile ARN>)`
 * and then simulates that function on the ARN's real form.
 */
async function rendered(): Promise<{ signer: PolicyDocument; profileArn: string; verifier: PolicyDocument }> {
  const { resources } = await stackRun("prod");
  const [profile] = ofType(resources, "aws:signer/signingProfile:SigningProfile");
  const signer = ofType(resources, "aws:iam/policy:Policy").find((p) => p.inputs.name === "hc_prod_images-signer")!;
  expect(signer.inputs.policy).toBe(signerPolicyDocument(profile.outputs.arn as string));
  expect(profile.inputs.name).toBe("hc_prod_images");
  const verifier = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "hc-prod-image-verifier-verify")!;
  return { signer: JSON.parse(signerPolicyDocument(PROFILE_ARN)), profileArn: PROFILE_ARN, verifier: JSON.parse(verifier.inputs.policy) };
}

describe("prod signer policy (CI attaches it): signer:SignPayload on the platform profile only", () => {
  test("signs with the platform profile", async () => {
    const { signer, profileArn } = await rendered();
    await expect(simulate({ principal: CI_ROLE, action: "signer:SignPayload", resource: profileArn, resourceAccount: account, identityPolicies: [signer] })).resolves.toBe("Allowed");
  });
  test.each([
    ["sign with another profile", "signer:SignPayload", () => OTHER_PROFILE],
    ["create or change profiles", "signer:PutSigningProfile", () => "*"],
    ["revoke the profile", "signer:RevokeSigningProfile", (arn: string) => arn],
    ["cancel the profile", "signer:CancelSigningProfile", (arn: string) => arn],
    ["share the profile", "signer:AddProfilePermission", (arn: string) => arn],
  ])("cannot %s", async (_l, action, resource) => {
    const { signer, profileArn } = await rendered();
    await expect(simulate({ principal: CI_ROLE, action, resource: resource(profileArn), resourceAccount: account, identityPolicies: [signer] })).resolves.toBe("ImplicitlyDenied");
  });
});

describe("prod verifier role (kyverno-notation-aws): revocation checks and reads of the signed repositories only", () => {
  test.each([
    ["signer:GetRevocationStatus", "*"],
    ["ecr:GetAuthorizationToken", "*"],
    ["ecr:BatchGetImage", repo("payments/api")],
    ["ecr:GetDownloadUrlForLayer", repo("analytics/ingest")],
    ["ecr:ListImages", repo("payments/ledger")],
  ])("allowed: %s on %s", async (action, resource) => {
    const { verifier } = await rendered();
    await expect(simulate({ principal: VERIFIER_ROLE, action, resource, resourceAccount: account, identityPolicies: [verifier] })).resolves.toBe("Allowed");
  });
  test.each([
    ["read a repository that is not signed", "ecr:BatchGetImage", repo("not-a-tenant/repo")],
    ["push images", "ecr:PutImage", repo("payments/api")],
    ["delete images", "ecr:BatchDeleteImage", repo("payments/api")],
    ["sign", "signer:SignPayload", `arn:aws:signer:${region}:${account}:/signing-profiles/hc_prod_images`],
  ])("denied: %s", async (_l, action, resource) => {
    const { verifier } = await rendered();
    await expect(simulate({ principal: VERIFIER_ROLE, action, resource, resourceAccount: account, identityPolicies: [verifier] })).resolves.toBe("ImplicitlyDenied");
  });
});
