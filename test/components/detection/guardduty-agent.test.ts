import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { recordResources } from "../../../engine/record";
import { GuardDutyAgent, GUARDDUTY_AGENT_ADDON } from "../../../components/detection/guardduty-agent";
import { EVENT_RULE_NAME_MAX, GUARDDUTY_EKS_FEATURES, RuntimeDetection, findingsRuleName } from "../../../components/detection/runtime-detection";
import { parsePlatformConfig } from "../../../infra/config";
import { stackRun } from "../../infra/fixtures";
import { loadStackConfig, ofType } from "../../infra/stack-config";

const TOPIC = "arn:aws:sns:eu-west-1:333333333333:alerts";

async function resolved(value: unknown): Promise<unknown> {
  return pulumi.Output.isInstance(value) ? new Promise((res) => (value as pulumi.Output<unknown>).apply(res)) : value;
}

describe("R2: the GuardDuty security agent is an EKS add-on the platform installs", () => {
  test("runtime monitoring no longer asks GuardDuty to manage the agent (it would create an endpoint our SGs cannot reach)", () => {
    const runtime = GUARDDUTY_EKS_FEATURES.find((f) => f.name === "RUNTIME_MONITORING")!;
    expect("additionalConfigurations" in runtime && runtime.additionalConfigurations).toEqual([{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }]);
  });

  test("same stack: RuntimeDetection installs the agent after the runtime-monitoring feature and the resources it waits for", async () => {
    const rs = await recordResources(() => {
      const pool = new aws.sns.Topic("pool-stand-in", {});
      new RuntimeDetection("gd", { topicArn: TOPIC, agent: { clusterName: "c", addonVersion: "v1.12.1-eksbuild.2", dependsOn: [pool] } });
    });
    const [agent] = ofType(rs, "aws:eks/addon:Addon");
    expect(agent.inputs).toMatchObject({ addonName: GUARDDUTY_AGENT_ADDON, clusterName: "c", addonVersion: "v1.12.1-eksbuild.2" });
    const runtime = ofType(rs, "aws:guardduty/detectorFeature:DetectorFeature").find((f) => f.inputs.name === "RUNTIME_MONITORING")!;
    expect(agent.dependencies).toContain(runtime.urn);
    expect(agent.dependencies).toContain(ofType(rs, "aws:sns/topic:Topic")[0].urn);
    // Same add-on resource name as before GuardDutyAgent existed (an alias keeps existing stacks' URN history).
    expect(agent.urn.endsWith("::gd-agent")).toBe(true);
  });

  test("without `agent`, RuntimeDetection creates the detector, its features and the findings rule, and no add-on", async () => {
    const rs = await recordResources(() => {
      const d = new RuntimeDetection("gd", { topicArn: TOPIC });
      expect(d.agentAddon).toBeUndefined();
    });
    expect(ofType(rs, "aws:eks/addon:Addon")).toHaveLength(0);
    expect(ofType(rs, "aws:guardduty/detectorFeature:DetectorFeature").map((f) => f.inputs.name).sort()).toEqual(["EKS_AUDIT_LOGS", "RUNTIME_MONITORING"]);
    expect(ofType(rs, "aws:cloudwatch/eventRule:EventRule")).toHaveLength(1);
  });

  test("GuardDutyAgent alone: the pinned add-on, waiting for what it is given", async () => {
    const rs = await recordResources(() => {
      const before = new aws.sns.Topic("eni-stand-in", {});
      new GuardDutyAgent("hc-prod-guardduty-agent", { clusterName: "hc-prod", addonVersion: "v1.12.1-eksbuild.2" }, { dependsOn: [before] });
    });
    const [agent] = ofType(rs, "aws:eks/addon:Addon");
    expect(agent.inputs).toMatchObject({ addonName: "aws-guardduty-agent", clusterName: "hc-prod", addonVersion: "v1.12.1-eksbuild.2", resolveConflictsOnCreate: "OVERWRITE" });
    expect(agent.dependencies).toContain(ofType(rs, "aws:sns/topic:Topic")[0].urn);
  });

  test.each(["staging", "prod"] as const)("split layout (%s): the AWS stack keeps the detector, leaves the agent to the in-cluster stack and exports its spec", async (stack) => {
    const { resources, outputs } = await stackRun(stack);
    expect(ofType(resources, "aws:eks/addon:Addon").map((a) => a.inputs.addonName)).not.toContain("aws-guardduty-agent");
    expect(ofType(resources, "aws:guardduty/detectorFeature:DetectorFeature").find((f) => f.inputs.name === "RUNTIME_MONITORING")).toBeDefined();
    const config = parsePlatformConfig(loadStackConfig(stack));
    const spec = (await resolved(outputs.observability)) as Record<string, unknown>;
    expect(spec.guardDutyAgent).toEqual({ clusterName: config.clusterName, addonVersion: config.detection.guardDuty.agentAddonVersion });
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
