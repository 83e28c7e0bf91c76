import { EVENT_RULE_NAME_MAX, GUARDDUTY_EKS_FEATURES, findingsRuleName } from "../../../components/detection/runtime-detection";
import { stackRun } from "../../infra/fixtures";
import { ofType } from "../../infra/stack-config";

describe("R2: the GuardDuty security agent is an EKS add-on the platform installs", () => {
  test("runtime monitoring no longer asks GuardDuty to manage the agent (it would create an endpoint our SGs cannot reach)", () => {
    const runtime = GUARDDUTY_EKS_FEATURES.find((f) => f.name === "RUNTIME_MONITORING")!;
    expect("additionalConfigurations" in runtime && runtime.additionalConfigurations).toEqual([{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }]);
  });

  test("prod installs aws-guardduty-agent on its cluster after the node pools and the runtime-monitoring feature", async () => {
    const { resources } = await stackRun("prod");
    const agent = ofType(resources, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-guardduty-agent")!;
    const cluster = ofType(resources, "aws:eks/cluster:Cluster")[0];
    expect(agent.inputs.clusterName).toBe(cluster.outputs.name);
    expect(agent.inputs.addonVersion).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    const runtime = ofType(resources, "aws:guardduty/detectorFeature:DetectorFeature").find((f) => f.inputs.name === "RUNTIME_MONITORING")!;
    expect(agent.dependencies).toContain(runtime.urn);
    for (const group of ofType(resources, "aws:eks/nodeGroup:NodeGroup")) expect(agent.dependencies).toContain(group.urn);
  });
});

describe("N4: the findings rule has an explicit name within EventBridge's 64 characters", () => {
  test("the longest allowed cluster name (39 characters) still fits", () => {
    const longest = `c${"a".repeat(38)}`;
    expect(findingsRuleName(longest)).toBe(`${longest}-gd-findings`);
    expect(findingsRuleName(longest).length).toBeLessThanOrEqual(EVENT_RULE_NAME_MAX);
    // The old autoname: `${cluster}-guardduty-findings-` + 7 random characters.
    expect(`${longest}-guardduty-findings-xxxxxxx`.length).toBeGreaterThan(EVENT_RULE_NAME_MAX);
  });

  test("a longer prefix is cut, never the suffix", () => {
    const name = findingsRuleName("x".repeat(100));
    expect(name).toHaveLength(EVENT_RULE_NAME_MAX);
    expect(name.endsWith("-gd-findings")).toBe(true);
  });

  test("prod names its rule explicitly", async () => {
    const { resources } = await stackRun("prod");
    const [rule] = ofType(resources, "aws:cloudwatch/eventRule:EventRule").filter((r) => r.inputs.eventPattern?.includes("aws.guardduty"));
    expect(rule.inputs.name).toBe("hc-prod-gd-findings");
  });
});
