import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { RULES } from "../../policy-pack/registry";
import { previewSarif, sourceRoot } from "../../cli/report/sarif";
import type { PreviewReport } from "../../cli/report/model";
import type { RecordedResource } from "../../engine/record";
import { FIXTURES, ROOT } from "./run-cli";

const program = path.join(FIXTURES, "program");
const main = path.join(program, "index.ts");

function resource(urn: string, sourcePosition: RecordedResource["sourcePosition"]): RecordedResource {
  return {
    urn,
    type: urn.split("::")[2],
    name: urn.split("::")[3],
    custom: true,
    parent: null,
    inputs: {},
    outputs: {},
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
    provider: null,
    sourcePosition,
  };
}

function report(resources: RecordedResource[]): PreviewReport {
  return {
    stack: "test",
    project: "cli-fixture",
    program: { dir: program, main },
    resources,
    violations: resources.map((r) => ({ rule: "EKS-001", name: "eks-private-endpoint-enabled", level: "mandatory", urn: r.urn, message: "EKS-001 private endpoint off", remediation: "Set it." })),
    exemptions: [],
    notes: [],
    unverified: [],
    summary: { resources: resources.length, mandatory: resources.length, advisory: 0, unverified: 0, seconds: 0 },
  };
}

describe("preview SARIF locations (issue 18.1)", () => {
  it("resolves URIs from the git work tree holding the program", () => {
    expect(sourceRoot(program)).toBe(ROOT);
  });

  it("falls back to the program's main file, line 1, when a resource has no usable position", () => {
    const log = JSON.parse(
      previewSarif(
        report([
          resource("urn:pulumi:test::cli-fixture::aws:eks/cluster:Cluster::none", null),
          resource("urn:pulumi:test::cli-fixture::aws:eks/cluster:Cluster::outside", { uri: pathToFileURL("/nonexistent/elsewhere.ts").href, line: 7 }),
          resource("urn:pulumi:test::cli-fixture::aws:eks/cluster:Cluster::known", { uri: pathToFileURL(main).href, line: 17 }),
        ]),
        RULES,
      ),
    );
    const locations = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation);
    const uri = "test/cli/fixtures/program/index.ts";
    expect(locations).toEqual([
      { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } },
      { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } },
      { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: { startLine: 17 } },
    ]);
    const rule = log.runs[0].tool.driver.rules.find((r: any) => r.id === "EKS-001");
    expect(rule.helpUri).toMatch(/\/docs\/rules\.md#eks-\d+$/);
  });
});
