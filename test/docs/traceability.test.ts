import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as components from "../../components";
import { RULES } from "../../policy-pack/registry";
import { GUIDANCE_POINTS } from "../../scripts/guidance-points";
import { renderTraceability, testsByRule } from "../../scripts/traceability-markdown";

describe("docs/traceability.md", () => {
  it("is up to date (run `npm run docs`)", () => {
    expect(readFileSync(join(__dirname, "..", "..", "docs", "traceability.md"), "utf8")).toBe(renderTraceability(GUIDANCE_POINTS, RULES));
  });

  it("traces every rule to a guidance point, and every point to real rules and exported components", () => {
    const traced = new Set(GUIDANCE_POINTS.flatMap((p) => p.rules));
    expect(RULES.filter((r) => !traced.has(r.id)).map((r) => r.id)).toEqual([]);
    const ids = new Set(RULES.map((r) => r.id));
    for (const p of GUIDANCE_POINTS) {
      expect(p.rules.filter((id) => !ids.has(id))).toEqual([]);
      expect(p.components.filter((c) => !(c in components))).toEqual([]);
    }
  });

  it("every rule has a seed source and is exercised by at least one policy test", () => {
    const tests = testsByRule(RULES);
    for (const rule of RULES) {
      expect(rule.seed.length).toBeGreaterThan(0);
      expect((tests.get(rule.id) ?? []).filter((f) => f.startsWith("test/policy/")).length).toBeGreaterThan(0);
    }
  });
});
