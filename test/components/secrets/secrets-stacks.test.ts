/**
 * Per-tenant secrets in the stacks (issue 20 part 3): dev composes everything in one stack; staging/prod split it
 * (reader roles, keys and Pod Identity associations in the AWS stack; the CSI driver add-on, ServiceAccounts and
 * SecretProviderClasses in the in-cluster stack, which reads the AWS stack's `tenantSecrets`). Every stack passes
 * the pack with no mandatory violation and no SEC-* finding at all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { ServiceAccount } from "kubernetes-models/v1";
import type { RecordedResource } from "../../../engine/record";
import { parsePlatformConfig } from "../../../infra/config";
import { parseInClusterConfig } from "../../../infra/in-cluster/config";
import { inClusterPackConfig } from "../../../infra/in-cluster/policy-config";
import { packConfigFor } from "../../../infra/policy-config";
import { secretsStorePolicySpec, SECRETS_STORE_ADDON } from "../../../components/secrets";
import { TENANT_ROLE_RULES } from "../../../policy-pack/baseline/tenancy";
import { dependsOnComponent, IN_CLUSTER_DIR, inClusterRun, judge, loadInClusterStackConfig, stackRun } from "../../infra/fixtures";
import { loadStackConfig, ofType } from "../../infra/stack-config";

const SPC = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";
const ASSOC = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const SA = "kubernetes:core/v1:ServiceAccount";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const ADDON = "aws:eks/addon:Addon";

const addonOf = (resources: RecordedResource[]) => ofType(resources, ADDON).filter((a) => a.inputs.addonName === SECRETS_STORE_ADDON);
const readersOf = (resources: RecordedResource[]) => ofType(resources, "aws:iam/role:Role").filter((r) => r.name.endsWith("-secrets-reader"));

/** The mount objects of one namespace, checked against the API shapes. */
function expectMounts(resources: RecordedResource[], ns: string, tenant: string, names: string[], region: string): void {
  const [sa] = ofType(resources, SA).filter((r) => r.inputs.metadata.namespace === ns);
  expect(sa.inputs).toMatchObject({ metadata: { name: "secrets-reader", labels: { "hardened-cluster.io/tenant": tenant } }, automountServiceAccountToken: false });
  new ServiceAccount(sa.inputs).validate();
  const [spc] = ofType(resources, SPC).filter((r) => r.inputs.metadata.namespace === ns);
  expect(spc.inputs.spec.provider).toBe("aws");
  const params = spc.inputs.spec.parameters as Record<string, unknown>;
  // The CRD's parameters are map[string]string.
  expect(Object.values(params).every((v) => typeof v === "string")).toBe(true);
  expect(params).toMatchObject({ region, usePodIdentity: "true" });
  for (const n of names) expect(params.objects).toContain(`objectName: "${n}"`);
  expect((params.objects as string).match(/objectName/g)).toHaveLength(names.length);
  // The mounts wait for the tenant (its namespace) and the driver.
  const tenantComponent = resources.find((r) => r.type === "hardened-cluster:tenant:Tenant" && r.name === tenant)!;
  expect(dependsOnComponent(resources, spc, tenantComponent)).toBe(true);
}

describe("dev (same-stack layout)", () => {
  const config = parsePlatformConfig(loadStackConfig("dev"));
  let resources: RecordedResource[];
  beforeAll(async () => {
    ({ resources } = await stackRun("dev"));
  });

  test("the CSI driver + AWS provider add-on, pinned, after the strict-mode NetworkPolicy of its pods", () => {
    const [addon] = addonOf(resources);
    expect(addon.inputs).toMatchObject({ addonName: "aws-secrets-store-csi-driver-provider", addonVersion: config.secrets!.providerAddonVersion });
    expect(addon.inputs.serviceAccountRoleArn).toBeUndefined(); // ASCP reads with each pod's own role, never its own
    const [policy] = ofType(resources, NETPOL).filter((p) => p.inputs.metadata.name === "hardened-cluster-secrets-store");
    expect(policy.inputs.metadata.namespace).toBe("kube-system");
    expect(policy.inputs.spec).toEqual(secretsStorePolicySpec());
    new NetworkPolicy(policy.inputs).validate();
    expect(addon.dependencies).toContain(policy.urn);
  });

  test("a reader role, key and one association per namespace for each tenant that declares secrets, none for others", () => {
    const withSecrets = config.tenants.filter((t) => t.secrets);
    expect(withSecrets.map((t) => t.name)).toEqual(["payments", "storefront"]);
    expect(readersOf(resources).map((r) => r.inputs.name).sort()).toEqual(["hc-dev-payments-secrets", "hc-dev-storefront-secrets"]);
    for (const t of withSecrets) {
      const assoc = ofType(resources, ASSOC).filter((a) => a.inputs.tags["hardened-cluster.io/tenant"] === t.name);
      expect(assoc.map((a) => [a.inputs.namespace, a.inputs.serviceAccount])).toEqual(t.namespaces.map((ns) => [ns, "secrets-reader"]));
      const key = ofType(resources, "aws:kms/key:Key").find((k) => k.inputs.tags?.["hardened-cluster.io/tenant"] === t.name)!;
      expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
      const alias = ofType(resources, "aws:kms/alias:Alias").find((a) => a.parent === key.parent)!;
      expect(alias.inputs.name).toBe(`alias/hc-dev/${t.name}-secrets`);
      for (const ns of t.namespaces) expectMounts(resources, ns, t.name, t.secrets!.names, "eu-west-1");
    }
  });

  test("the tenant's RBAC is unchanged: its Roles are the baseline ones, granting nothing on SecretProviderClasses", () => {
    const roles = ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role").filter((r) => r.inputs.metadata.namespace === "payments-dev");
    expect(roles).toHaveLength(3);
    expect(JSON.stringify(roles.map((r) => r.inputs.rules))).not.toContain("secrets-store.csi.x-k8s.io");
    expect(Object.keys(TENANT_ROLE_RULES).sort()).toEqual(["admin", "developer", "viewer"]);
  });

  test("the pack passes the stack: no mandatory violation anywhere, no SEC-* finding", () => {
    const { violations } = judge(resources, packConfigFor(config));
    expect(violations.filter((v) => v.level === "mandatory").map((v) => v.message)).toEqual([]);
    expect(violations.filter((v) => v.rule.startsWith("SEC-")).map((v) => v.message)).toEqual([]);
  });
});

