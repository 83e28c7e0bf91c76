import { ConfigError, parsePlatformConfig } from "../../infra/config";
import { parseInClusterConfig } from "../../infra/in-cluster/config";
import { loadInClusterStackConfig } from "./fixtures";
import { loadStackConfig, runPlatform } from "./stack-config";

/** The dev stack's config with one key replaced (value as Pulumi text). */
function devWith(patch: Record<string, unknown>, drop: string[] = []): Record<string, string> {
  const base = loadStackConfig("dev");
  for (const k of drop) delete base[k];
  for (const [k, v] of Object.entries(patch)) base[k] = typeof v === "string" ? v : JSON.stringify(v);
  return base;
}

const dev = () => JSON.parse(loadStackConfig("dev")["hardened-cluster:nodePools"]);
const network = () => JSON.parse(loadStackConfig("dev")["hardened-cluster:network"]);
const tenants = () => JSON.parse(loadStackConfig("dev")["hardened-cluster:tenants"]);
const detection = () => JSON.parse(loadStackConfig("dev")["hardened-cluster:detection"]);
const registry = () => JSON.parse(loadStackConfig("dev")["hardened-cluster:registry"]);

describe("stack configuration is rejected with the field named, before any resource is registered", () => {
  test.each([
    ["public endpoint open to the world", { "hardened-cluster:endpoint": { publicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }, [], "hardened-cluster:endpoint.publicAccessCidrs[0]"],
    ["public endpoint with no CIDRs", { "hardened-cluster:endpoint": { publicAccess: true } }, [], "hardened-cluster:endpoint.publicAccessCidrs"],
    ["a pool with IMDS hop limit 2", { "hardened-cluster:nodePools": { ...dev(), sensitive: { ...dev().sensitive, metadataHopLimit: 2 } } }, [], "hardened-cluster:nodePools.sensitive.metadataHopLimit"],
    ["secrets encryption disabled", { "hardened-cluster:kms": { secretsEncryption: false } }, [], "hardened-cluster:kms.secretsEncryption"],
    ["a short KMS deletion window", { "hardened-cluster:kms": { deletionWindowInDays: 7 } }, [], "hardened-cluster:kms.deletionWindowInDays"],
    ["an unknown key", { "hardened-cluster:enableEverything": "true" }, [], "hardened-cluster:enableEverything"],
    ["an unknown nested key", { "hardened-cluster:network": { ...network(), natInstances: 2 } }, [], "hardened-cluster:network"],
    ["a wrong type", { "hardened-cluster:nodePools": "big" }, [], "hardened-cluster:nodePools"],
    ["text where a number is expected", { "hardened-cluster:logRetentionDays": "forever" }, [], "hardened-cluster:logRetentionDays"],
    ["an old Kubernetes version", { "hardened-cluster:kubernetesVersion": "1.29" }, [], "hardened-cluster:kubernetesVersion"],
    ["an AL2 AMI", { "hardened-cluster:nodePools": { ...dev(), general: { ...dev().general, amiType: "AL2_x86_64" } } }, [], "hardened-cluster:nodePools.general.amiType"],
    ["a missing required key", {}, ["hardened-cluster:addons"], "hardened-cluster:addons"],
    ["an add-on port without justification", { "hardened-cluster:addonPorts": [{ name: "x", enabled: true, port: 9443, justification: "because" }] }, [], "hardened-cluster:addonPorts[0].justification"],
    ["prod without protect", { "hardened-cluster:environment": "prod", "hardened-cluster:protect": "false" }, [], "hardened-cluster:protect"],
    ["AZs outside aws:region", { "aws:region": "us-east-1" }, [], "hardened-cluster:network.availabilityZones"],
    ["a deployer on Pulumi Cloud without a token", { "hardened-cluster:deployer": { enabled: true, sourceLocation: "https://x/y.git", stack: "o/p/s", backendUrl: "https://api.pulumi.com" } }, [], "hardened-cluster:deployer.accessTokenSecretArn"],
    ["a deployer token ARN without its 6-character suffix (B8)", { "hardened-cluster:deployer": { enabled: false, sourceLocation: "https://x/y.git", stack: "o/p/s", backendUrl: "https://api.pulumi.com", accessTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:token" } }, [], "hardened-cluster:deployer.accessTokenSecretArn"],
    ["an s3:// backend without a secrets-provider key (B7)", { "hardened-cluster:deployer": { enabled: false, sourceLocation: "https://x/y.git", stack: "organization/p/s", backendUrl: "s3://state" } }, [], "hardened-cluster:deployer.secretsProviderKeyArn"],
    ["a secrets-provider alias instead of a key ARN", { "hardened-cluster:deployer": { enabled: false, sourceLocation: "https://x/y.git", stack: "organization/p/s", backendUrl: "s3://state", secretsProviderKeyArn: "alias/pulumi" } }, [], "hardened-cluster:deployer.secretsProviderKeyArn"],
    ["a DIY backend stack outside `organization`", { "hardened-cluster:deployer": { enabled: false, sourceLocation: "https://x/y.git", stack: "acme/p/s", backendUrl: "s3://state", secretsProviderKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k-1" } }, [], "hardened-cluster:deployer.stack"],
    ["an S3 source that is not bucket/key.zip", { "hardened-cluster:deployer": { enabled: false, sourceType: "S3", sourceLocation: "bucket", stack: "o/p/s", backendUrl: "https://api.pulumi.com", accessTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:token-AbCdEf" } }, [], "hardened-cluster:deployer.sourceLocation"],
    ["a private-only deployer on a curated image (B7: no internet)", { "hardened-cluster:network": { ...network(), privateOnly: true }, "hardened-cluster:deployer": { enabled: true, sourceLocation: "https://x/y.git", stack: "o/p/s", backendUrl: "https://api.pulumi.com", accessTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:token-AbCdEf" } }, [], "hardened-cluster:deployer.image"],
    ["an unpinned deployer source in prod (W4)", { "hardened-cluster:environment": "prod", "hardened-cluster:protect": "true", "hardened-cluster:deployer": { enabled: true, sourceLocation: "https://x/y.git", stack: "o/p/s", backendUrl: "https://api.pulumi.com", accessTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:token-AbCdEf" } }, [], "hardened-cluster:deployer.sourceVersion"],
    ["a reserved tenant namespace", { "hardened-cluster:tenants": [tenants()[0], { ...tenants()[1], namespaces: ["kube-system"] }] }, [], "hardened-cluster:tenants[1].namespaces[0]"],
    ["a namespace shared by two tenants", { "hardened-cluster:tenants": [tenants()[0], { ...tenants()[1], namespaces: tenants()[0].namespaces }] }, [], "hardened-cluster:tenants[1].namespaces[0]"],
    ["a tenant without pssVersion", { "hardened-cluster:tenants": [{ ...tenants()[0], pssVersion: undefined }] }, [], "hardened-cluster:tenants[0].pssVersion"],
    ["a tenant principal from another account", { "hardened-cluster:tenants": [{ ...tenants()[0], roles: { admin: ["arn:aws:iam::999999999999:role/x"] } }] }, [], "hardened-cluster:tenants[0].roles.admin[0]"],
    ["detection missing", {}, ["hardened-cluster:detection"], "hardened-cluster:detection"],
    ["an unpinned observability add-on", { "hardened-cluster:detection": { ...detection(), observabilityAddonVersion: "latest" } }, [], "hardened-cluster:detection.observabilityAddonVersion"],
    ["a bad alert e-mail", { "hardened-cluster:detection": { ...detection(), alertEmails: ["secops"] } }, [], "hardened-cluster:detection.alertEmails[0]"],
    ["GuardDuty off in prod", { "hardened-cluster:environment": "prod", "hardened-cluster:protect": "true", "hardened-cluster:detection": { ...detection(), guardDuty: { enabled: false } } }, [], "hardened-cluster:detection.guardDuty.enabled"],
    ["a wildcard CI principal", { "hardened-cluster:registry": { ...registry(), ciPushPrincipalArns: ["arn:aws:iam::111111111111:role/*"] } }, [], "hardened-cluster:registry.ciPushPrincipalArns[0]"],
    ["a repeated repository", { "hardened-cluster:registry": { ...registry(), repositories: ["a/b", "a/b"] } }, [], "hardened-cluster:registry.repositories[1]"],
  ] as const)("%s", async (_what, patch, drop, key) => {
    const config = devWith(patch, [...drop]);
    let error: unknown;
    try {
      parsePlatformConfig(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.key)).toContain(key);
    for (const i of issues) expect(i.fix.length).toBeGreaterThan(0);
    expect((error as Error).message).toContain(key);
    // The program throws before registering anything.
    await expect(runPlatform(config)).rejects.toThrow(ConfigError);
  });

  test("nothing is registered when config is invalid", async () => {
    const { recordResources } = await import("../../engine/record");
    const { main } = await import("../../infra/program");
    let thrown = false;
    const recorded = await recordResources(
      () => {
        try {
          main();
        } catch {
          thrown = true;
        }
      },
      { config: devWith({ "hardened-cluster:kms": { secretsEncryption: false } }) },
    );
    expect(thrown).toBe(true);
    expect(recorded).toHaveLength(0);
  });

  test.each(["staging", "prod"])("tenants in the %s AWS stack file (deployer enabled) are rejected with the in-cluster stack file named", (stack) => {
    const config = { ...loadStackConfig(stack), "hardened-cluster:tenants": JSON.stringify(tenants()) };
    let error: unknown;
    try {
      parsePlatformConfig(config);
    } catch (e) {
      error = e;
    }
    const issue = (error as ConfigError).issues.find((i) => i.key === "hardened-cluster:tenants");
    expect(issue?.fix).toBe(`move hardened-cluster:tenants to infra/in-cluster/stacks/Pulumi.${stack}.yaml`);
    expect((error as Error).message).toContain(`infra/in-cluster/stacks/Pulumi.${stack}.yaml`);
  });

  test("the stack files themselves validate", () => {
    for (const stack of ["dev", "staging", "prod"]) expect(() => parsePlatformConfig(loadStackConfig(stack))).not.toThrow();
  });
});

describe("in-cluster stack configuration is rejected with the field named, before any resource is registered", () => {
  const base = () => loadInClusterStackConfig("prod");
  test.each([
    [
      "no platformStack",
      (c: Record<string, string>): void => {
        delete c["hardened-cluster:platformStack"];
      },
      "hardened-cluster:platformStack",
    ],
    [
      "a platformStack that is not fully qualified",
      (c: Record<string, string>): void => {
        c["hardened-cluster:platformStack"] = "prod";
      },
      "hardened-cluster:platformStack",
    ],
    [
      "a tenant namespace named default",
      (c: Record<string, string>): void => {
        const t = JSON.parse(c["hardened-cluster:tenants"]);
        t[2].namespaces[1] = "default";
        c["hardened-cluster:tenants"] = JSON.stringify(t);
      },
      "hardened-cluster:tenants[2].namespaces[1]",
    ],
    [
      "an AWS-layer key",
      (c: Record<string, string>): void => {
        c["hardened-cluster:network"] = "{}";
      },
      "hardened-cluster:network",
    ],
  ] as const)("%s", async (_what, mutate, key) => {
    const config = base();
    mutate(config);
    let error: unknown;
    try {
      parseInClusterConfig(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.key)).toContain(key);
    let recorded: unknown[] = [];
    let thrown: unknown;
    const { recordResources } = await import("../../engine/record");
    const { main } = await import("../../infra/in-cluster/program");
    recorded = await recordResources(
      async () => {
        try {
          await main();
        } catch (e) {
          thrown = e;
        }
      },
      { config, project: "hardened-cluster-in-cluster" },
    );
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(recorded).toHaveLength(0);
  });

  test.each(["staging", "prod"])("the %s in-cluster stack file validates", (stack) => {
    expect(() => parseInClusterConfig(loadInClusterStackConfig(stack))).not.toThrow();
  });
});
