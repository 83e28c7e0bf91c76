import { PackClient } from "../../engine/analyzer-client";
import { analyzeWithPack, policyConfigMap } from "../../engine/analyze";
import { recorded } from "../support/recorded";
import { previewHeapFlags } from "../../engine/heap-flags";
import { startPack, type PackProcess } from "../../engine/pack-process";
import { findRule } from "../../policy-pack/registry";
import { PACK_DISPATCH_ENV } from "../../policy-pack/core/dispatch";


const CLUSTER = "aws:eks/cluster:Cluster";
const noPrivateEndpoint = recorded(CLUSTER, "open", { name: "open", roleArn: "arn:aws:iam::123456789012:role/eks", vpcConfig: { subnetIds: ["subnet-a"] } });
const privateEndpoint = recorded(CLUSTER, "private", {
  name: "private",
  roleArn: "arn:aws:iam::123456789012:role/eks",
  vpcConfig: { subnetIds: ["subnet-a"], endpointPrivateAccess: true, endpointPublicAccess: false },
});

// Drives the REAL policy pack process over the analyzer protocol. Depends on EKS-001 being registered.
describe("policy pack over the analyzer protocol", () => {
  let pack: PackProcess;
  beforeAll(async () => {
    pack = await startPack();
  });
  afterAll(() => pack?.stop());

  it("runs with the preview heap flags (a 64 MB young generation: linear on large stacks, engine/heap-flags.ts)", () => {
    expect(pack.child.spawnargs).toEqual(expect.arrayContaining(previewHeapFlags()));
    expect(previewHeapFlags()).toEqual(["--max-semi-space-size=64"]);
  });

  it("lists the registry's policies with their default levels", async () => {
    const client = new PackClient(pack.port);
    try {
      const policies = await client.policies();
      const rule = findRule("EKS-001");
      expect(policies.find((p) => p.name === rule?.name)?.enforcementLevel).toBe(rule?.enforcementLevel);
    } finally {
      client.close();
    }
  });

  it("reports EKS-001 as mandatory on a cluster without a private endpoint and not on a compliant one", async () => {
    const { violations } = await analyzeWithPack(pack.port, [noPrivateEndpoint, privateEndpoint], { shared: {}, policies: {} });
    const eks001 = violations.filter((v) => v.rule === "EKS-001");
    expect(eks001).toHaveLength(1);
    expect(eks001[0]).toMatchObject({ name: "eks-private-endpoint-enabled", level: "mandatory", urn: noPrivateEndpoint.urn });
    expect(eks001[0].message).toMatch(/^EKS-001: /);
    expect(eks001[0].remediation).toBe(findRule("EKS-001")?.remediation);
    expect(violations.filter((v) => v.urn === privateEndpoint.urn && v.rule === "EKS-001")).toEqual([]);
  });

  it("applies per-policy levels and shared settings sent with configure, and reports exemptions", async () => {
    const name = findRule("EKS-001")!.name;
    const config = {
      shared: {
        exemptions: [{ match: { urn: privateEndpoint.urn }, expires: new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10), justification: "fixture exemption for the protocol test" }],
      },
      policies: { [name]: { enforcementLevel: "advisory" as const, properties: {} } },
    };
    const { violations, exemptions } = await analyzeWithPack(pack.port, [noPrivateEndpoint, privateEndpoint], config);
    expect(violations.find((v) => v.rule === "EKS-001")?.level).toBe("advisory");
    expect(exemptions.some((e) => e.urn === privateEndpoint.urn && e.reason.startsWith("exempt until "))).toBe(true);
  });

  it(`serves the type dispatch, with the same verdicts as the SDK's own loop (${PACK_DISPATCH_ENV}=sdk)`, async () => {
    const privileged = recorded("kubernetes:core/v1:Pod", "priv", { metadata: { name: "priv", namespace: "team-a" }, spec: { containers: [{ name: "c", image: "nginx", securityContext: { privileged: true } }] } });
    const resources = [noPrivateEndpoint, privateEndpoint, privileged];
    const config = {
      shared: {
        exemptions: [{ match: { urn: privateEndpoint.urn }, expires: new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10), justification: "fixture exemption for the protocol test" }],
      },
      policies: { [findRule("PSS-B03")!.name]: { enforcementLevel: "advisory" as const, properties: {} } },
    };
    const previous = process.env[PACK_DISPATCH_ENV];
    process.env[PACK_DISPATCH_ENV] = "sdk";
    const sdkLoop = startPack();
    if (previous === undefined) delete process.env[PACK_DISPATCH_ENV];
    else process.env[PACK_DISPATCH_ENV] = previous;
    try {
      const expected = await analyzeWithPack((await sdkLoop).port, resources, config);
      const actual = await analyzeWithPack(pack.port, resources, config);
      expect(actual).toEqual(expected);
      expect(actual.violations.find((v) => v.rule === "PSS-B03")?.level).toBe("advisory");
      expect(actual.exemptions.length).toBeGreaterThan(0);
    } finally {
      sdkLoop.kill();
    }
  });

  it("fans shared settings out to every policy", () => {
    const map = policyConfigMap([{ name: "a", enforcementLevel: "mandatory" }, { name: "b", enforcementLevel: "advisory" }], {
      all: "advisory",
      shared: { trustedCidrs: ["10.0.0.0/8"] },
      policies: { b: { enforcementLevel: "disabled", properties: { minRetentionDays: 30 } } },
    });
    expect(map.a).toEqual({ enforcementLevel: "advisory", properties: { trustedCidrs: ["10.0.0.0/8"] } });
    expect(map.b).toEqual({ enforcementLevel: "disabled", properties: { trustedCidrs: ["10.0.0.0/8"], minRetentionDays: 30 } });
  });
});
