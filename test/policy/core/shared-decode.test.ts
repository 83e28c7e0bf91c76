/**
 * The pack's dispatch through the SDK's own analyzer server functions (`@pulumi/policy/server`
 * `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`, what `new PolicyPack` serves), with every registry rule as its
 * own policy: after `shareDecodedProperties()` a request's properties are decoded once for all policies (the SDK
 * as shipped decodes them once per policy), and the answers (diagnostics and not-applicable lists) are unchanged.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../../policy-pack/baseline/pss";
import { toPolicies, typeMismatchReason } from "../../../policy-pack/core/policies";
import type { ResourceRule } from "../../../policy-pack/core/rule";
import { shareDecodedProperties, type DeserializeModule } from "../../../policy-pack/core/shared-decode";
import { RULES } from "../../../policy-pack/registry";

const server = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: unknown[]): (call: { request: unknown }, cb: (err: unknown, resp?: any) => void) => Promise<void>;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: unknown[]): (call: { request: unknown }, cb: (err: unknown, resp?: any) => void) => Promise<void>;
};
const deserialize = require("@pulumi/policy/deserialize") as DeserializeModule;

/** Count every real decode (installed under the shared decoder, so it sees only the decodes that still happen). */
const original = deserialize.deserializeProperties;
let decodes = 0;
let lastDecoded: Record<string, unknown> | undefined;
let lastDecodedJson = "";
deserialize.deserializeProperties = (struct, proxySecrets) => {
  decodes++;
  lastDecoded = original(struct, proxySecrets);
  lastDecodedJson = JSON.stringify(lastDecoded);
  return lastDecoded;
};

const policies = toPolicies(RULES);
const analyze = server.makeAnalyzeRpcFun("hardened-cluster", "0.1.0", "mandatory", policies);
const analyzeStack = server.makeAnalyzeStackRpcFun("hardened-cluster", "0.1.0", "mandatory", policies);

const POD = "kubernetes:core/v1:Pod";
const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2";
const pod = (privileged: boolean) => ({
  metadata: { name: "p", namespace: "team-a" },
  spec: {
    securityContext: RESTRICTED_POD_SECURITY_CONTEXT,
    automountServiceAccountToken: false,
    containers: [{ name: "app", image, securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, privileged } }],
  },
});
const KEY = { enableKeyRotation: false, tags: { owner: "platform" } };

/** A request as it arrives over gRPC (decoded from bytes, so each call gets fresh messages). */
function analyzeRequest(type: string, name: string, props: Record<string, unknown>): unknown {
  const request = new analyzerPb.AnalyzeRequest();
  request.setType(type);
  request.setName(name);
  request.setUrn(`urn:pulumi:test::p::${type}::${name}`);
  request.setProperties(Struct.fromJavaScript(props as any));
  request.setOptions(new analyzerPb.AnalyzerResourceOptions());
  return analyzerPb.AnalyzeRequest.deserializeBinary(request.serializeBinary());
}

function stackRequest(resources: [string, string, Record<string, unknown>][]): unknown {
  const request = new analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map(([type, name, props]) => {
      const r = new analyzerPb.AnalyzerResource();
      r.setType(type);
      r.setName(name);
      r.setUrn(`urn:pulumi:test::p::${type}::${name}`);
      r.setProperties(Struct.fromJavaScript(props as any));
      r.setOptions(new analyzerPb.AnalyzerResourceOptions());
      return r;
    }),
  );
  return analyzerPb.AnalyzeStackRequest.deserializeBinary(request.serializeBinary());
}

/** The answer in comparable form: diagnostics (policy, level, message) and not-applicable (policy, reason). */
async function call(fun: typeof analyze, request: unknown): Promise<{ diagnostics: string[]; notApplicable: string[] }> {
  const response = await new Promise<any>((resolve, reject) => fun({ request }, (err, resp) => (err ? reject(err) : resolve(resp))));
  return {
    diagnostics: response.getDiagnosticsList().map((d: any) => `${d.getPolicyname()} [${d.getEnforcementlevel()}] ${d.getMessage()}`),
    notApplicable: response.getNotApplicableList().map((n: any) => `${n.getPolicyName()}: ${n.getReason()}`),
  };
}

const stack: [string, string, Record<string, unknown>][] = [
  [POD, "ok", pod(false)],
  [POD, "priv", pod(true)],
  ["aws:kms/key:Key", "k", KEY],
];

describe("one decoded copy per request, shared by every policy", () => {
  let before: Record<string, { diagnostics: string[]; notApplicable: string[] }>;
  let decodesBefore: Record<string, number>;

  beforeAll(async () => {
    // The SDK as shipped: measured first, before the shared decoder is installed in this test file's registry.
    before = {};
    decodesBefore = {};
    for (const [label, fun, request] of [
      ["pod", analyze, () => analyzeRequest(POD, "priv", pod(true))],
      ["key", analyze, () => analyzeRequest("aws:kms/key:Key", "k", KEY)],
      ["stack", analyzeStack, () => stackRequest(stack)],
    ] as const) {
      decodes = 0;
      before[label] = await call(fun, request());
      decodesBefore[label] = decodes;
    }
    shareDecodedProperties(deserialize);
  });

  it("the SDK alone decodes a pod once per applicable policy, the stack once per stack policy per resource", () => {
    expect(decodesBefore.pod).toBeGreaterThan(10);
    expect(decodesBefore.stack).toBeGreaterThanOrEqual(stack.length * RULES.filter((r) => r.kind === "stack").length);
  });

  it("analyze: one decode per request, same diagnostics and not-applicable list", async () => {
    decodes = 0;
    const privileged = await call(analyze, analyzeRequest(POD, "priv", pod(true)));
    expect(decodes).toBe(1);
    expect(privileged).toEqual(before.pod);
    expect(privileged.diagnostics.some((d) => d.includes("PSS-B03"))).toBe(true);
    decodes = 0;
    const key = await call(analyze, analyzeRequest("aws:kms/key:Key", "k", KEY));
    expect(decodes).toBe(1);
    expect(key).toEqual(before.key);
    expect(key.diagnostics.some((d) => d.includes("KMS-001"))).toBe(true);
  });

  it("no rule mutates the shared copy: after every policy ran, it is what was decoded", async () => {
    await call(analyze, analyzeRequest(POD, "priv", pod(true)));
    expect(lastDecoded).toBeDefined();
    expect(JSON.stringify(lastDecoded)).toBe(lastDecodedJson);
  });

  it("analyzeStack: one decode per resource for all stack policies, same answer", async () => {
    decodes = 0;
    const answer = await call(analyzeStack, stackRequest(stack));
    expect(decodes).toBe(stack.length);
    expect(answer).toEqual(before.stack);
  });

  it("a type mismatch is still reported as not applicable, with the same reason on every resource", async () => {
    const multiType = RULES.find((r) => r.kind === "resource" && r.resourceTypes.length > 1 && !r.resourceTypes.includes("aws:kms/key:Key"))!;
    for (const name of ["k1", "k2"]) {
      const { notApplicable } = await call(analyze, analyzeRequest("aws:kms/key:Key", name, KEY));
      expect(notApplicable).toContain(`${multiType.name}: ${typeMismatchReason(multiType as ResourceRule)}`);
    }
  });

  it("installing twice keeps one shared decoder", () => {
    const first = shareDecodedProperties(deserialize);
    expect(shareDecodedProperties(deserialize)).toBe(first);
  });
});
