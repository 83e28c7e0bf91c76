/**
 * The type dispatch (policy-pack/core/dispatch.ts) against the SDK's own per-policy loop, request by request:
 * both handler sets are built over one in-process SDK server state (test/support/in-process-pack.ts), get the
 * same protobuf requests the engine sends, and must give byte-for-byte the same answer on the wire (diagnostics
 * with their policy names, levels, descriptions and severities; not-applicable entries with their reasons, in
 * order) for recorded platform stacks, violating and exempted fixtures and preview unknowns, under several
 * configurations (default levels, everything advisory, some rules disabled, exemptions).
 */
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeRequest, analyzeStackRequest, configureRequest, type PolicyConfigMap } from "../../../engine/analyzer-client";
import { policyConfigMap } from "../../../engine/analyze";
import type { RecordedResource } from "../../../engine/record";
import { UNKNOWN_STRING } from "../../../engine/wire";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../../policy-pack/baseline/pss";
import { DISPATCH_POLICY_NAME, dispatchByType, dispatchingHandlers, loadPolicySdk, PACK_DISPATCH_ENV, type AnalyzerHandlers, type PolicySdk } from "../../../policy-pack/core/dispatch";
import { RULES } from "../../../policy-pack/registry";
import { inClusterRun, stackRun } from "../../infra/fixtures";
import { call, servePackInProcess, type InProcessPack } from "../../support/in-process-pack";
import { recorded } from "../../support/recorded";

const POD = "kubernetes:core/v1:Pod";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "a".repeat(64);
const podSpec = (extra: Record<string, unknown> = {}) => ({
  serviceAccountName: "app",
  automountServiceAccountToken: false,
  securityContext: RESTRICTED_POD_SECURITY_CONTEXT,
  containers: [{ name: "app", image, securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT, resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } } }],
  ...extra,
});

/** Fixtures that make rules fire, exempt, or meet unknowns (alongside the recorded stacks, which are compliant). */
const fixtures: RecordedResource[] = [
  recorded(NAMESPACE, "team-a", { metadata: { name: "team-a", labels: { [LABELS.tenant]: "team-a" } } }),
  recorded(POD, "privileged", {
    metadata: { name: "privileged", namespace: "team-a" },
    spec: podSpec({ containers: [{ name: "app", image: "nginx:latest", securityContext: { privileged: true } }], hostNetwork: true }),
  }),
  recorded(POD, "annotated-exempt", {
    metadata: { name: "annotated-exempt", namespace: "team-a", annotations: { [`${LABELS.exemptPrefix}PSS-B03`]: "vendor agent needs it, ticket SEC-1234 until the fix" } },
    spec: podSpec({ containers: [{ name: "agent", image, securityContext: { privileged: true } }] }),
  }),
  recorded(POD, "placeholder-exemption", {
    metadata: { name: "placeholder-exemption", namespace: "team-a", annotations: { [`${LABELS.exemptPrefix}PSS-B03`]: "tbd" } },
    spec: podSpec({ containers: [{ name: "agent", image, securityContext: { privileged: true } }] }),
  }),
  recorded(POD, "config-exempt", { metadata: { name: "config-exempt", namespace: "team-a" }, spec: podSpec({ hostPID: true }) }),
  recorded(POD, "unknown-image", { metadata: { name: "unknown-image", namespace: "team-a" }, spec: podSpec() }, {
    wireInputs: { metadata: { name: "unknown-image", namespace: "team-a" }, spec: { ...podSpec(), containers: [{ name: "app", image: UNKNOWN_STRING }] } },
  }),
  recorded(POD, "unknown-spec", { metadata: { name: "unknown-spec", namespace: "team-a" } }, { wireInputs: { metadata: { name: "unknown-spec", namespace: "team-a" }, spec: UNKNOWN_STRING } }),
  recorded(POD, "unknown-provider-namespace", { spec: podSpec() }, {
    providerResource: { urn: "urn:pulumi:test::proto::pulumi:providers:kubernetes::k", type: "pulumi:providers:kubernetes", name: "k", properties: { namespace: UNKNOWN_STRING } },
  }),
  recorded("aws:eks/cluster:Cluster", "public", { name: "public", roleArn: "arn:aws:iam::123456789012:role/eks", vpcConfig: { subnetIds: ["subnet-a"], endpointPublicAccess: true } }),
  recorded("aws:kms/key:Key", "unrotated", { enableKeyRotation: false }),
  recorded("aws:iam/role:Role", "unknown-policy", { name: "r" }, { wireInputs: { name: "r", assumeRolePolicy: UNKNOWN_STRING } }),
  recorded("random:index/randomId:RandomId", "no-rule-applies", { byteLength: 8 }),
];

const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const policies = RULES.map((r) => ({ name: r.name, enforcementLevel: r.enforcementLevel }));

