import * as fs from "fs";
import * as path from "path";
import { parsePlatformConfig } from "../../infra/config";
import { parseInClusterConfig } from "../../infra/in-cluster/config";
import { packConfigFor } from "../../infra/policy-config";
import { signingOutputsFor } from "../../infra/signing";
import { DEPLOYER_GROUP } from "../../components/deployer/rbac";
import { VERIFICATION_DEPLOYER_ROLE } from "../../components/signing/deployer-grants";
import { CLUSTER_POLICY_TYPE, TRUST_POLICY_TYPE, trustPolicyName } from "../../policy-pack/baseline/signing";
import { dependsOnComponent, IN_CLUSTER_DIR, inClusterRun, judge, loadInClusterStackConfig, stackRun } from "./fixtures";
import { loadStackConfig, ofType } from "./stack-config";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const PROFILE = "aws:signer/signingProfile:SigningProfile";
const withSigning = (edit: (signing: Record<string, any>) => void, stack = "prod"): Record<string, string> => {
  const raw = loadStackConfig(stack);
  const signing = JSON.parse(raw["hardened-cluster:signing"]);
  edit(signing);
  return { ...raw, "hardened-cluster:signing": JSON.stringify(signing) };
};

describe.each(["dev", "staging", "prod"] as const)("%s AWS stack: a signing profile per environment", (stack) => {
  test("one Notation profile named <cluster>_images, a signer policy, and the verifier role only where verification is on", async () => {
    const config = parsePlatformConfig(loadStackConfig(stack));
    const { resources } = await stackRun(stack);
    const profiles = ofType(resources, PROFILE);
    expect(profiles.map((p) => p.inputs.name)).toEqual([`${config.clusterName.replace(/-/g, "_")}_images`]);
    expect(profiles[0].inputs.platformId).toBe("Notation-OCI-SHA384-ECDSA");
    expect(ofType(resources, "aws:iam/policy:Policy").filter((p) => p.inputs.name.endsWith("_images-signer"))).toHaveLength(1);
    const verifierRoles = ofType(resources, "aws:iam/role:Role").filter((r) => r.inputs.name === `${config.clusterName}-image-verifier`);
    expect(verifierRoles).toHaveLength(stack === "dev" ? 0 : 1);
    // A private-only VPC (prod) gets the Signer endpoint the verifier's revocation checks need.
    const signerEndpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.serviceName === "com.amazonaws.eu-west-1.signer");
    expect(signerEndpoints).toHaveLength(config.network.privateOnly && stack !== "dev" ? 1 : 0);
    if (signerEndpoints.length > 0) expect(signerEndpoints[0].inputs).toMatchObject({ vpcEndpointType: "Interface", privateDnsEnabled: true });
  });

  test("the pack config requires verification exactly where it is installed, trusting the stack's profile", () => {
    const raw = loadStackConfig(stack);
    const config = parsePlatformConfig(raw);
    const pack = packConfigFor(config);
    const outputs = signingOutputsFor(config, raw["aws:region"]);
    if (stack === "dev") {
      expect(pack.requireImageVerification).toBeUndefined();
      expect(outputs.verification.enabled).toBe(false);
    } else {
      expect(pack.requireImageVerification).toBe(true);
      expect(pack.trustedSigningProfileArns).toEqual([outputs.profileArn]);
      expect(outputs.profileArn).toBe(`arn:aws:signer:eu-west-1:${config.accountId}:/signing-profiles/${config.clusterName.replace(/-/g, "_")}_images`);
      expect(pack.allowedReleases?.map((r) => r.name)).toEqual(["kyverno", "kyverno-notation-aws"]);
    }
  });

  test("the generated per-stack policy config says whether verification is required", () => {
    const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "stacks", `policy-config.${stack}.json`), "utf8"));
    expect(file["tenant-images-verified"]?.requireImageVerification ?? false).toBe(stack !== "dev");
  });
});

test("dev: the same-stack in-cluster layer installs no verifier (no Helm release, so npm start stays exit 0)", async () => {
  const { resources } = await stackRun("dev");
  expect(ofType(resources, RELEASE)).toEqual([]);
  expect(ofType(resources, CLUSTER_POLICY_TYPE)).toEqual([]);
});

