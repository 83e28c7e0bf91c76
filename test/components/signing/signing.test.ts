import * as fs from "node:fs";
import * as path from "node:path";
import { X509Certificate } from "node:crypto";
import Ajv from "ajv";
import { parse } from "yaml";
import { recordResources, type RecordedResource } from "../../../engine/record";
import { judge } from "../../infra/fixtures";
import { AWS_SIGNER_ROOT_CERT_AWS } from "../../../components/signing/aws-signer-root";
import { ImageSigningProfile, ImageVerification, ImageVerifierRole, signerTrustStoreSpec, trustPolicySpec, verificationPolicySpec } from "../../../components/signing";
import { mergeValues } from "../../../components/signing/verification";
import { KYVERNO, SIGNING_PLATFORM_ID, VERIFIER, VERIFIER_URL, VERIFICATION_POLICY_NAME } from "../../../policy-pack/baseline/signing";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { constructUnderMocks } from "../../support/rejects";
import { VERIFICATION_RELEASES } from "../../../infra/signing";

const PROFILE = "arn:aws:signer:eu-west-1:333333333333:/signing-profiles/hc_prod_images";
const ROLE = "arn:aws:iam::333333333333:role/hc-prod-image-verifier";
const SCOPES = ["333333333333.dkr.ecr.eu-west-1.amazonaws.com/payments/api"];
const ofType = (rs: RecordedResource[], type: string) => rs.filter((r) => r.type === type);

/** The openAPIV3Schema of a vendored CRD (test/components/signing/crds). */
function crdSchema(file: string): Record<string, any> {
  const crd = parse(fs.readFileSync(path.join(__dirname, "crds", file), "utf8"));
  return crd.spec.versions[0].schema.openAPIV3Schema;
}

/** Fields the API server would silently prune (not in a structural schema's properties). */
function prunedFields(value: unknown, schema: Record<string, any>, at = ""): string[] {
  if (schema["x-kubernetes-preserve-unknown-fields"] || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => prunedFields(v, schema.items, `${at}[${i}]`)) : [];
  if (schema.additionalProperties) return Object.entries(value).flatMap(([k, v]) => (typeof schema.additionalProperties === "object" ? prunedFields(v, schema.additionalProperties, `${at}.${k}`) : []));
  if (!schema.properties) return [];
  return Object.entries(value).flatMap(([k, v]) => (k in schema.properties ? prunedFields(v, schema.properties[k], `${at}.${k}`) : [`${at}.${k}`]));
}

function expectValidAgainstCrd(object: Record<string, unknown>, file: string): void {
  const schema = crdSchema(file);
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  expect(validate.errors ?? []).toEqual([]);
  const ok = validate(object);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  expect(prunedFields(object, schema)).toEqual([]);
}

