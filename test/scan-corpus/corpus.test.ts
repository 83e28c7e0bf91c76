import * as fs from "node:fs";
import * as path from "node:path";
import { runScan } from "../../cli/scan";
import { EXPECTED } from "./expected";

// Regression corpus of issue 17: every trap file is judged as the API server would read it, and each
// finding points at the offending field.
const TRAPS = path.join(__dirname, "traps");
const report = runScan({ paths: [TRAPS], only: ["pss-restricted"], policyConfig: { shared: {}, policies: {} } });

describe("scan regression corpus (test/scan-corpus/traps)", () => {
  it("has an expectation for every file and a file for every expectation", () => {
    expect(fs.readdirSync(TRAPS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(Object.entries(EXPECTED))("%s", (file, expected) => {
    const results = report.results.filter((r) => path.basename(r.file) === file);

    it("yields exactly the expected objects and errors", () => {
      expect(results.filter((r) => r.kind !== undefined).map((r) => r.name)).toEqual(expected.objects.map((o) => o.name));
      const errors = results.filter((r) => r.status === "error").map((r) => r.error ?? "");
      expect(errors).toHaveLength(expected.errors?.length ?? 0);
      (expected.errors ?? []).forEach((re, i) => expect(errors[i]).toMatch(re));
    });

    const objects = expected.objects.map((o) => [o.name, o] as const);
    if (objects.length > 0) it.each(objects)("%s: rules, status and field location", (_n, o) => {
      const r = results.find((x) => x.name === o.name);
      expect(r).toMatchObject({ kind: o.kind, status: o.status ?? "judged" });
      const rules = r?.violations.map((v) => v.rule) ?? [];
      for (const rule of o.rules) expect(rules).toContain(rule);
      if (o.rules.length === 0) expect(rules).toEqual([]);
      if (o.privilegedAt) {
        const v = r?.violations.find((x) => x.rule === "PSS-B03");
        expect(`${v?.line}:${v?.column}`).toBe(o.privilegedAt);
      }
    });
  });

  it("lists the kube-system object as exempt with the exemption and its source", () => {
    const r = report.results.find((x) => x.name === "node-agent");
    expect(r?.exemptions).toEqual([{ rule: "PSS-*", reason: expect.stringMatching(/kube-system is exempt/), source: "pack config (default)" }]);
  });
});