describe.each(["staging", "prod"] as const)("%s in-cluster stack: verification of tenant images", (stack) => {
  test("Kyverno and the verifier, one trust policy per tenant namespace pinning the AWS stack's profile, and the enforcing ClusterPolicy", async () => {
    const { resources } = await inClusterRun(stack);
    const tenants = parseInClusterConfig(loadInClusterStackConfig(stack)).tenants;
    const committed = JSON.parse(fs.readFileSync(path.join(IN_CLUSTER_DIR, ".hardened-cluster", "stack-outputs", fs.readdirSync(path.join(IN_CLUSTER_DIR, ".hardened-cluster", "stack-outputs")).find((f) => f.endsWith(`_${stack}.json`))!), "utf8"));
    expect(ofType(resources, RELEASE).map((r) => r.inputs.chart).sort()).toEqual(["kyverno", "kyverno-notation-aws"]);
    const trust = ofType(resources, TRUST_POLICY_TYPE);
    expect(trust.map((t) => t.inputs.metadata.name).sort()).toEqual(tenants.flatMap((t) => t.namespaces).map(trustPolicyName).sort());
    for (const t of trust) expect(t.inputs.spec.trustPolicies[0].trustedIdentities).toEqual([committed.signing.profileArn]);
    const [policy] = ofType(resources, CLUSTER_POLICY_TYPE);
    expect(policy.inputs.spec.rules[0].validate.failureAction).toBe("Enforce");
    // Tenants are created after verification, so no tenant pod starts unverified.
    const verification = resources.find((r) => r.type === "hardened-cluster:signing:ImageVerification")!;
    const tenantComponents = ofType(resources, "hardened-cluster:tenant:Tenant");
    expect(tenantComponents.length).toBeGreaterThan(0);
    for (const t of tenantComponents) expect(dependsOnComponent(resources, t, verification)).toBe(true);
  });

  test("the deployer may keep the layer up to date: the custom resources cluster-wide, admin only in the two controller namespaces", async () => {
    const { resources } = await inClusterRun(stack);
    const role = ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").find((r) => r.inputs.metadata.name === VERIFICATION_DEPLOYER_ROLE)!;
    const granted = new Set((role.inputs.rules as { resources: string[] }[]).flatMap((r) => r.resources));
    expect([...granted].sort()).toEqual(["clusterpolicies", "trustpolicies", "truststores"]);
    for (const kind of ["ClusterPolicy", "TrustPolicy", "TrustStore"]) expect(resources.filter((r) => r.type.endsWith(`:${kind}`)).length).toBeGreaterThan(0);
    const adminBindings = ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").filter((b) => b.inputs.roleRef.name === "admin");
    expect(adminBindings.map((b) => b.inputs.metadata.namespace).sort()).toEqual(["kyverno", "kyverno-notation-aws"]);
    for (const b of [...adminBindings, ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").find((x) => x.inputs.metadata.name === VERIFICATION_DEPLOYER_ROLE)!]) {
      expect(b.inputs.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: DEPLOYER_GROUP }]);
    }
    // Every Release lives in one of those namespaces (its state Secrets and namespaced objects).
    for (const r of ofType(resources, RELEASE)) expect(["kyverno", "kyverno-notation-aws"]).toContain(r.inputs.namespace);
  });

  test("the committed StackReference stand-in carries the AWS stack's signing output", async () => {
    const raw = loadStackConfig(stack);
    const committed = JSON.parse(fs.readFileSync(path.join(IN_CLUSTER_DIR, ".hardened-cluster", "stack-outputs", fs.readdirSync(path.join(IN_CLUSTER_DIR, ".hardened-cluster", "stack-outputs")).find((f) => f.endsWith(`_${stack}.json`))!), "utf8"));
    const { signerPolicyArn, ...literal } = committed.signing;
    expect(literal).toEqual(JSON.parse(JSON.stringify(signingOutputsFor(parsePlatformConfig(raw), raw["aws:region"]))));
    expect(signerPolicyArn).toMatch(/^arn:aws:iam::\d{12}:policy\//);
  });

  test("a tenant workload the team adds is judged by IMG-004 against the stack's policy (covered) and without it (flagged)", async () => {
    const { resources } = await inClusterRun(stack);
    const config = { ...packConfigFor(parsePlatformConfig(loadStackConfig(stack))), networkPolicyProvider: "vpc-cni" };
    const ns = parseInClusterConfig(loadInClusterStackConfig(stack)).tenants[0].namespaces[0];
    const app = { ...resources[0], type: "kubernetes:apps/v1:Deployment", name: "app", urn: "urn:pulumi:t::p::kubernetes:apps/v1:Deployment::app", custom: true, parent: null, dependencies: [], propertyDependencies: {}, inputs: { metadata: { name: "app", namespace: ns }, spec: { template: { spec: { containers: [{ name: "c", image: "x" }] } } } } };
    app.outputs = app.inputs;
    const img004 = (rs: typeof resources) => judge(rs, config).violations.filter((v) => v.rule === "IMG-004");
    expect(img004([...resources, app])).toEqual([]);
    expect(img004([...resources.filter((r) => r.type !== CLUSTER_POLICY_TYPE), app]).map((v) => v.urn)).toEqual([app.urn]);
  });
});

describe("signing config errors name the key", () => {
  test.each([
    ["prod cannot turn verification off", withSigning((s) => { s.verification = { enabled: false, justification: "we would rather not verify anything here" }; }), "hardened-cluster:signing.verification.enabled"],
    ["validity beyond 135 months", withSigning((s) => { s.signatureValidity = { value: 12, type: "YEARS" }; }), "hardened-cluster:signing.signatureValidity.value"],
    ["a chart version range", withSigning((s) => { s.verification.kyvernoChartVersion = "^3.5"; }), "hardened-cluster:signing.verification.kyvernoChartVersion"],
    ["an unknown key", withSigning((s) => { s.profile = "x"; }), "hardened-cluster:signing"],
  ])("%s", (_l, raw, key) => {
    expect(() => parsePlatformConfig(raw)).toThrow(key);
  });

  test("verification without the webhook port open names addonPorts", () => {
    const raw = withSigning(() => undefined);
    const ports = JSON.parse(raw["hardened-cluster:addonPorts"]).filter((a: { port: number }) => a.port !== 9443);
    expect(() => parsePlatformConfig({ ...raw, "hardened-cluster:addonPorts": JSON.stringify(ports) })).toThrow(/hardened-cluster:addonPorts: has no enabled tcp 9443 entry/);
  });

  test("signing without a registry", () => {
    const raw = { ...withSigning(() => undefined) };
    delete raw["hardened-cluster:registry"];
    expect(() => parsePlatformConfig(raw)).toThrow(/hardened-cluster:signing: signs the registry's repositories, but hardened-cluster:registry is not configured/);
  });
});
