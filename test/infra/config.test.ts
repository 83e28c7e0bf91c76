import { ConfigError, parsePlatformConfig } from "../../infra/config";
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

describe("stack configuration is rejected with the field named, before any resource is registered", () => {
  test.each([
    ["public endpoint open to the world", { "hardened-cluster:endpoint": { publicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }, [], "hardened-cluster:endpoint.publicAccessCidrs.0"],
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
    ["an add-on port without justification", { "hardened-cluster:addonPorts": [{ name: "x", enabled: true, port: 9443, justification: "because" }] }, [], "hardened-cluster:addonPorts.0.justification"],
    ["prod without protect", { "hardened-cluster:environment": "prod", "hardened-cluster:protect": "false" }, [], "hardened-cluster:protect"],
    ["AZs outside aws:region", { "aws:region": "us-east-1" }, [], "hardened-cluster:network.availabilityZones"],
    ["a deployer on Pulumi Cloud without a token", { "hardened-cluster:deployer": { enabled: true, sourceLocation: "https://x/y.git", stack: "o/p/s", backendUrl: "https://api.pulumi.com" } }, [], "hardened-cluster:deployer.accessTokenSecretArn"],
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
    const { recordResources } = await import("../../cli/preview/record");
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

  test("the stack files themselves validate", () => {
    for (const stack of ["dev", "staging", "prod"]) expect(() => parsePlatformConfig(loadStackConfig(stack))).not.toThrow();
  });
});
