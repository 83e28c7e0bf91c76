import { containsUnknown, knownOrProxy, PROXY_TARGET, unknownTest } from "../../../policy-pack/core/known-props";
import { sdkProxy } from "../../support/unknowns";

const sdk = require("@pulumi/policy/proxy");
const isUnknown = unknownTest(sdk);

describe("reading decoded props without the SDK proxy when nothing is unknown", () => {
  it("recognises every SDK sentinel and nothing else", () => {
    for (const key of ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"]) {
      expect(isUnknown(sdk[key])).toBe(true);
    }
    for (const value of ["", "unknown", 0, false, null, undefined, {}, []]) expect(isUnknown(value)).toBe(false);
  });

  it("finds an unknown at any depth, in objects and arrays, and at the root", () => {
    expect(containsUnknown({ a: { b: [1, { c: "x" }] } }, isUnknown)).toBe(false);
    expect(containsUnknown({ a: { b: [1, { c: sdkProxy.unknownStringValue }] } }, isUnknown)).toBe(true);
    expect(containsUnknown([[[sdkProxy.unknownNumberValue]]], isUnknown)).toBe(true);
    expect(containsUnknown({ list: sdkProxy.unknownArrayValue }, isUnknown)).toBe(true);
    expect(containsUnknown(sdkProxy.unknownObjectValue, isUnknown)).toBe(true);
    expect(containsUnknown("plain", isUnknown)).toBe(false);
    expect(containsUnknown(null, isUnknown)).toBe(false);
  });

  it("returns the object behind the proxy when it holds no unknown: same values, no proxy", () => {
    const decoded = { metadata: { name: "p" }, spec: { containers: [{ image: "a" }] } };
    const proxy = sdkProxy.unknownCheckingProxy(decoded);
    const read = knownOrProxy(proxy, isUnknown);
    expect(read).toBe(decoded);
    expect((read as Record<string, unknown>)[PROXY_TARGET]).toBeUndefined();
  });

  it("keeps the proxy when anything is unknown, so the read still throws where the rule reads", () => {
    const decoded = { metadata: { name: "p" }, spec: { containers: [{ image: sdkProxy.unknownStringValue }] } };
    const proxy = sdkProxy.unknownCheckingProxy(decoded);
    const read = knownOrProxy(proxy, isUnknown);
    expect(read).toBe(proxy);
    expect(() => read.spec.containers[0].image).toThrow(/can't be known during preview/);
  });

  it("leaves a value that is not the SDK proxy as it is", () => {
    const plain = { a: 1 };
    expect(knownOrProxy(plain, isUnknown)).toBe(plain);
  });
});
