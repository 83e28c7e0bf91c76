import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties, serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { deserializeShared, NOT_PLAIN, serializePlain } from "../../engine/plain-values";
import { toAnalyzerWire, UNKNOWN_STRING } from "../../engine/wire";
import { fromWireRun, toWireRun } from "../../engine/host-protocol";
import type { RecordedResource } from "../../engine/record";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** The SDK's own deserialization of a Struct already converted to JavaScript. */
const sdkDeserialize = (js: Record<string, unknown>) => deserializeProperties({ toJavaScript: () => js } as never);

describe("serializePlain (the SDK's serializeProperties of plain data, without a microtask per value)", () => {
  const plainStates: Record<string, unknown>[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", labels: { x: "1" }, annotations: undefined }, id: "default/a" },
    { list: [1, undefined, "s", null, { nested: [true, false] }], fn: () => 1, empty: {}, n: 0, neg: -1.5 },
    { deep: { a: { b: { c: [[1, 2], [3]] } } }, nothing: null },
  ];

  it.each(plainStates.map((s, i) => [i, s]))("state %i: the same value as the SDK's serializeProperties", async (_i, state) => {
    expect(serializePlain(state)).toEqual(await serializeProperties("", state as Record<string, unknown>));
  });

  it("drops functions and undefined members, turns undefined array elements into null", () => {
    expect(serializePlain({ a: undefined, f: () => 0, l: [undefined, 1] })).toEqual({ l: [null, 1] });
  });

  it("hands anything that is not plain data back to the SDK", () => {
    const notPlain: unknown[] = [
      { v: pulumi.output("x") },
      { v: Promise.resolve(1) },
      { v: new Date(0) },
      { v: new Map() },
      { v: { __pulumiResource: true } },
      [{ ok: 1 }, { v: 10n }],
      { v: new pulumi.asset.StringAsset("text") },
    ];
    for (const value of notPlain) expect(serializePlain(value)).toBe(NOT_PLAIN);
  });
});

describe("deserializeShared (the SDK's deserializeProperties, sharing values it would only copy)", () => {
  it("returns plain data itself, equal to the SDK's copy", () => {
    const js = { metadata: { name: "a", labels: { x: "1" } }, rules: [{ verbs: ["get"] }], n: 1, nil: null };
    const shared = deserializeShared(js);
    expect(shared).toBe(js);
    expect(shared).toEqual(sdkDeserialize(js));
  });

  it("leaves secrets and unknowns to the SDK (a secret member is hoisted, an unknown becomes the SDK's unknown)", () => {
    const secret = { data: { password: { [SIG]: SECRET_SIG, value: "p" } } };
    const viaSdk = sdkDeserialize(secret);
    expect(deserializeShared(secret)).not.toBe(secret);
    expect(deserializeShared(secret)).toEqual(viaSdk);
    expect(viaSdk.data[SIG]).toBe(SECRET_SIG);

    const unknown = { spec: { clusterIP: UNKNOWN_STRING } };
    expect(deserializeShared(unknown)).not.toBe(unknown);
    expect(deserializeShared(unknown)).toEqual(sdkDeserialize(unknown));
  });
});

describe("toAnalyzerWire shares what it does not change", () => {
  it("returns a value without internal keys or resource references as it is", () => {
    const value = { metadata: { name: "a" }, list: [1, { b: "c" }] };
    expect(toAnalyzerWire(value)).toBe(value);
  });

  it("copies only the path to a change: internal keys dropped, resource references replaced, siblings shared", () => {
    const sibling = { keep: ["me"] };
    const value = { sibling, __defaults: [], ref: { [SIG]: RESOURCE_SIG, urn: "urn:x", id: "i-1" }, list: [sibling, { __meta: "m", x: 1 }] };
    const wire = toAnalyzerWire(value) as Record<string, any>;
    expect(wire).toEqual({ sibling: { keep: ["me"] }, ref: "i-1", list: [{ keep: ["me"] }, { x: 1 }] });
    expect(wire.sibling).toBe(sibling);
    expect(wire.list[0]).toBe(sibling);
    expect(value.__defaults).toEqual([]);
    expect(value.list[1]).toEqual({ __meta: "m", x: 1 });
  });
});

describe("language host IPC: a wire view shared with its SDK view travels once", () => {
  const record = (inputs: Record<string, unknown>, wireInputs: Record<string, unknown>, outputs: Record<string, unknown>, wireOutputs: Record<string, unknown>): RecordedResource => ({
    urn: "urn:pulumi:s::p::t::n", type: "t", name: "n", custom: true, parent: null, inputs, outputs, protect: false, retainOnDelete: false,
    dependencies: [], propertyDependencies: {}, provider: null, wireInputs, wireOutputs,
  });
  const run = (resources: RecordedResource[]) => ({ resources, unansweredInvokes: new Map(), expanded: new Set<string>(), duplicates: [], unverified: [] });
  /** What process.send (JSON serialization) delivers. */
  const overIpc = (r: RecordedResource[]) => fromWireRun(JSON.parse(JSON.stringify(toWireRun(run(r))))).resources;

  it("restores shared views as one object with the same values", () => {
    const inputs = { a: 1 };
    const outputs = { a: 1, id: "x" };
    const [back] = overIpc([record(inputs, inputs, outputs, outputs)]);
    expect(back.wireInputs).toBe(back.inputs);
    expect(back.wireOutputs).toBe(back.outputs);
    expect(back).toEqual(record(inputs, inputs, outputs, outputs));
    expect(JSON.stringify(toWireRun(run([record(inputs, inputs, outputs, outputs)])))).not.toContain('"wireInputs"');
  });

  it("keeps distinct views distinct", () => {
    const r = record({ s: { [SIG]: SECRET_SIG, value: "v" } }, { s: { [SIG]: SECRET_SIG, value: "v" } }, { a: 1 }, { a: 1 });
    const [back] = overIpc([r]);
    expect(back).toEqual(r);
    expect(back.wireInputs).not.toBe(back.inputs);
    expect(back.wireOutputs).not.toBe(back.outputs);
  });
});