/** The configurations both handler sets are compared under. */
const CONFIGS: Record<string, PolicyConfigMap> = {
  defaults: policyConfigMap(policies, { shared: {}, policies: {} }),
  "all advisory": policyConfigMap(policies, { all: "advisory", shared: {}, policies: {} }),
  "every third rule disabled, one remediate": {
    ...policyConfigMap(policies, {
      shared: {},
      policies: Object.fromEntries(RULES.map((r, i) => [r.name, { enforcementLevel: i % 3 === 0 ? ("disabled" as const) : r.enforcementLevel, properties: {} }])),
    }),
    [RULES[1].name]: { enforcementLevel: "remediate", properties: {} },
  },
  "exemptions and per-rule settings": policyConfigMap(policies, {
    shared: {
      allowResourceExemptions: true,
      exemptions: [{ match: { urn: fixtures[4].urn }, expires: inTwoMonths, justification: "node debugging until the CNI upgrade lands" }],
    },
    policies: { [RULES[0].name]: { enforcementLevel: "advisory", properties: { trustedCidrs: ["10.0.0.0/8"] } } },
  }),
};

/** A response as it goes on the wire, decoded again (what the engine reads). */
function onTheWire(response: { serializeBinary(): Uint8Array }): analyzerPb.AnalyzeResponse.AsObject {
  return analyzerPb.AnalyzeResponse.deserializeBinary(response.serializeBinary()).toObject();
}

/** A request as it arrives over gRPC (decoded from bytes: each handler gets its own messages). */
function arriving<T>(request: unknown, type: { deserializeBinary(bytes: Uint8Array): T }): T {
  return type.deserializeBinary((request as { serializeBinary(): Uint8Array }).serializeBinary());
}

describe("type dispatch answers exactly as the SDK's per-policy loop", () => {
  let pack: InProcessPack;
  let stacks: Record<string, RecordedResource[]>;

  beforeAll(async () => {
    pack = servePackInProcess();
    // One recording at a time: the runtime's mocks are process-wide.
    const prod = await stackRun("prod");
    const inCluster = await inClusterRun("prod");
    stacks = { "prod (AWS)": prod.resources, "prod (in-cluster)": inCluster.resources, fixtures };
  }, 300_000);

  /** The recorded stacks (~500 resources through 120 policies the SDK's way) under two configs; the fixtures under all. */
  const corpora = (configName: string) => (["defaults", "every third rule disabled, one remediate"].includes(configName) ? ["prod (AWS)", "prod (in-cluster)", "fixtures"] : ["fixtures"]);

  for (const [configName, config] of Object.entries(CONFIGS)) {
    describe(configName, () => {
      beforeAll(async () => {
        await call(pack.dispatch.configure, configureRequest(config));
      });

      it.each(corpora(configName))("analyze: every resource of %s", async (stackName) => {
        const resources = stacks[stackName];
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        let diagnostics = 0;
        for (const r of resources) {
          const request = analyzeRequest(r, byUrn);
          const expected = onTheWire(await call(pack.sdk.analyze, arriving(request, analyzerPb.AnalyzeRequest)));
          const actual = onTheWire(await call(pack.dispatch.analyze, arriving(request, analyzerPb.AnalyzeRequest)));
          expect({ urn: r.urn, ...actual }).toEqual({ urn: r.urn, ...expected });
          diagnostics += actual.diagnosticsList.length;
        }
        if (stackName === "fixtures") expect(diagnostics).toBeGreaterThan(5);
      });

      it.each(corpora(configName))("analyzeStack: %s", async (stackName) => {
        const request = analyzeStackRequest(stacks[stackName]);
        const expected = onTheWire(await call(pack.sdk.analyzeStack, arriving(request, analyzerPb.AnalyzeStackRequest)));
        const actual = onTheWire(await call(pack.dispatch.analyzeStack, arriving(request, analyzerPb.AnalyzeStackRequest)));
        expect(actual).toEqual(expected);
      });
    });
  }

  it("the fixtures reach every branch: violations, both exemption forms, unknowns, a type no rule judges", async () => {
    await call(pack.dispatch.configure, configureRequest(CONFIGS["exemptions and per-rule settings"]));
    const answers = await Promise.all(fixtures.map(async (r) => onTheWire(await call(pack.dispatch.analyze, arriving(analyzeRequest(r), analyzerPb.AnalyzeRequest)))));
    const reasons = answers.flatMap((a) => a.notApplicableList.map((n) => n.reason));
    const messages = answers.flatMap((a) => a.diagnosticsList.map((d) => d.message));
    expect(reasons.some((r) => r.startsWith("exempt until "))).toBe(true);
    expect(reasons.some((r) => r.startsWith(`exempt by ${LABELS.exemptPrefix}PSS-B03`))).toBe(true);
    expect(messages.some((m) => m.startsWith("PSS-B03") && m.includes("not honoured") === false)).toBe(true);
    expect(messages.some((m) => m.includes("justification"))).toBe(true);
    expect(messages.some((m) => m.startsWith("can't run policy '"))).toBe(true);
    expect(answers[fixtures.length - 1].diagnosticsList).toEqual([]);
    expect(answers[fixtures.length - 1].notApplicableList.length).toBe(RULES.filter((r) => r.kind === "resource").length);
    expect(answers.flatMap((a) => a.diagnosticsList.map((d) => d.policyname))).not.toContain(DISPATCH_POLICY_NAME);
  });

  it("an error in a rule fails the request naming that rule, as the SDK's loop does", async () => {
    const rule = RULES.find((r) => r.kind === "resource" && r.resourceTypes.includes("aws:kms/key:Key"))!;
    const throwing = { ...rule, check: () => { throw new Error("boom"); } };
    const sdk = loadPolicySdk();
    const handlers = dispatchingHandlers(pack.sdk, { name: "hardened-cluster", version: "1.2.3", level: "mandatory" }, [throwing], sdk);
    const request = arriving(analyzeRequest(fixtures[9]), analyzerPb.AnalyzeRequest);
    await expect(call(handlers.analyze, request)).rejects.toThrow(`Error validating resource with policy '${rule.name}' from policy pack 'hardened-cluster@v1.2.3':\nError: boom`);
  });
});

