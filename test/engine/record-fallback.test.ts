import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { RecordingMonitor } from "../../engine/record";

/** Register one role under a RecordingMonitor with the given mocks; the record and what the program saw. */
async function recordRole(mocks: pulumi.runtime.Mocks) {
  const monitor = new RecordingMonitor(mocks);
  settings.setMockOptions(monitor, "p", "s", true);
  const role = new aws.iam.Role("app", { assumeRolePolicy: "{}", tags: { team: "a" } });
  const seen = await new Promise((resolve) => pulumi.all([role.arn, role.tags, role.id]).apply(resolve));
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { record: monitor.recorded[0], seen, kept: monitor.resources.get(monitor.recorded[0].urn) };
}

const state = (args: pulumi.runtime.MockResourceArgs) => ({ ...args.inputs, arn: `arn:aws:iam::123456789012:role/${args.name}` });

/**
 * The recorder answers a registration without a microtask turn when the mock answers synchronously with plain data,
 * and otherwise takes the SDK's own path (awaiting the mock, `serializeProperties`): both must record the same.
 */
describe("recorder: mocks answering asynchronously or with values that are not plain data", () => {
  it("records the same registration whether the mock's answer is plain and synchronous, a promise, or holds a promise", async () => {
    const plain = await recordRole({ newResource: (args) => ({ id: "app-id", state: state(args) }), call: (args) => args.inputs });
    const promised = await recordRole({ newResource: async (args) => ({ id: "app-id", state: state(args) }), call: (args) => args.inputs });
    const nested = await recordRole({
      newResource: (args) => ({ id: "app-id", state: { ...state(args), arn: Promise.resolve(`arn:aws:iam::123456789012:role/${args.name}`) } }),
      call: (args) => args.inputs,
    });
    expect(plain.record.outputs).toEqual({ assumeRolePolicy: "{}", tags: { team: "a" }, arn: "arn:aws:iam::123456789012:role/app" });
    expect(plain.record.wireOutputs).toEqual(plain.record.outputs);
    expect(plain.seen).toEqual(["arn:aws:iam::123456789012:role/app", { team: "a" }, "app-id"]);
    // MockMonitor keeps the serialized state for `getResource`.
    expect(plain.kept).toEqual({ urn: plain.record.urn, id: "app-id", state: plain.record.outputs });
    for (const other of [promised, nested]) {
      expect(other.record.outputs).toEqual(plain.record.outputs);
      expect(other.record.wireOutputs).toEqual(plain.record.wireOutputs);
      expect(other.record.inputs).toEqual(plain.record.inputs);
      expect(other.seen).toEqual(plain.seen);
      expect(other.kept).toEqual(plain.kept);
    }
  });

});
