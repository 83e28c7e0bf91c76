/**
 * Branch cases found by mutation testing (Stryker, group `core-native`) for the lazy native views
 * (core/native-view.ts) and the native → AWS mapping (core/native.ts): absent and non-object sources, lists read
 * element by element, tag lists, single values as lists, and field renaming in messages (longest name first).
 */
import { AWS, NATIVE, asAws, awsTypeOf, isNative, nativeFieldNames, nativeReport } from "../../../policy-pack/core/native";
import { lazyList, one, same, tagMap, view } from "../../../policy-pack/core/native-view";
import type { Finding } from "../../../policy-pack/core/rule";
import { resource } from "../../support/rules";

describe("native views", () => {
  it("views only objects, and keeps absent keys absent", () => {
    expect(view(null, { a: same("a") })).toEqual({});
    expect(view("text", { a: same("a") })).toEqual({});
    expect(view(5, { a: same("a") })).toEqual({});
    const v = view({ a: 1, c: undefined }, { x: same("a"), y: same("b"), z: same("c") });
    expect(Object.keys(v)).toEqual(["x", "z"]);
    expect("y" in v).toBe(false);
    expect(v).toEqual({ x: 1, z: undefined });
  });

  it("views nested objects but passes lists and scalars through unchanged", () => {
    const spec = { o: { from: "o", object: { k: same("key") } } };
    expect(view({ o: { key: "v", other: 1 } }, spec)).toEqual({ o: { k: "v" } });
    expect(view({ o: [{ key: "v" }] }, spec)).toEqual({ o: [{ key: "v" }] });
    expect(view({ o: "s" }, spec)).toEqual({ o: "s" });
    expect(view({ o: null }, spec)).toEqual({ o: null });
  });

  it("views each element of a list, keeps non-object elements, and passes non-lists through", () => {
    const spec = { l: { from: "list", each: { n: same("name") } } };
    expect(view({ list: [{ name: "a", x: 1 }, 7, null] }, spec)).toEqual({ l: [{ n: "a" }, 7, null] });
    expect(view({ list: { name: "a" } }, spec)).toEqual({ l: { name: "a" } });
    const mapped = { m: { from: "v", map: (x: unknown) => `<${String(x)}>`, each: { n: same("name") } } };
    expect(view({ v: [1] }, mapped)).toEqual({ m: "<1>" });
  });

  it("reads list elements lazily, one property per element", () => {
    const reads: number[] = [];
    const list = lazyList([10, 20, 30], (v) => {
      reads.push(v as number);
      return (v as number) + 1;
    });
    expect(list).toHaveLength(3);
    expect(reads).toEqual([]);
    expect(list[1]).toBe(21);
    expect(reads).toEqual([20]);
    expect(Object.keys(list)).toEqual(["0", "1", "2"]);
    expect([...list]).toEqual([11, 21, 31]);
    expect(list[3]).toBeUndefined();
  });

  it("turns CloudFormation tag lists into maps, skipping malformed tags", () => {
    expect(tagMap([{ key: "a", value: "1" }, null, { value: "x" }, { key: 5, value: "y" }, { key: "b", value: "2" }])).toEqual({ a: "1", b: "2" });
    expect(tagMap({ a: "1" })).toEqual({ a: "1" });
    expect(tagMap(undefined)).toBeUndefined();
  });

  it("wraps a single value in a list, leaving undefined and null absent", () => {
    expect(one("x")).toEqual(["x"]);
    expect(one(0)).toEqual([0]);
    expect(one(undefined)).toBeUndefined();
    expect(one(null)).toBeNull();
  });
});

describe("native → AWS mapping", () => {
  it("knows native types only", () => {
    expect(isNative(NATIVE.cluster)).toBe(true);
    expect(isNative(AWS.cluster)).toBe(false);
    expect(awsTypeOf(NATIVE.cluster)).toBe(AWS.cluster);
    expect(awsTypeOf(AWS.cluster)).toBe(AWS.cluster);
    expect(awsTypeOf("kubernetes:core/v1:Pod")).toBe("kubernetes:core/v1:Pod");
  });

  it("reads native cluster logging as the enabled type names, and leaves odd shapes as they are", () => {
    const logTypes = (logging: unknown) => (asAws(resource(NATIVE.cluster, "c", { logging })).props as { enabledClusterLogTypes?: unknown }).enabledClusterLogTypes;
    expect(logTypes({ clusterLogging: { enabledTypes: [{ type: "api" }, { type: "audit" }, null] } })).toEqual(["api", "audit", undefined]);
    expect(logTypes({ clusterLogging: { enabledTypes: "api" } })).toBe("api");
    expect(logTypes({})).toBeUndefined();
    expect(logTypes(undefined)).toBeUndefined();
  });

  it("leaves AWS resources unchanged and maps native property dependencies", () => {
    const r = resource(AWS.cluster, "c", { name: "x" });
    expect(asAws(r)).toBe(r);
    const native = asAws(resource(NATIVE.cluster, "c", { name: "x" }));
    expect(native.type).toBe(AWS.cluster);
    expect(native.props).toEqual(expect.objectContaining({ name: "x" }));
  });

  it("renames AWS field names in messages to the native ones, longest first and as whole words", () => {
    const rename = nativeFieldNames(NATIVE.cluster);
    expect(rename("vpcConfig.endpointPublicAccess is true")).toContain("resourcesVpcConfig.endpointPublicAccess");
    expect(rename("xvpcConfig stays")).toBe("xvpcConfig stays");
    expect(nativeFieldNames(AWS.cluster)("vpcConfig")).toBe("vpcConfig");
    // ECR: encryptionConfigurations[0] (one native object) before the shorter encryptionConfigurations.
    const ecr = nativeFieldNames(NATIVE.repository);
    expect(ecr("encryptionConfigurations[0].kmsKey is absent")).toBe("encryptionConfiguration.kmsKey is absent");
    expect(ecr("encryptionConfigurations is empty")).toBe("encryptionConfiguration is empty");
  });

  it("renames in findings given as text or objects, with their remediation, and passes AWS findings through", () => {
    const got: Finding[] = [];
    const report = (f: Finding | string) => got.push(typeof f === "string" ? { message: f } : f);
    nativeReport(NATIVE.cluster, report)("vpcConfig is open");
    nativeReport(NATIVE.cluster, report)({ message: "vpcConfig", remediation: "set vpcConfig" });
    nativeReport(NATIVE.cluster, report)({ message: "vpcConfig" });
    nativeReport(AWS.cluster, report)("vpcConfig");
    expect(got).toEqual([
      { message: "resourcesVpcConfig is open" },
      { message: "resourcesVpcConfig", remediation: "set resourcesVpcConfig" },
      { message: "resourcesVpcConfig" },
      { message: "vpcConfig" },
    ]);
  });
});
