import { parsePlatformConfig } from "../../infra/config";
import { clusterAdminPrincipalsFor, packConfigFor } from "../../infra/policy-config";
import { judge } from "./fixtures";
import { loadStackConfig, ofType, runPlatform } from "./stack-config";

const DEPLOYER = "arn:aws:iam::333333333333:role/hc-prod-deployer";

/** prod's stack file with `deployer.bootstrapClusterAdmin` set. */
function prodWithBootstrap(on: boolean): Record<string, string> {
  const raw = loadStackConfig("prod");
  const deployer = JSON.parse(raw["hardened-cluster:deployer"]);
  return { ...raw, "hardened-cluster:deployer": JSON.stringify({ ...deployer, bootstrapClusterAdmin: on }) };
}

describe("W4: the deployer is cluster-admin only while bootstrapping", () => {
  test("the committed prod stack: no admin association for the deployer, and EKS-008 does not list it", () => {
    const config = parsePlatformConfig(loadStackConfig("prod"));
    expect(config.deployer?.bootstrapClusterAdmin).toBe(false);
    expect(clusterAdminPrincipalsFor(config)).not.toContain(DEPLOYER);
  });

  test("bootstrapClusterAdmin: true associates AmazonEKSClusterAdminPolicy to the deployer and the pack config allows exactly that", async () => {
    const config = parsePlatformConfig(prodWithBootstrap(true));
    const policyConfig = packConfigFor(config);
    expect(policyConfig.clusterAdminPrincipals).toContain(DEPLOYER);
    const { resources } = await runPlatform(prodWithBootstrap(true), "prod");
    const admin = ofType(resources, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter((a) => a.inputs.principalArn === DEPLOYER);
    expect(admin).toHaveLength(1);
    // One access entry for the deployer, created by the Deployer component (N1), none by the Cluster.
    expect(ofType(resources, "aws:eks/accessEntry:AccessEntry").filter((e) => e.inputs.principalArn === DEPLOYER)).toHaveLength(1);
    const { violations } = judge(resources, policyConfig as Record<string, unknown>);
    expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.rule} ${v.message}`)).toEqual([]);
  });
});
