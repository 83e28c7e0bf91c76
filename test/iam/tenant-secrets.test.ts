/**
 * Issue 20 part 3: per-tenant secrets, simulated with @cloud-copilot/iam-simulate on the policies the prod stack
 * renders (components/secrets): a tenant's reader role reads its own `<prefix>/<tenant>/*` secrets and decrypts
 * them with its own key through Secrets Manager, and nothing of another tenant; only EKS Pod Identity may assume
 * it, for this account, this cluster and the tenant's namespaces and ServiceAccount.
 */
import type { RecordedResource } from "../../engine/record";
import { stackRun } from "../infra/fixtures";
import { loadStackConfig, ofType } from "../infra/stack-config";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

const config = loadStackConfig("prod");
const ACCOUNT = config["hardened-cluster:accountId"];
const REGION = config["aws:region"];
const CLUSTER = config["hardened-cluster:clusterName"];
const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`;
const VIA_SECRETS_MANAGER = { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT };
const secretArn = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;
const keyArnOf = (tenant: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${tenant}-0000-0000-0000-000000000000`;

interface Reader {
  roleArn: string;
  trust: PolicyDocument;
  identity: PolicyDocument[];
  keyPolicy: PolicyDocument;
}

let readers: Record<string, Reader>;

beforeAll(async () => {
  const { resources } = await stackRun("prod");
  const byTenant = (r: RecordedResource) => (r.inputs.tags as Record<string, string> | undefined)?.["hardened-cluster.io/tenant"];
  readers = {};
  for (const role of ofType(resources, "aws:iam/role:Role").filter((r) => r.name.endsWith("-secrets-reader"))) {
    const tenant = byTenant(role)!;
    const identity = ofType(resources, "aws:iam/rolePolicy:RolePolicy")
      .filter((p) => p.parent === role.parent)
      .map((p) => JSON.parse(p.inputs.policy) as PolicyDocument);
    const key = ofType(resources, "aws:kms/key:Key").find((k) => k.parent === role.parent)!;
    readers[tenant] = { roleArn: `arn:aws:iam::${ACCOUNT}:role/${role.inputs.name}`, trust: JSON.parse(role.inputs.assumeRolePolicy), identity, keyPolicy: JSON.parse(key.inputs.policy) };
  }
});

