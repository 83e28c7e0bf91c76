import { LABELS } from "../../../policy-pack/baseline/labels";
import { CLUSTER_POLICY_TYPE, TRUST_POLICY_TYPE, VERIFICATION_POLICY_NAME } from "../../../policy-pack/baseline/signing";
import { trustPolicySpec, verificationPolicySpec } from "../../../components/signing/objects";
import { resource, violationsOf } from "../../support/rules";
import { deployment, expectViolations, inNs, T, tenantNs } from "./fixtures";

const ECR = "333333333333.dkr.ecr.eu-west-1.amazonaws.com";
const PROFILE = "arn:aws:signer:eu-west-1:333333333333:/signing-profiles/hc_prod_images";
const REQUIRED = { requireImageVerification: true };

const policy = (spec: Record<string, unknown> = verificationPolicySpec()) => resource(CLUSTER_POLICY_TYPE, VERIFICATION_POLICY_NAME, { apiVersion: "kyverno.io/v1", kind: "ClusterPolicy", metadata: { name: VERIFICATION_POLICY_NAME }, spec });
const trustPolicy = (spec: Record<string, unknown>) => resource(TRUST_POLICY_TYPE, "tp-team-a", { apiVersion: "notation.nirmata.io/v1alpha1", kind: "TrustPolicy", metadata: { name: "tp-team-a" }, spec });
const app = (ns: string) => deployment("api", ns, { containers: [{ name: "api", image: `${ECR}/team-a/api:1.0.0` }] });
const clone = <T>(x: T): any => JSON.parse(JSON.stringify(x));
/** The platform's trust policy of team-a at another verification level. */
const withLevel = (level: string) => {
  const spec = clone(trustPolicySpec("team-a", [PROFILE], ["*"]));
  spec.trustPolicies[0].signatureVerification.level = level;
  return spec;
};
/** The platform's policy with one change applied. */
const edited = (edit: (spec: any) => void) => {
  const spec = clone(verificationPolicySpec());
  edit(spec);
  return policy(spec);
};

describe("IMG-004 tenant-images-verified", () => {
  it.each([
    ["no verification policy in the stack", [tenantNs("team-a"), app("team-a")], REQUIRED],
    ["the policy only audits", [tenantNs("team-a"), app("team-a"), edited((s) => { s.validationFailureAction = "Audit"; delete s.rules[0].validate.failureAction; })], REQUIRED],
    ["the policy fails open", [tenantNs("team-a"), app("team-a"), edited((s) => { s.webhookConfiguration.failurePolicy = "Ignore"; })], REQUIRED],
    ["the policy selects other namespaces", [tenantNs("team-a"), app("team-a"), edited((s) => { s.rules[0].match.any[0].resources = { kinds: ["Pod"], namespaces: ["team-b"] }; })], REQUIRED],
    ["the policy excludes the namespace", [tenantNs("team-a"), app("team-a"), edited((s) => { s.rules[0].exclude = { any: [{ resources: { kinds: ["Pod"], namespaces: ["team-a"] } }] }; })], REQUIRED],
    ["the policy does not verify images (no checkimages call, no verifyImages)", [tenantNs("team-a"), app("team-a"), edited((s) => { s.rules[0].context = []; })], REQUIRED],
    ["a tenant owned by another stack (config tenantNamespaces) without a covering policy", [app("team-x")], { ...REQUIRED, tenantNamespaces: ["team-x"] }],
  ])("flags a tenant workload when %s", (_l, rs, config) => expectViolations(violationsOf("IMG-004", rs as any, config), "IMG-004", "mandatory", /tenant namespace "team-[ax]"/));

  it.each([
    ["the platform's ClusterPolicy selects tenant namespaces by label", [tenantNs("team-a"), app("team-a"), policy()], REQUIRED],
    ["a config-only tenant carries the tenant label the policy selects", [app("team-x"), policy()], { ...REQUIRED, tenantNamespaces: ["team-x"] }],
    ["the namespace is verified by another stack", [tenantNs("team-a"), app("team-a")], { ...REQUIRED, verifiedNamespaces: ["team-a"] }],
    ["the deprecated spec-level validationFailureAction Enforce", [tenantNs("team-a"), app("team-a"), edited((s) => { s.validationFailureAction = "Enforce"; delete s.rules[0].validate.failureAction; })], REQUIRED],
    ["Kyverno verifyImages (Notary attestor) enforcing", [tenantNs("team-a"), app("team-a"), edited((s) => { s.rules[0] = { name: "notary", match: s.rules[0].match, verifyImages: [{ type: "Notary", failureAction: "Enforce", imageReferences: ["*"], attestors: [] }] }; })], REQUIRED],
    ["a workload outside tenant namespaces", [resource(T.namespace, "tools", { metadata: { name: "tools" } }), app("tools")], REQUIRED],
    ["verification not required for the stack (dev)", [tenantNs("team-a"), app("team-a")], {}],
  ])("passes when %s", (_l, rs, config) => expect(violationsOf("IMG-004", rs as any, config)).toEqual([]));

  it("matches namespaceSelector matchLabels against the namespace's labels", () => {
    const byLabel = edited((s) => { s.rules[0].match.any[0].resources.namespaceSelector = { matchLabels: { [LABELS.tier]: "sensitive" } }; });
    expect(violationsOf("IMG-004", [tenantNs("pay", "sensitive"), app("pay"), byLabel], REQUIRED)).toEqual([]);
    expectViolations(violationsOf("IMG-004", [tenantNs("web", "standard"), app("web"), byLabel], REQUIRED), "IMG-004", "mandatory", '"web"');
  });

  it("flags each unverified workload once, naming it", () => {
    const v = violationsOf("IMG-004", [tenantNs("team-a"), app("team-a"), inNs(T.pod, "debug", "team-a", { spec: { containers: [{ name: "c", image: `${ECR}/x:1` }] } })], REQUIRED);
    expect(v.map((x) => x.message.match(/(Deployment|Pod) "(\w+)"/)?.[0])).toEqual(['Deployment "api"', 'Pod "debug"']);
  });
});

