import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError } from "../../cli/errors";
import type { PolicyConfigFile } from "../../cli/policy-config";
import { scanJson } from "../../cli/report/json";
import { scanSarif } from "../../cli/report/sarif";
import { runScan, selectRules } from "../../cli/scan";
import { loadInputs, parseText } from "../../cli/scan/load";
import { RULES, RULE_GROUPS } from "../../policy-pack/registry";
import { FIXTURES } from "./run-cli";

const yamlDir = path.join(FIXTURES, "yaml");
const NO_CONFIG: PolicyConfigFile = { shared: {}, policies: {} };
const scan = (paths: string[], only?: string[], readStdin?: () => Buffer) => runScan({ paths, only, policyConfig: NO_CONFIG, readStdin });

describe("scan loading", () => {
  it("expands multi-document files and List kinds, skipping empty documents", () => {
    const { objects, errors } = loadInputs([path.join(yamlDir, "multi.yaml")]);
    expect(errors).toEqual([]);
    expect(objects.map((o) => [o.index, o.object.kind, (o.object.metadata as any).name])).toEqual([
      [0, "ConfigMap", "settings"],
      [1, "ServiceAccount", "one"],
      [2, "Namespace", "team-b"],
    ]);
    expect(objects[0].line).toBe(2); // the line of `apiVersion`, after the Helm "# Source" comment
  });

  it("walks folders recursively for .yaml, .yml and .json only", () => {
    const { objects } = loadInputs([path.join(yamlDir, "folder")]);
    expect(objects.map((o) => path.basename(o.file)).sort()).toEqual(["a.yml", "b.json"]);
  });

  it("reads '-' from stdin", () => {
    const { objects } = loadInputs(["-"], () => Buffer.from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n"));
    expect(objects).toHaveLength(1);
    expect(objects[0].file).toBe("<stdin>");
  });

  it("names file and line of a parse error and still scans the other files", () => {
    const dir = path.join(FIXTURES, "yaml-broken");
    const report = scan([dir], ["pss-baseline"]);
    const broken = report.results.find((r) => r.file.endsWith("broken.yaml"));
    expect(broken?.error).toMatch(/broken\.yaml:\d+:\d+: /);
    expect(broken?.line).toBeGreaterThan(1);
    expect(report.results.some((r) => r.file.endsWith("ok-pod.yaml") && r.kind === "Pod")).toBe(true);
    expect(report.summary.errors).toBe(1);
  });

  it("refuses alias bombs, binary files and non-objects with clear errors", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    expect(parseText("bomb.yaml", `apiVersion: v1\nkind: ConfigMap\n${bomb}\n`).errors[0]?.error).toMatch(/bomb\.yaml:\d+:\d+: .*alias/i);
    expect(parseText("scalar.yaml", "just a string\n").errors[0]?.error).toMatch(/not a Kubernetes object/);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-scan-"));
    const bin = path.join(tmp, "image.yaml");
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(loadInputs([bin]).errors[0]?.error).toMatch(/binary/);
    expect(loadInputs([path.join(tmp, "missing.yaml")]).errors[0]?.error).toMatch(/no such file/);
  });
});

describe("scan rules", () => {
  it("rejects an unknown --only group listing the valid groups", () => {
    expect(() => selectRules(["no-such-group"])).toThrow(InputError);
    expect(() => selectRules(["no-such-group"])).toThrow(RULE_GROUPS[0] ?? "no rules");
  });

  it("selects only rules of the requested groups", () => {
    const group = RULE_GROUPS[0];
    if (!group) return; // nothing registered yet
    const selected = selectRules([group]);
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.every((r) => r.groups.includes(group))).toBe(true);
  });

  // Depends on the PSS family (PSS-B03 and the restricted profile) being registered.
  it("reports PSS-B03 on a privileged pod with --only pss-restricted, and nothing on a restricted pod", () => {
    const report = scan([path.join(yamlDir, "privileged-pod.yaml"), path.join(yamlDir, "restricted-pod.yaml")], ["pss-restricted"]);
    const [privileged, restricted] = report.results;
    expect(privileged.violations.map((v) => v.rule)).toContain("PSS-B03");
    expect(privileged.violations.find((v) => v.rule === "PSS-B03")?.level).toBe("mandatory");
    expect(restricted.name).toBe("restricted");
    expect(restricted.violations).toEqual([]);
    expect(report.summary.mandatory).toBeGreaterThan(0);
  });

  it("lists objects no rule applies to with an empty violations list, as skipped with the reason", () => {
    const report = scan([path.join(yamlDir, "folder")], ["pss-restricted"]);
    const objects = report.results.filter((r) => r.kind !== undefined);
    expect(objects).toHaveLength(2);
    expect(objects.every((r) => r.violations.length === 0 && r.status === "skipped" && /no selected rule applies/.test(r.reason ?? ""))).toBe(true);
    // the non-manifest file of the folder is listed too, not dropped silently
    expect(report.results.find((r) => r.file.endsWith("readme.txt"))).toMatchObject({ status: "skipped", reason: expect.stringMatching(/not a \.yaml/) });
    expect(report.summary).toMatchObject({ objects: 2, skipped: 3, judged: 0, errors: 0 });
  });
});

describe("scan reports", () => {
  const report = scan([path.join(yamlDir, "privileged-pod.yaml"), path.join(yamlDir, "multi.yaml")], ["pss-restricted"]);

  it("writes the JSON shape of design.md", () => {
    const json = JSON.parse(scanJson(report));
    expect(Object.keys(json.summary)).toEqual(expect.arrayContaining(["objects", "mandatory", "advisory"]));
    expect(json.summary.objects).toBe(4);
    for (const r of json.results) {
      expect(r).toEqual(expect.objectContaining({ file: expect.any(String), index: expect.any(Number), kind: expect.any(String), name: expect.any(String), violations: expect.any(Array) }));
      expect("namespace" in r).toBe(true);
      for (const v of r.violations) expect(Object.keys(v).sort()).toEqual(["column", "level", "line", "message", "name", "remediation", "rule"]);
    }
    expect(json.results.find((r: any) => r.kind === "Namespace").namespace).toBeNull();
  });

  it("writes SARIF 2.1.0 with rules, levels and file locations", () => {
    const sarif = JSON.parse(scanSarif(report, RULES));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("hardened-cluster");
    const ruleIds = run.tool.driver.rules.map((r: any) => r.id);
    for (const rule of run.tool.driver.rules) {
      expect(rule).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), shortDescription: { text: expect.any(String) }, fullDescription: { text: expect.any(String) } }));
      expect(rule.help.text).toContain("Fix:");
      expect(Array.isArray(rule.properties.tags)).toBe(true);
      if (rule.helpUri) expect(rule.helpUri).toMatch(/^https?:\/\//);
    }
    expect(run.results.length).toBe(report.summary.mandatory + report.summary.advisory);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(["error", "warning"]).toContain(result.level);
      expect(result.message.text).toMatch(/\.$/);
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toMatch(/privileged-pod\.yaml$/);
      expect(loc.artifactLocation.uri).not.toMatch(/^\//);
      // the region points at the offending field, not the document start
      expect(loc.region.startLine).toBeGreaterThan(1);
      expect(loc.region.startColumn).toBeGreaterThan(0);
    }
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toMatch(/^file:\/\/.*\/$/);
  });
});