test("prod grants a reader to payments, identity and storefront (the secrets.tenants of stacks/Pulumi.prod.yaml)", () => {
  expect(Object.keys(readers).sort()).toEqual(["identity", "payments", "storefront"]);
  expect(readers.payments.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${CLUSTER}-payments-secrets`);
});

describe("secret reads (identity policy; secrets carry no resource policy)", () => {
  const read = (tenant: string, action: string, secret: string) =>
    simulate({ principal: readers[tenant].roleArn, action, resource: secretArn(secret), resourceAccount: ACCOUNT, identityPolicies: readers[tenant].identity });
  test.each([
    ["payments reads its own secret", "payments", "secretsmanager:GetSecretValue", `${CLUSTER}/payments/stripe-api-key`, "Allowed"],
    ["payments describes its own secret", "payments", "secretsmanager:DescribeSecret", `${CLUSTER}/payments/ledger-db-credentials`, "Allowed"],
    ["payments reads a nested name under its prefix", "payments", "secretsmanager:GetSecretValue", `${CLUSTER}/payments/ledger/db`, "Allowed"],
    ["payments reads identity's secret", "payments", "secretsmanager:GetSecretValue", `${CLUSTER}/identity/oidc-signing-key`, "ImplicitlyDenied"],
    ["identity reads payments' secret", "identity", "secretsmanager:GetSecretValue", `${CLUSTER}/payments/stripe-api-key`, "ImplicitlyDenied"],
    ["payments reads a same-named tenant of another prefix (staging)", "payments", "secretsmanager:GetSecretValue", "hc-staging/payments/payments-api-key", "ImplicitlyDenied"],
    ["payments reads a name that only starts like its tenant", "payments", "secretsmanager:GetSecretValue", `${CLUSTER}/payments-ledger/x`, "ImplicitlyDenied"],
    ["payments reads an unprefixed secret of the account", "payments", "secretsmanager:GetSecretValue", "hardened-cluster/pulumi-access-token", "ImplicitlyDenied"],
    ["payments writes its own secret", "payments", "secretsmanager:PutSecretValue", `${CLUSTER}/payments/stripe-api-key`, "ImplicitlyDenied"],
    ["payments lists secrets", "payments", "secretsmanager:ListSecrets", "*", "ImplicitlyDenied"],
  ])("%s", async (_why, tenant, action, secret, expected) => {
    const resource = secret === "*" ? "*" : secretArn(secret);
    const decision = await simulate({ principal: readers[tenant].roleArn, action, resource, resourceAccount: ACCOUNT, identityPolicies: readers[tenant].identity });
    expect(decision).toBe(expected);
  });
  test("the reader's identity policies grant no KMS action at all (decrypt comes from its own key's policy only)", async () => {
    await expect(read("payments", "secretsmanager:GetSecretValue", `${CLUSTER}/payments/a`)).resolves.toBe("Allowed");
    expect(JSON.stringify(readers.payments.identity)).not.toContain("kms:");
  });
});

describe("decrypt with the tenant keys (key policy as resource policy, reader identity policies)", () => {
  const decrypt = (tenant: string, keyOf: string, context: Record<string, string>) =>
    simulate({ principal: readers[tenant].roleArn, action: "kms:Decrypt", resource: keyArnOf(keyOf), resourceAccount: ACCOUNT, resourcePolicy: readers[keyOf].keyPolicy, identityPolicies: readers[tenant].identity, context });
  test("payments decrypts with its own key through Secrets Manager", async () => {
    await expect(decrypt("payments", "payments", VIA_SECRETS_MANAGER)).resolves.toBe("Allowed");
  });
  test("payments cannot decrypt with identity's key, even through Secrets Manager", async () => {
    await expect(decrypt("payments", "identity", VIA_SECRETS_MANAGER)).resolves.not.toBe("Allowed");
  });
  test("storefront cannot decrypt with payments' key", async () => {
    await expect(decrypt("storefront", "payments", VIA_SECRETS_MANAGER)).resolves.not.toBe("Allowed");
  });
  test("payments cannot call kms:Decrypt on its key directly (not through Secrets Manager)", async () => {
    await expect(decrypt("payments", "payments", { "kms:CallerAccount": ACCOUNT })).resolves.not.toBe("Allowed");
  });
  test("payments cannot encrypt or re-key with its own key", async () => {
    for (const action of ["kms:Encrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:PutKeyPolicy"]) {
      const decision = await simulate({ principal: readers.payments.roleArn, action, resource: keyArnOf("payments"), resourceAccount: ACCOUNT, resourcePolicy: readers.payments.keyPolicy, identityPolicies: readers.payments.identity, context: VIA_SECRETS_MANAGER });
      expect([action, decision]).toEqual([action, "ImplicitlyDenied"]);
    }
  });
});

describe("trust: only EKS Pod Identity, for this account, cluster, tenant namespaces and ServiceAccount", () => {
  const podContext = (ns: string, sa = "secrets-reader", extra: Record<string, string> = {}) => ({
    "aws:SourceAccount": ACCOUNT,
    "aws:RequestTag/eks-cluster-arn": CLUSTER_ARN,
    "aws:RequestTag/kubernetes-namespace": ns,
    "aws:RequestTag/kubernetes-service-account": sa,
    ...extra,
  });
  const assume = (principal: string, action: string, context: Record<string, string>, tenant = "payments") =>
    simulate({ principal, action, resource: readers[tenant].roleArn, resourceAccount: ACCOUNT, resourcePolicy: readers[tenant].trust, context });
  test.each([
    ["Pod Identity assumes it for payments/secrets-reader", "pods.eks.amazonaws.com", "sts:AssumeRole", podContext("payments"), "Allowed"],
    ["Pod Identity tags the session", "pods.eks.amazonaws.com", "sts:TagSession", podContext("payments"), "Allowed"],
    ["Pod Identity assumes it in the tenant's second namespace", "pods.eks.amazonaws.com", "sts:AssumeRole", podContext("payments-ledger"), "Allowed"],
    ["another tenant's namespace (identity)", "pods.eks.amazonaws.com", "sts:AssumeRole", podContext("identity"), "denied"],
    ["another ServiceAccount in the tenant's namespace", "pods.eks.amazonaws.com", "sts:AssumeRole", podContext("payments", "default"), "denied"],
    ["another cluster of the account", "pods.eks.amazonaws.com", "sts:AssumeRole", podContext("payments", "secrets-reader", { "aws:RequestTag/eks-cluster-arn": `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/hc-staging` }), "denied"],
    ["another account's cluster", "pods.eks.amazonaws.com", "sts:AssumeRole", podContext("payments", "secrets-reader", { "aws:SourceAccount": "999999999999" }), "denied"],
    ["missing aws:SourceAccount", "pods.eks.amazonaws.com", "sts:AssumeRole", (({ "aws:SourceAccount": _drop, ...rest }) => rest)(podContext("payments")), "denied"],
    ["missing session tags (no cluster, namespace, ServiceAccount)", "pods.eks.amazonaws.com", "sts:AssumeRole", { "aws:SourceAccount": ACCOUNT }, "denied"],
    ["wrong service principal (EKS itself)", "eks.amazonaws.com", "sts:AssumeRole", podContext("payments"), "denied"],
    ["wrong service principal (EC2)", "ec2.amazonaws.com", "sts:AssumeRole", podContext("payments"), "denied"],
    ["IRSA-style web identity", "pods.eks.amazonaws.com", "sts:AssumeRoleWithWebIdentity", podContext("payments"), "denied"],
  ])("%s", async (_why, principal, action, context, expected) => {
    const decision = await assume(principal, action, context as Record<string, string>);
    expect(expected === "denied" ? decision !== "Allowed" : decision).toBe(expected === "denied" ? true : expected);
  });
});