describe.each(["staging", "prod"] as const)("%s (split layout)", (stack) => {
  const config = parsePlatformConfig(loadStackConfig(stack));
  const inCluster = parseInClusterConfig(loadInClusterStackConfig(stack));

  test("AWS stack: readers and associations for secrets.tenants, no Kubernetes object and no add-on (they need pod networking)", async () => {
    const { resources, outputs } = await stackRun(stack);
    expect(readersOf(resources).map((r) => r.inputs.name).sort()).toEqual(config.secrets!.tenants.map((t) => `${config.clusterName}-${t.name}-secrets`).sort());
    // Every association in a tenant namespace is a secrets reader's (platform add-ons have their own in system namespaces).
    const tenantNamespaces = new Set(inCluster.tenants.flatMap((t) => t.namespaces));
    const inTenantNamespaces = ofType(resources, ASSOC).filter((a) => tenantNamespaces.has(a.inputs.namespace));
    expect(inTenantNamespaces.map((a) => `${a.inputs.namespace}/${a.inputs.serviceAccount}`).sort()).toEqual(config.secrets!.tenants.flatMap((t) => t.namespaces.map((ns) => `${ns}/secrets-reader`)).sort());
    // The platform's own controllers (load balancer controller, cluster autoscaler) have associations too; no other
    // association may use a tenant reader's service account, and the tenant-tagged ones are exactly the grants.
    const associations = ofType(resources, ASSOC);
    const tenantAssociations = associations.filter((a) => a.inputs.tags?.["hardened-cluster.io/tenant"] !== undefined);
    expect(tenantAssociations.map((a) => `${a.inputs.namespace}/${a.inputs.serviceAccount}`).sort()).toEqual(config.secrets!.tenants.flatMap((t) => t.namespaces.map((ns) => `${ns}/secrets-reader`)).sort());
    expect(associations.filter((a) => !tenantAssociations.includes(a)).map((a) => a.inputs.serviceAccount)).not.toContain("secrets-reader");
    expect(ofType(resources, SPC)).toHaveLength(0);
    expect(addonOf(resources)).toHaveLength(0);
    const { violations } = judge(resources, packConfigFor(config));
    expect(violations.filter((v) => v.rule.startsWith("SEC-") || v.level === "mandatory").map((v) => v.message)).toEqual([]);
    // The committed StackReference stand-in carries the same literal grant data the AWS program exports.
    const exported = outputs.tenantSecrets as { prefix: string; region: string; addonVersion: string; tenants: Record<string, { namespaces: string[]; serviceAccount: string; roleArn: string }> };
    const ref = inCluster.platformStack.replace(/\//g, "_");
    const committed = JSON.parse(fs.readFileSync(path.join(IN_CLUSTER_DIR, ".hardened-cluster", "stack-outputs", `${ref}.json`), "utf8")).tenantSecrets;
    const literal = (o: typeof exported) => ({ prefix: o.prefix, region: o.region, addonVersion: o.addonVersion, tenants: Object.fromEntries(Object.entries(o.tenants).map(([k, v]) => [k, { namespaces: v.namespaces, serviceAccount: v.serviceAccount, roleArn: v.roleArn }])) });
    expect(literal(committed)).toEqual(literal(exported));
  });

  test("in-cluster stack: the add-on after its NetworkPolicy and the tenants' mounts; only tenants with secrets get them", async () => {
    const { resources } = await inClusterRun(stack);
    const [addon] = addonOf(resources);
    expect(addon.inputs.addonVersion).toBe(config.secrets!.providerAddonVersion);
    for (const t of inCluster.tenants) {
      if (!t.secrets) {
        expect(ofType(resources, SPC).filter((s) => t.namespaces.includes(s.inputs.metadata.namespace))).toHaveLength(0);
        continue;
      }
      for (const ns of t.namespaces) expectMounts(resources, ns, t.name, t.secrets.names, "eu-west-1");
    }
    const { violations } = judge(resources, inClusterPackConfig(packConfigFor(config)));
    expect(violations.filter((v) => v.rule.startsWith("SEC-") || v.level === "mandatory").map((v) => v.message)).toEqual([]);
  });
});
