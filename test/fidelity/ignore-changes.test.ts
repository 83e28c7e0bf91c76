import { previewFixture, type PreviewRun } from "./run";

// Issue 20 (NODE-011): the engine forwards each resource's ignoreChanges in AnalyzerResourceOptions, the SDK hands it to
// stack policies as opts.ignoreChanges, and the pack's stack rules read it (StackResource.ignoreChanges).
const STACK = "urn:pulumi:dev::fidelity-autoscaled";
const AUTOSCALED = `${STACK}::aws:eks/nodeGroup:NodeGroup::autoscaled`;

let run: PreviewRun;
beforeAll(async () => {
  run = await previewFixture("autoscaled", ["--stack", "dev"]);
}, 240_000);

describe("ignoreChanges through the real analyzer protocol", () => {
  it("NODE-011 flags only the node group that ignores desiredSize in a stack with no autoscaler (advisory)", () => {
    expect(run.json).not.toBeNull();
    const found = run.json.violations.filter((v: any) => v.rule === "NODE-011");
    expect(found).toEqual([expect.objectContaining({ level: "advisory", urn: AUTOSCALED, message: expect.stringContaining("node group autoscaled ignores changes to scalingConfig.desiredSize") })]);
  });
});