describe("IMG-005 verification-pins-signing-profile", () => {
  it.each([
    ["an auditing ClusterPolicy", edited((s) => { s.validationFailureAction = "Audit"; s.rules[0].validate.failureAction = "Audit"; }), /only audits/],
    ["a fail-open ClusterPolicy", edited((s) => { s.webhookConfiguration.failurePolicy = "Ignore"; }), /failurePolicy\) is "Ignore"/],
    ["a fail-open ClusterPolicy (deprecated spec.failurePolicy)", edited((s) => { delete s.webhookConfiguration; s.failurePolicy = "Ignore"; }), /failurePolicy\) is "Ignore"/],
    ["a trust policy at audit level", trustPolicy(withLevel("audit")), /level is "audit"/],
    ["a trust policy trusting any identity", trustPolicy(clone(trustPolicySpec("team-a", ["*"], ["*"]))), /trustedIdentities\[0\] "\*" is not a signing profile ARN/],
    ["a trust policy trusting an x509 subject", trustPolicy(clone(trustPolicySpec("team-a", ["x509.subject: CN=anyone"], ["*"]))), /not a signing profile ARN/],
    ["a trust policy without identities", trustPolicy(clone(trustPolicySpec("team-a", [], ["*"]))), /trustedIdentities is empty/],
  ])("flags %s", (_l, r, message) => expectViolations(violationsOf("IMG-005", r), "IMG-005", "mandatory", message));

  it("flags a profile outside trustedSigningProfileArns", () => {
    const other = "arn:aws:signer:eu-west-1:999999999999:/signing-profiles/someone_else";
    expectViolations(violationsOf("IMG-005", trustPolicy(clone(trustPolicySpec("team-a", [other], ["*"]))), { trustedSigningProfileArns: [PROFILE] }), "IMG-005", "mandatory", /not in trustedSigningProfileArns/);
  });

  it.each([
    ["the platform's ClusterPolicy", policy()],
    ["the platform's trust policy", trustPolicy(clone(trustPolicySpec("team-a", [PROFILE], [`${ECR}/team-a/api`])))],
    ["a ClusterPolicy that verifies nothing (not a verification policy)", policy({ validationFailureAction: "Audit", rules: [{ name: "labels", match: { any: [{ resources: { kinds: ["Pod"] } }] }, validate: { pattern: { metadata: { labels: { app: "?*" } } } } }] })],
  ])("passes %s", (_l, r) => expect(violationsOf("IMG-005", r, { trustedSigningProfileArns: [PROFILE] })).toEqual([]));
});

describe("IMG-006 signing-profile-valid", () => {
  const profile = (inputs: Record<string, unknown>) => resource("aws:signer/signingProfile:SigningProfile", "hc-prod-signing", inputs);
  it.each([
    ["a hyphen in the name", { name: "hc-prod-images", platformId: "Notation-OCI-SHA384-ECDSA" }, /name "hc-prod-images"/],
    ["a 65-character name", { name: "a".repeat(65), platformId: "Notation-OCI-SHA384-ECDSA" }, /name "a{65}"/],
    ["a one-character name", { name: "a", platformId: "Notation-OCI-SHA384-ECDSA" }, /name "a"/],
    ["no name (the auto-name appends -xxxxxxx)", { platformId: "Notation-OCI-SHA384-ECDSA" }, /auto-name/],
    ["an unknown platform", { name: "hc_prod_images", platformId: "Notary-v2-OCI-SHA384-ECDSA" }, /platformId "Notary-v2-OCI-SHA384-ECDSA"/],
  ])("flags %s", (_l, inputs, message) => expectViolations(violationsOf("IMG-006", profile(inputs)), "IMG-006", "mandatory", message));
  it.each([
    ["the platform's profile", { name: "hc_prod_images", platformId: "Notation-OCI-SHA384-ECDSA" }],
    ["a 64-character name", { name: "a".repeat(64), platformId: "Notation-OCI-SHA384-ECDSA" }],
  ])("passes %s", (_l, inputs) => expect(violationsOf("IMG-006", profile(inputs))).toEqual([]));
});