describe("ImageSigningProfile", () => {
  let rs: RecordedResource[];
  beforeAll(async () => {
    rs = await recordResources(() => {
      new ImageSigningProfile("hc-prod-signing", { profileName: "hc_prod_images", signatureValidity: { value: 12, type: "MONTHS" }, tags: { team: "platform" } });
    });
  });

  test("one Notation signing profile with the given name and validity, tagged", () => {
    const [profile] = ofType(rs, "aws:signer/signingProfile:SigningProfile");
    expect(profile.inputs).toMatchObject({ name: "hc_prod_images", platformId: SIGNING_PLATFORM_ID, signatureValidityPeriod: { value: 12, type: "MONTHS" }, tags: { team: "platform", "hardened-cluster.io/component": "signing" } });
  });

  test("a signer policy allowing only signer:SignPayload on that profile", () => {
    const [policy] = ofType(rs, "aws:iam/policy:Policy");
    expect(policy.inputs.name).toBe("hc_prod_images-signer");
    const doc = JSON.parse(policy.inputs.policy);
    const [profile] = ofType(rs, "aws:signer/signingProfile:SigningProfile");
    const arn = profile.outputs.arn as string;
    expect(doc.Statement).toEqual([{ Sid: "SignWithPlatformProfileOnly", Effect: "Allow", Action: ["signer:SignPayload"], Resource: [arn, `${arn}/*`] }]);
  });

  test("children are parented to the component", () => {
    const [component] = ofType(rs, "hardened-cluster:signing:ImageSigningProfile");
    for (const r of rs.filter((x) => x.custom)) expect(r.parent).toBe(component.urn);
  });

  test.each([
    [{ profileName: "hc-prod-images" }, /args\.profileName is "hc-prod-images"\. Fix: use 2-64 letters, digits and _/],
    [{ profileName: "x" }, /args\.profileName is "x"/],
    [{ profileName: "ok_name", signatureValidity: { value: 136, type: "MONTHS" } }, /args\.signatureValidity\.value is 136\. Fix: use a whole number from 1 to 135 MONTHS/],
    [{ profileName: "ok_name", signatureValidity: { value: 1, type: "WEEKS" } }, /args\.signatureValidity\.type is "WEEKS"/],
  ])("bad args %j throw before anything registers", async (args, message) => {
    const { error, registered } = await constructUnderMocks(() => new ImageSigningProfile("p", args as any));
    expect(String(error)).toMatch(message);
    expect(registered).toEqual([]);
  });
});

