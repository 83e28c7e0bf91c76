/**
 * Bad per-tenant secrets config (issue 20 part 3): a secret name outside the tenant's prefix, malformed, or
 * declared while the feature is off, a bad add-on version or prefix, grants in the wrong layout — each is
 * rejected before any resource registers, on one line naming the config path and the fix (exit 2 through the
 * real command). The split layout's in-cluster stack rejects secrets its AWS stack does not grant.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { ConfigError } from "../../infra/config";
import { runInCluster, loadInClusterStackConfig } from "../infra/fixtures";
import { runCli } from "../cli/run-cli";
import { ROOT, stackErrorLine } from "./validate-stack";

type Doc = { config: Record<string, any> };
const DEV = parse(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "utf8")) as Doc;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-bad-secrets-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Write the dev stack with one defect; returns the file. */
function variant(name: string, mutate: (c: Record<string, any>) => void): string {
  const doc = structuredClone(DEV);
  mutate(doc.config);
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

const payments = (c: Record<string, any>) => c["hardened-cluster:tenants"][0];

const CASES: [string, (c: Record<string, any>) => void, string][] = [
  ["secret under another prefix", (c) => (payments(c).secrets.names = ["hc-prod/payments/stripe-api-key"]), "hardened-cluster:tenants[0].secrets.names[0]"],
  ["secret of another tenant", (c) => (payments(c).secrets.names = ["hc-dev/storefront/session-signing-key"]), "hardened-cluster:tenants[0].secrets.names[0]"],
  ["malformed name (space)", (c) => (payments(c).secrets.names = ["hc-dev/payments/db password"]), "hardened-cluster:tenants[0].secrets.names[0]"],
  ["wildcard name", (c) => (payments(c).secrets.names = ["hc-dev/payments/*"]), "hardened-cluster:tenants[0].secrets.names[0]"],
  ["too few segments", (c) => (payments(c).secrets.names = ["hc-dev/payments"]), "hardened-cluster:tenants[0].secrets.names[0]"],
  ["duplicate name", (c) => (payments(c).secrets.names = ["hc-dev/payments/a", "hc-dev/payments/a"]), "hardened-cluster:tenants[0].secrets.names[1]"],
  ["bad service account", (c) => (payments(c).secrets.serviceAccount = "Secrets_Reader"), "hardened-cluster:tenants[0].secrets.serviceAccount"],
  ["secrets declared while the feature is off", (c) => (c["hardened-cluster:secrets"].enabled = false), "hardened-cluster:tenants[0].secrets"],
  ["secrets declared with no secrets block", (c) => delete c["hardened-cluster:secrets"], "hardened-cluster:tenants[0].secrets"],
  ["add-on version not pinned", (c) => (c["hardened-cluster:secrets"].providerAddonVersion = "latest"), "hardened-cluster:secrets.providerAddonVersion"],
  ["prefix with a slash", (c) => (c["hardened-cluster:secrets"].prefix = "hc/dev"), "hardened-cluster:secrets.prefix"],
  ["grants listed in the same-stack layout", (c) => (c["hardened-cluster:secrets"].tenants = [{ name: "payments", namespaces: ["payments-dev"] }]), "hardened-cluster:secrets.tenants"],
  ["unknown key in the tenant option", (c) => (payments(c).secrets.paths = ["x"]), "hardened-cluster:tenants[0].secrets"],
];

describe("bad secrets config of the AWS (platform) stack", () => {
  test("the dev stack itself is valid", () => {
    expect(stackErrorLine(path.join(ROOT, "stacks", "Pulumi.dev.yaml"))).toBeUndefined();
  });

  test.each(CASES)("%s → one line naming the path and the fix", (name, mutate, field) => {
    const line = stackErrorLine(variant(name.replace(/\W+/g, "-"), mutate));
    expect(line).toBeDefined();
    expect(line).not.toContain("\n");
    expect(line).toContain(`${field}:`);
    expect(line).toMatch(/\. Fix: \S/);
    expect(line).not.toMatch(/: Invalid( input)?\. Fix:/);
  });

  test("through the real command: exit 2, one stderr line naming the path, nothing previewed", async () => {
    const file = variant("e2e-outside-prefix", (c) => (payments(c).secrets.names = ["hc-dev/payments/ok", "shared/db-password/x"]));
    const run = await runCli(["preview", "--stack", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("hardened-cluster:tenants[0].secrets.names[1]");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});

describe("bad secrets config of the in-cluster stack (split layout, checked against the AWS stack's tenantSecrets)", () => {
  const prod = loadInClusterStackConfig("prod");
  const withTenants = (mutate: (tenants: any[]) => void) => {
    const tenants = JSON.parse(prod["hardened-cluster:tenants"]);
    mutate(tenants);
    return { ...prod, "hardened-cluster:tenants": JSON.stringify(tenants) };
  };
  const rejected = async (config: Record<string, string>): Promise<string> => {
    try {
      await runInCluster(config, "prod");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("the in-cluster stack accepted the config");
  };

  test("a tenant the AWS stack grants no reader (analytics) declaring secrets", async () => {
    const message = await rejected(withTenants((t) => (t.find((x) => x.name === "analytics").secrets = { names: ["hc-prod/analytics/x"] })));
    expect(message).toContain("hardened-cluster:tenants[3].secrets: the AWS stack organization/hardened-cluster/prod grants tenant analytics no secrets reader role");
    expect(message).toContain("hardened-cluster:secrets.tenants in stacks/Pulumi.prod.yaml");
  });

  test("a secret under the right tenant but another prefix", async () => {
    const message = await rejected(withTenants((t) => (t[0].secrets.names = ["hc-staging/payments/stripe-api-key"])));
    expect(message).toContain("hardened-cluster:tenants[0].secrets.names[0]");
    expect(message).toContain("outside the tenant's prefix hc-prod/payments/");
  });

  test("a ServiceAccount other than the one the associations name", async () => {
    const message = await rejected(withTenants((t) => (t[0].secrets.serviceAccount = "payments-app")));
    expect(message).toContain("hardened-cluster:tenants[0].secrets.serviceAccount");
  });

  test("a namespace the AWS stack did not associate", async () => {
    const message = await rejected(withTenants((t) => t[1].namespaces.push("identity-admin")));
    expect(message).toContain("hardened-cluster:tenants[1].namespaces: namespace(s) identity-admin have no Pod Identity association");
  });
});
