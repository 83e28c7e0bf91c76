/**
 * `getAnalyzerInfo` with shared, once-encoded config schemas (policy-pack/core/analyzer-info.ts) is the SDK's
 * answer on the wire: same pack fields, same policies in the same order, each with its own config schema.
 */
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import { analyzerInfo } from "../../../policy-pack/core/analyzer-info";
import { loadPolicySdk } from "../../../policy-pack/core/dispatch";
import { POLICY_CONFIG_SCHEMA, toPolicies } from "../../../policy-pack/core/policies";
import { RULES } from "../../../policy-pack/registry";
import { call, servePackInProcess } from "../../support/in-process-pack";

const decode = (message: { serializeBinary(): Uint8Array }) => analyzerPb.AnalyzerInfo.deserializeBinary(message.serializeBinary()).toObject();

describe("getAnalyzerInfo, schemas encoded once", () => {
  it("answers exactly what the SDK's handler answers for the pack", async () => {
    const pack = servePackInProcess();
    const expected = decode(await call(pack.sdk.getAnalyzerInfo, new emptyPb.Empty()));
    const actual = decode(await call(pack.dispatch.getAnalyzerInfo, new emptyPb.Empty()));
    expect(actual).toEqual(expected);
    expect(actual.policiesList).toHaveLength(RULES.length);
    expect(Object.keys(actual.policiesList[0].configschema?.properties?.fieldsMap ?? [])).toHaveLength(Object.keys(POLICY_CONFIG_SCHEMA.properties).length);
    // A second call answers the same bytes.
    expect(decode(await call(pack.dispatch.getAnalyzerInfo, new emptyPb.Empty()))).toEqual(expected);
  });

  it("keeps policies without a schema, other schemas, required keys and the initial config", () => {
    const sdk = loadPolicySdk();
    const [a, b, c] = toPolicies(RULES.slice(0, 3));
    const policies = [
      { ...a, configSchema: undefined },
      { ...b, configSchema: { properties: { limit: { type: "integer" } }, required: ["limit"] } },
      c,
    ];
    const args = { policies, description: "a pack", tags: ["t"] };
    const initialConfig = { [c.name]: { enforcementLevel: "advisory", trustedCidrs: ["10.0.0.0/8"] } };
    const pack = { name: "p", version: "1.0.0", level: "mandatory" };
    const expected = decode(sdk.protoutil.makeAnalyzerInfo(pack.name, pack.version, pack.level, args, initialConfig) as analyzerPb.AnalyzerInfo);
    const actual = decode(analyzerInfo(sdk, pack, args, initialConfig) as analyzerPb.AnalyzerInfo);
    expect(actual).toEqual(expected);
    expect(actual.policiesList[0].configschema).toBeUndefined();
    expect(actual.policiesList[1].configschema?.requiredList).toEqual(["limit"]);
    expect(actual.initialconfigMap.length).toBe(1);
  });
});