describe("ImageVerifierRole", () => {
  test("IRSA trust for the verifier's ServiceAccount only, read access to the signed repositories only", async () => {
    const rs = await recordResources(() => {
      new ImageVerifierRole("v", { roleName: "hc-prod-image-verifier", oidcProviderArn: "arn:aws:iam::333333333333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC", oidcProviderUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", repositoryArns: ["arn:aws:ecr:eu-west-1:333333333333:repository/payments/api"] });
    });
    const [role] = ofType(rs, "aws:iam/role:Role");
    const trust = JSON.parse(role.inputs.assumeRolePolicy);
    expect(trust.Statement[0].Condition.StringEquals["oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"]).toBe(`system:serviceaccount:${VERIFIER.namespace}:${VERIFIER.serviceAccount}`);
    const [inline] = ofType(rs, "aws:iam/rolePolicy:RolePolicy");
    const doc = JSON.parse(inline.inputs.policy);
    const read = doc.Statement.find((s: any) => s.Sid === "ReadSignedRepositories");
    expect(read.Resource).toEqual(["arn:aws:ecr:eu-west-1:333333333333:repository/payments/api"]);
    expect(doc.Statement.flatMap((s: any) => s.Action)).not.toContain("signer:SignPayload");
  });
});

describe("ImageVerification", () => {
  let rs: RecordedResource[];
  beforeAll(async () => {
    rs = await recordResources(() => {
      const k8s = require("@pulumi/kubernetes");
      const provider = new k8s.Provider("k", { kubeconfig: "{}" });
      new ImageVerification("prod-image-verification", {
        provider,
        tenantNamespaces: ["payments", "storefront", "payments"],
        profileArns: [PROFILE],
        registryScopes: SCOPES,
        verifierRoleArn: ROLE,
        chartVersions: { kyverno: "3.8.2", notationAws: "1.1.0" },
        nodeSelector: { [LABELS.pool]: "system" },
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }],
      });
    });
  });
  const cr = (kind: string) => rs.filter((r) => r.type.endsWith(`:${kind}`));

  test("pinned Helm releases from the upstream https repositories, with the verifier's IRSA role and system-pool placement", () => {
    const releases = ofType(rs, "kubernetes:helm.sh/v3:Release").sort((a, b) => a.inputs.chart.localeCompare(b.inputs.chart));
    expect(releases.map((r) => [r.inputs.chart, r.inputs.version, r.inputs.repositoryOpts.repo, r.inputs.namespace])).toEqual([
      ["kyverno", "3.8.2", "https://kyverno.github.io/kyverno/", KYVERNO.namespace],
      ["kyverno-notation-aws", "1.1.0", "https://nirmata.github.io/kyverno-notation-aws", VERIFIER.namespace],
    ]);
    const verifier = releases[1];
    expect(verifier.inputs.values.serviceAccount).toEqual({ name: VERIFIER.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": ROLE } });
    expect(verifier.inputs.values.nodeSelector).toEqual({ [LABELS.pool]: "system" });
    expect(releases[0].inputs.values.admissionController.replicas).toBe(3);
    // PSS-X01 allows exactly these names (infra/signing.ts VERIFICATION_RELEASES).
    expect(releases.map((r) => r.inputs.name).sort()).toEqual(VERIFICATION_RELEASES.map((r) => r.name).sort());
  });

  test("one trust policy per tenant namespace, pinning the profile ARN, valid against the upstream TrustPolicy CRD", () => {
    const policies = cr("TrustPolicy");
    expect(policies.map((p) => p.inputs.metadata.name)).toEqual(["tp-payments", "tp-storefront"]);
    for (const p of policies) {
      expect(p.inputs.spec.trustPolicies[0]).toMatchObject({ trustedIdentities: [PROFILE], registryScopes: SCOPES, signatureVerification: { level: "strict" } });
      expectValidAgainstCrd({ apiVersion: p.inputs.apiVersion, kind: p.inputs.kind, metadata: p.inputs.metadata, spec: p.inputs.spec }, "notation.nirmata.io_trustpolicies.yaml");
    }
  });

  test("the trust store holds the AWS Signer root, valid against the upstream TrustStore CRD", () => {
    const [store] = cr("TrustStore");
    expect(store.inputs.spec).toEqual(signerTrustStoreSpec());
    expectValidAgainstCrd({ apiVersion: store.inputs.apiVersion, kind: store.inputs.kind, metadata: store.inputs.metadata, spec: store.inputs.spec }, "notation.nirmata.io_truststores.yaml");
    const cert = new X509Certificate(AWS_SIGNER_ROOT_CERT_AWS);
    expect(cert.subject).toContain("CN=AWS Signer Code Signing Root CA G1");
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2122);
  });

  test("the ClusterPolicy enforces, fails closed, selects tenant namespaces by label and posts to the verifier", () => {
    const [policy] = cr("ClusterPolicy");
    expect(policy.inputs.metadata.name).toBe(VERIFICATION_POLICY_NAME);
    const spec = policy.inputs.spec;
    expect(spec.webhookConfiguration.failurePolicy).toBe("Fail");
    const [rule] = spec.rules;
    expect(rule.validate.failureAction).toBe("Enforce");
    expect(rule.match.any[0].resources.namespaceSelector).toEqual({ matchExpressions: [{ key: LABELS.tenant, operator: "Exists" }] });
    const call = rule.context.find((c: any) => c.name === "response").apiCall;
    expect(call.service.url).toBe(VERIFIER_URL);
    expect(call.data).toContainEqual({ key: "trustPolicy", value: "tp-{{request.namespace}}" });
    expect(spec).toEqual(verificationPolicySpec());
  });

  test("ordering: releases after their namespaces' NetworkPolicies, CRs after the verifier release, the policy last", () => {
    const urn = (pred: (r: RecordedResource) => boolean) => rs.find(pred)!.urn;
    const release = (chart: string) => ofType(rs, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === chart)!;
    const [kyverno, verifier] = [release("kyverno"), release("kyverno-notation-aws")];
    const netpols = ofType(rs, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((n) => n.urn);
    expect([...kyverno.dependencies, ...verifier.dependencies]).toEqual(expect.arrayContaining(netpols));
    for (const p of cr("TrustPolicy")) expect(p.dependencies).toContain(verifier.urn);
    const policy = cr("ClusterPolicy")[0];
    expect(policy.dependencies).toEqual(expect.arrayContaining([kyverno.urn, verifier.urn, urn((r) => r.type.endsWith(":TrustStore")), ...cr("TrustPolicy").map((p) => p.urn)]));
  });

  test("Kyverno may read only the verifier's TLS secret", () => {
    const [role] = ofType(rs, "kubernetes:rbac.authorization.k8s.io/v1:Role");
    expect(role.inputs.rules).toEqual([{ apiGroups: [""], resources: ["secrets"], resourceNames: [`${VERIFIER.serviceName}.${VERIFIER.namespace}.svc.tls-pair`], verbs: ["get"] }]);
    const [binding] = ofType(rs, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding");
    expect(binding.inputs.subjects).toEqual([{ kind: "ServiceAccount", name: KYVERNO.admissionServiceAccount, namespace: KYVERNO.namespace }]);
  });

  test("every object passes the whole pack with the stack's signing config: no mandatory violation; the only advisories are the inherent open peers", () => {
    const { violations } = judge(rs, { requireImageVerification: true, trustedSigningProfileArns: [PROFILE], allowedReleases: [...VERIFICATION_RELEASES], networkPolicyProvider: "vpc-cni" });
    expect(violations.filter((v) => v.level === "mandatory")).toEqual([]);
    // The API server calls Kyverno's webhook from the control plane (no pod peer to name), and both controllers call
    // AWS APIs / the API server on 443 (the pod security group bounds the destinations), as for the add-on agents.
    expect(violations.map((v) => `${v.rule} ${v.message.replace(/^NP-004: /, "")}`).sort()).toEqual([
      "NP-004 spec.egress[1] has no to: it allows every destination (any pod, any namespace, any address) on the listed ports",
      "NP-004 spec.egress[1] has no to: it allows every destination (any pod, any namespace, any address) on the listed ports",
      "NP-004 spec.ingress[0] has no from: it allows every source (any pod, any namespace, any address) on the listed ports",
    ]);
  });

  test("without the releases allowed, PSS-X01 flags both (the pack sees the releases)", () => {
    const { violations } = judge(rs, {});
    expect(violations.filter((v) => v.rule === "PSS-X01")).toHaveLength(2);
  });

  test.each([
    [{ chartVersions: { kyverno: "^3.5", notationAws: "1.1.0" } }, /args\.chartVersions\.kyverno is "\^3\.5"/],
    [{ profileArns: [] }, /args\.profileArns is empty/],
  ])("bad args %j throw before anything registers", async (override, message) => {
    const k8s = require("@pulumi/kubernetes");
    const { error, registered } = await constructUnderMocks(() => {
      const provider = new k8s.Provider("k2", { kubeconfig: "{}" });
      return new ImageVerification("x", { provider, tenantNamespaces: ["a"], profileArns: [PROFILE], verifierRoleArn: ROLE, chartVersions: { kyverno: "3.8.2", notationAws: "1.1.0" }, ...(override as any) });
    });
    expect(String(error)).toMatch(message);
    expect(registered.filter((r) => r.type !== "pulumi:providers:kubernetes")).toEqual([]);
  });
});

test("mergeValues: extra Helm values deep-merge over the platform's (an ECR mirror for the verifier image)", () => {
  const merged = mergeValues({ serviceAccount: { name: "sa", annotations: { a: "1" } }, crds: { install: true } }, { image: { repository: "333333333333.dkr.ecr.eu-west-1.amazonaws.com/ghcr/nirmata/kyverno-notation-aws" }, serviceAccount: { annotations: { b: "2" } } });
  expect(merged).toEqual({ serviceAccount: { name: "sa", annotations: { a: "1", b: "2" } }, crds: { install: true }, image: { repository: "333333333333.dkr.ecr.eu-west-1.amazonaws.com/ghcr/nirmata/kyverno-notation-aws" } });
});

test("trustPolicySpec / verificationPolicySpec are pure data (fresh copies)", () => {
  const a = trustPolicySpec("a", [PROFILE], ["*"]) as any;
  a.trustPolicies[0].trustedIdentities.push("x");
  expect((trustPolicySpec("a", [PROFILE], ["*"]) as any).trustPolicies[0].trustedIdentities).toEqual([PROFILE]);
  expect(verificationPolicySpec()).toEqual(verificationPolicySpec());
});
