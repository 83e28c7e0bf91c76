/**
 * The `secrets` family: SEC-001 (a Pod Identity role reads one tenant's Secrets Manager prefix only) and SEC-002
 * (an AWS-provider SecretProviderClass in a tenant namespace mounts only its tenant's secrets, with Pod Identity).
 * Compliant fixtures are built with the component's own policy and object builders.
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { StackResource } from "../../../policy-pack/core/rule";
import { parseSecretObjects } from "../../../policy-pack/rules/secrets/objects";
// The Pulumi-free modules of components/secrets (its index loads the Pulumi SDK, seconds per mutant run).
import { secretObjectsYaml } from "../../../components/secrets/objects";
import { readerSecretsPolicy, readerTrustPolicy, type TenantSecretsScope } from "../../../components/secrets/policies";
import { resource, violationsOf } from "../../support/rules";
import { sdkProxy } from "../../support/unknowns";
import { tenantNs } from "../k8s/fixtures";
import { mandatory, runCases, type RuleCase } from "./cases";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const SPC = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";
const ACCOUNT = "333333333333";
const scope = (tenant: string): TenantSecretsScope => ({ accountId: ACCOUNT, region: "eu-west-1", clusterName: "hc-prod", prefix: "hc-prod", tenant, namespaces: [tenant], serviceAccount: "secrets-reader" });
const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${name}`;

const podRole = (name: string, extra: Record<string, unknown> = {}) => resource(ROLE, name, { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, assumeRolePolicy: readerTrustPolicy(scope("payments")), ...extra });
const policyOn = (role: StackResource, name: string, statements: object[]) =>
  resource(ROLE_POLICY, name, { role: role.props.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) }, { dependencies: [role.urn], propertyDependencies: { role: [role.urn] } });
const read = (resourceArn: unknown, action: unknown = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]) => ({ Effect: "Allow", Action: action, Resource: resourceArn });

const codebuildTrust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] });

const spc = (namespace: string, parameters: Record<string, unknown>, labels: Record<string, string> = { [LABELS.tenant]: namespace }, provider = "aws") =>
  resource(SPC, `${namespace}-spc`, { metadata: { name: "tenant-secrets", namespace, labels }, spec: { provider, parameters } });
const platformParams = (names: string[]) => ({ region: "eu-west-1", usePodIdentity: "true", objects: secretObjectsYaml(names) });

const sec001: RuleCase[] = [
  (() => {
    const r = podRole("hc-prod-payments-secrets");
    return { title: "SEC-001 ✔ the component's reader: GetSecretValue/DescribeSecret on hc-prod/payments/*", rule: "SEC-001", target: [r, resource(ROLE_POLICY, "read", { role: r.props.name, policy: readerSecretsPolicy(scope("payments")) }, { propertyDependencies: { role: [r.urn] } })], expect: null };
  })(),
  (() => {
    const r = podRole("app");
    return { title: "SEC-001 ✘ pod identity role reading every secret (Resource *)", rule: "SEC-001", target: [r, policyOn(r, "app-read", [read("*")])], expect: mandatory("on *") };
  })(),
  (() => {
    const r = podRole("app");
    return { title: "SEC-001 ✘ wildcard in the tenant segment (hc-prod/*)", rule: "SEC-001", target: [r, policyOn(r, "app-read", [read(ARN("hc-prod/*"))])], expect: mandatory("hc-prod/*") };
  })(),
  (() => {
    const r = podRole("app");
    return { title: "SEC-001 ✘ secretsmanager:* on every secret ARN of the account", rule: "SEC-001", target: [r, policyOn(r, "app-all", [read(ARN("*"), "secretsmanager:*")])], expect: mandatory("secret:*") };
  })(),
  (() => {
    const r = podRole("app");
    return { title: "SEC-001 ✘ one role reading two tenants' prefixes", rule: "SEC-001", target: [r, policyOn(r, "app-two", [read(ARN("hc-prod/payments/*")), read(ARN("hc-prod/identity/*"))])], expect: mandatory("several tenant prefixes") };
  })(),
  (() => {
    const r = podRole("app");
    return { title: "SEC-001 ✘ NotResource", rule: "SEC-001", target: [r, policyOn(r, "app-not", [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: ARN("hc-prod/identity/*") }])], expect: mandatory("NotAction/NotResource") };
  })(),
  (() => {
    const r = podRole("app");
    const a = resource(ATTACH, "app-rw", { role: r.props.name, policyArn: "arn:aws:iam::aws:policy/SecretsManagerReadWrite" }, { propertyDependencies: { role: [r.urn] } });
    return { title: "SEC-001 ✘ the SecretsManagerReadWrite managed policy on a pod identity role", rule: "SEC-001", target: [r, a], expect: mandatory("SecretsManagerReadWrite") };
  })(),
  {
    title: "SEC-001 ✘ the role's own inlinePolicies granting Get* on *",
    rule: "SEC-001",
    target: podRole("inline", { inlinePolicies: [{ name: "x", policy: JSON.stringify({ Statement: [read("*", "secretsmanager:Get*")] }) }] }),
    expect: mandatory("inline.inlinePolicies[0]"),
  },
  (() => {
    const r = resource(ROLE, "deployer", { name: "deployer", assumeRolePolicy: codebuildTrust });
    return { title: "SEC-001 ✔ a CodeBuild role is not a pod identity role (not judged here)", rule: "SEC-001", target: [r, policyOn(r, "deployer-token", [read("*")])], expect: null };
  })(),
  (() => {
    const r = podRole("cw-agent");
    return { title: "SEC-001 ✔ a pod identity role without Secrets Manager reads", rule: "SEC-001", target: [r, policyOn(r, "cw", [{ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "*" }])], expect: null };
  })(),
];

const sec002: RuleCase[] = [
  { title: "SEC-002 ✔ the platform's SecretProviderClass (own prefix, Pod Identity)", rule: "SEC-002", target: [tenantNs("payments"), spc("payments", platformParams(["hc-prod/payments/stripe-api-key", "hc-prod/payments/db"]))], expect: null },
  { title: "SEC-002 ✘ another tenant's secret", rule: "SEC-002", target: [tenantNs("payments"), spc("payments", platformParams(["hc-prod/payments/a", "hc-prod/identity/oidc-signing-key"]))], expect: mandatory("belongs to tenant identity", 1) },
  { title: "SEC-002 ✘ another tenant's secret by full ARN", rule: "SEC-002", target: [tenantNs("payments"), spc("payments", platformParams([ARN("hc-prod/identity/key-AbCdEf")]))], expect: mandatory("hc-prod/identity/key-AbCdEf") },
  { title: "SEC-002 ✘ a secret outside any tenant prefix", rule: "SEC-002", target: [tenantNs("payments"), spc("payments", platformParams(["shared-db-password"]))], expect: mandatory("shared-db-password") },
  { title: "SEC-002 ✘ usePodIdentity not set (IRSA / node role)", rule: "SEC-002", target: [tenantNs("payments"), spc("payments", { objects: secretObjectsYaml(["hc-prod/payments/a"]) })], expect: mandatory("usePodIdentity") },
  {
    title: "SEC-002 ✘ a Parameter Store object",
    rule: "SEC-002",
    target: [tenantNs("payments"), spc("payments", { usePodIdentity: "true", objects: '- objectName: "/hc-prod/payments/x"\n  objectType: "ssmparameter"\n' })],
    expect: mandatory("ssmparameter"),
  },
  {
    title: "SEC-002 ✘ hand-written YAML with jmesPath entries and unquoted names",
    rule: "SEC-002",
    target: [
      tenantNs("payments"),
      spc("payments", { usePodIdentity: "true", objects: "- objectName: hc-prod/payments/db\n  objectType: secretsmanager\n  jmesPath:\n    - path: username\n      objectAlias: user\n- objectName: hc-prod/storefront/session\n  objectType: secretsmanager\n" }),
    ],
    expect: mandatory("belongs to tenant storefront", 1),
  },
  {
    title: "SEC-002 ✘ tenant namespace from config with no tenant label anywhere",
    rule: "SEC-002",
    target: [spc("team-x", platformParams(["hc-prod/team-x/a"]), {})],
    config: { tenantNamespaces: ["team-x"] },
    expect: mandatory("label"),
  },
  { title: "SEC-002 ✔ outside tenant namespaces the rule does not judge", rule: "SEC-002", target: [spc("tools", platformParams(["anything"]), {})], expect: null },
  { title: "SEC-002 ✔ another provider (vault) is not judged", rule: "SEC-002", target: [tenantNs("payments"), spc("payments", { objects: "x" }, { [LABELS.tenant]: "payments" }, "vault")], expect: null },
];

describe("secrets rules", () => {
  runCases([...sec001, ...sec002]);

  test("SEC-002 reads the objects list as the ASCP does: JSON, quoted and unquoted YAML, nested jmesPath items", () => {
    expect(parseSecretObjects(secretObjectsYaml(["a/b/c", "d/e/f"]))).toEqual([
      { objectName: "a/b/c", objectType: "secretsmanager" },
      { objectName: "d/e/f", objectType: "secretsmanager" },
    ]);
    expect(parseSecretObjects('[{"objectName":"x/y/z","objectType":"secretsmanager"}]')).toEqual([{ objectName: "x/y/z", objectType: "secretsmanager" }]);
    expect(parseSecretObjects("  - objectName: 'p/q/r'\n    jmesPath:\n      - path: a\n        objectAlias: b\n  - objectName: s/t/u\n").map((o) => o.objectName)).toEqual(["p/q/r", "s/t/u"]);
  });

  test("SEC-001 at preview: an unknown inlinePolicies output reads as none; an unknown RolePolicy document is 'cannot verify' (advisory)", () => {
    const r = podRole("reader");
    const unknownInline = { ...r, props: sdkProxy.unknownCheckingProxy({ ...r.props, inlinePolicies: sdkProxy.unknownStringValue }) };
    expect(violationsOf("SEC-001", [unknownInline])).toEqual([]);
    const p = policyOn(r, "reader-read", [read("*")]);
    const unknownDoc = { ...p, props: sdkProxy.unknownCheckingProxy({ ...p.props, policy: sdkProxy.unknownStringValue }) };
    const vs = violationsOf("SEC-001", [r, unknownDoc]);
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify");
  });

  test("SEC-001 judges each pod identity role on its own: two readers of two tenants are both fine", () => {
    const a = podRole("a");
    const b = podRole("b");
    const target = [a, policyOn(a, "a-read", [read(ARN("hc-prod/payments/*"))]), b, policyOn(b, "b-read", [read(ARN("hc-prod/identity/*"))])];
    expect(violationsOf("SEC-001", target)).toEqual([]);
  });
});
