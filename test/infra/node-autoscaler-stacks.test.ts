/**
 * NODE-011 on the recorded dev and prod stacks: the node groups leave desiredSize to the cluster autoscaler
 * (ignoreChanges, recorded from the registration) and the autoscaler's identity is in the stack. The rule's own
 * cases are in test/policy/aws/node-autoscaler.test.ts; this file records whole platform programs, like the other
 * stack tests here, so the mutation runs (test/policy, test/property) leave it to `npm test`.
 */
import { judge, stackRun } from "./fixtures";
import { packConfigFor } from "../../infra/policy-config";
import { parsePlatformConfig } from "../../infra/config";
import { loadStackConfig } from "./stack-config";

const NG = "aws:eks/nodeGroup:NodeGroup";
const PIA = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

describe.each(["dev", "prod"] as const)("NODE-011 on the recorded %s stack (ignoreChanges recorded from the registration)", (stack) => {
  test("the node groups ignore desiredSize and the autoscaler's identity is there: no finding", async () => {
    const { resources } = await stackRun(stack);
    const groups = resources.filter((r) => r.type === NG);
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.options?.ignoreChanges).toContain("scalingConfig.desiredSize");
    const config = packConfigFor(parsePlatformConfig(loadStackConfig(stack)));
    expect(judge(resources, config).violations.filter((v) => v.rule === "NODE-011")).toEqual([]);
  });

  test("the same stack without the autoscaler's objects: one finding per node group", async () => {
    const { resources } = await stackRun(stack);
    const isAutoscaler = (r: (typeof resources)[number]) =>
      (r.type === PIA && r.inputs.serviceAccount === "cluster-autoscaler") || (r.type === DEPLOYMENT && r.inputs.metadata?.name === "cluster-autoscaler");
    const without = resources.filter((r) => !isAutoscaler(r));
    expect(without.length).toBeLessThan(resources.length);
    const found = judge(without, packConfigFor(parsePlatformConfig(loadStackConfig(stack)))).violations.filter((v) => v.rule === "NODE-011");
    expect(found.map((v) => v.urn).sort()).toEqual(resources.filter((r) => r.type === NG).map((r) => r.urn).sort());
    expect(found.every((v) => v.level === "advisory")).toBe(true);
  });
});