describe("installing the dispatch", () => {
  /** A stand-in SDK whose `serve` registers its handlers the way the real one does. */
  function fakeSdk(): { sdk: PolicySdk; registered: () => AnalyzerHandlers | undefined; original: AnalyzerHandlers } {
    const real = loadPolicySdk();
    const noop = () => undefined;
    const original: AnalyzerHandlers = { analyze: noop, analyzeStack: noop, configure: noop, getAnalyzerInfo: noop, remediate: noop };
    let registered: AnalyzerHandlers | undefined;
    const grpcServer = {
      addService(_service: unknown, implementation: AnalyzerHandlers) {
        registered = implementation;
      },
    };
    const server = {
      serve: () => grpcServer.addService({}, original),
      makeAnalyzeRpcFun: real.server.makeAnalyzeRpcFun,
      makeAnalyzeStackRpcFun: real.server.makeAnalyzeStackRpcFun,
    };
    return { sdk: { ...real, server, grpcServer }, registered: () => registered, original };
  }

  it("wraps serve so the served analyze/analyzeStack/configure/getAnalyzerInfo are the dispatch's and the rest is the SDK's", () => {
    const { sdk, registered, original } = fakeSdk();
    const addService = sdk.grpcServer.addService;
    expect(dispatchByType(RULES, sdk, {})).toEqual({ installed: true });
    sdk.server.serve("hardened-cluster", "1.0.0", "mandatory", { policies: [] });
    const served = registered()!;
    expect(served.analyze).not.toBe(original.analyze);
    expect(served.analyzeStack).not.toBe(original.analyzeStack);
    expect(served.configure).not.toBe(original.configure);
    expect(served.getAnalyzerInfo).not.toBe(original.getAnalyzerInfo);
    expect(served.remediate).toBe(original.remediate);
    expect(sdk.grpcServer.addService).toBe(addService);
    expect(dispatchByType(RULES, sdk, {})).toEqual({ installed: true });
  });

  it(`${PACK_DISPATCH_ENV}=sdk leaves the SDK's loop in place`, () => {
    const { sdk, registered, original } = fakeSdk();
    expect(dispatchByType(RULES, sdk, { [PACK_DISPATCH_ENV]: "sdk" })).toMatchObject({ installed: false });
    sdk.server.serve("hardened-cluster", "1.0.0", "mandatory", { policies: [] });
    expect(registered()).toBe(original);
  });

  it("an SDK without the handler factories is left as shipped, and says why", () => {
    const { sdk, registered, original } = fakeSdk();
    const bare = { ...sdk, server: { serve: sdk.server.serve } };
    expect(dispatchByType(RULES, bare, {})).toEqual({ installed: false, reason: expect.stringContaining("makeAnalyzeRpcFun") });
    bare.server.serve("hardened-cluster", "1.0.0", "mandatory", { policies: [] });
    expect(registered()).toBe(original);
  });

  it("the pinned @pulumi/policy exposes everything the dispatch uses", () => {
    const sdk = loadPolicySdk();
    expect(typeof sdk.server.serve).toBe("function");
    expect(typeof sdk.server.makeAnalyzeRpcFun).toBe("function");
    expect(typeof sdk.server.makeAnalyzeStackRpcFun).toBe("function");
    expect(typeof sdk.protoutil.makeAnalyzeResponse).toBe("function");
    expect(typeof sdk.grpcServer.addService).toBe("function");
    expect(typeof sdk.proxy.UnknownValueError).toBe("function");
  });
});
