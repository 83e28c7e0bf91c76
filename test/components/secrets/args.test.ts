/**
 * Bad args of the secrets components throw before any child registers, naming the field and the fix; the
 * policy builders produce exactly the tenant-scoped documents the pack and the IAM simulation expect.
 */
import { readerSecretsPolicy, readerTrustPolicy, SecretsStoreDriver, secretObjectsYaml, TenantSecretProviders, TenantSecretsAccess, tenantKeyPolicy } from "../../../components/secrets";

const access = { accountId: "111111111111", region: "eu-west-1", clusterName: "hc-dev", prefix: "hc-dev", tenant: "payments", namespaces: ["payments-dev"] };

describe("TenantSecretsAccess args", () => {
  test.each([
    ["a prefix with a slash", { prefix: "hc/dev" }, "TenantSecretsAccess(x).args.prefix"],
    ["no namespaces", { namespaces: [] }, "TenantSecretsAccess(x).args.namespaces"],
    ["a namespace that is not a DNS label", { namespaces: ["Payments"] }, "TenantSecretsAccess(x).args.namespaces[0]"],
    ["a role name over 64 characters", { clusterName: "c".repeat(39), tenant: "t".repeat(20) }, "IAM allows 64"],
    ["a short deletion window", { deletionWindowInDays: 3 }, "TenantSecretsAccess(x).args.deletionWindowInDays"],
    ["a bad account id", { accountId: "1234" }, "TenantSecretsAccess(x).args.accountId"],
  ])("%s is rejected", (_why, patch, field) => {
    expect(() => new TenantSecretsAccess("x", { ...access, ...patch })).toThrow(field);
  });
});

describe("TenantSecretProviders args", () => {
  const base = { tenant: "payments", namespaces: ["payments-dev"], prefix: "hc-dev", region: "eu-west-1" };
  test.each([
    ["a name under another tenant", ["hc-dev/storefront/key"], "TenantSecretProviders(x).args.secrets.names[0]"],
    ["a name under another prefix", ["hc-prod/payments/key"], "outside the tenant's prefix hc-dev/payments/"],
    ["a malformed name", ["hc-dev/payments/a b"], "TenantSecretProviders(x).args.secrets.names[0]"],
    ["no names", [], "TenantSecretProviders(x).args.secrets.names"],
  ])("%s is rejected", (_why, names, field) => {
    expect(() => new TenantSecretProviders("x", { ...base, secrets: { names } })).toThrow(field);
  });
});

test("SecretsStoreDriver needs a pinned add-on version", () => {
  expect(() => new SecretsStoreDriver("x", { clusterName: "c", addonVersion: "latest" })).toThrow("SecretsStoreDriver(x).args.addonVersion");
});

test("policy builders: the read policy names one prefix, the trust pins source account and session tags, the key names only its reader", () => {
  const scope = { ...access, serviceAccount: "secrets-reader" };
  expect(JSON.parse(readerSecretsPolicy(scope)).Statement).toEqual([
    { Sid: "ReadTenantSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:hc-dev/payments/*" },
  ]);
  const trust = JSON.parse(readerTrustPolicy(scope)).Statement[0];
  expect(trust.Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
  expect(trust.Condition.StringEquals).toEqual({
    "aws:SourceAccount": "111111111111",
    "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:111111111111:cluster/hc-dev",
    "aws:RequestTag/kubernetes-namespace": ["payments-dev"],
    "aws:RequestTag/kubernetes-service-account": "secrets-reader",
  });
  const key = JSON.parse(tenantKeyPolicy({ accountId: "111111111111", region: "eu-west-1", readerRoleArn: "arn:aws:iam::111111111111:role/hc-dev-payments-secrets" }));
  const principals = key.Statement.map((s: { Principal: { AWS: string } }) => s.Principal.AWS);
  expect(principals).toEqual(["arn:aws:iam::111111111111:root", "arn:aws:iam::111111111111:role/hc-dev-payments-secrets", "arn:aws:iam::111111111111:root"]);
  for (const s of key.Statement.slice(1)) expect(s.Condition.StringEquals["kms:ViaService"]).toBe("secretsmanager.eu-west-1.amazonaws.com");
  expect(secretObjectsYaml(["hc-dev/payments/a"])).toBe('- objectName: "hc-dev/payments/a"\n  objectType: "secretsmanager"\n');
});
