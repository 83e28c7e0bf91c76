/**
 * The mutation groups of scripts/mutation.ts: every file of `policy-pack/` (but the CrossGuard adapter and the entry
 * point) is mutated by exactly one group, every rule has tests in the files Stryker runs, and the pack-wide table
 * never calls a partial run pack-wide.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { RULES } from "../../policy-pack/registry";
import { MUTATION_GROUPS, NOT_MUTATED, groupsOf, matchesMutate, score, summary, tally } from "../../scripts/mutation";

const ROOT = path.resolve(__dirname, "../..");

/** Repo-relative paths (forward slashes) of the `.ts` files under a directory. */
function tsFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((f) => !f.includes("/node_modules/"))
    .sort();
}

describe("mutation groups", () => {
  const pack = tsFiles("policy-pack");

  it("puts every file of policy-pack/ except the adapter and the entry point in exactly one group", () => {
    expect(pack.length).toBeGreaterThan(150);
    const wrong = pack.filter((f) => !NOT_MUTATED.includes(f)).map((f) => [f, groupsOf(f).map((g) => g.name)] as const).filter(([, gs]) => gs.length !== 1);
    expect(wrong).toEqual([]);
    for (const f of NOT_MUTATED) {
      expect(pack).toContain(f);
      expect(groupsOf(f)).toEqual([]);
    }
  });

  it("has no mutate entry that matches nothing, and unique group names", () => {
    const stale = MUTATION_GROUPS.flatMap((g) => g.mutate.filter((m) => !pack.some((f) => matchesMutate(f, m))).map((m) => `${g.name}: ${m}`));
    expect(stale).toEqual([]);
    expect(new Set(MUTATION_GROUPS.map((g) => g.name)).size).toBe(MUTATION_GROUPS.length);
  });

  it("matches `dir/*.ts` to the files directly in dir only, and a path to itself only", () => {
    expect(matchesMutate("policy-pack/rules/eks/eks-001.ts", "policy-pack/rules/eks/*.ts")).toBe(true);
    expect(matchesMutate("policy-pack/rules/eks/sub/x.ts", "policy-pack/rules/eks/*.ts")).toBe(false);
    expect(matchesMutate("policy-pack/rules/eks-x/a.ts", "policy-pack/rules/eks/*.ts")).toBe(false);
    expect(matchesMutate("policy-pack/rules/eks/a.json", "policy-pack/rules/eks/*.ts")).toBe(false);
    expect(matchesMutate("policy-pack/core/cidr.ts", "policy-pack/core/cidr.ts")).toBe(true);
    expect(matchesMutate("policy-pack/core/cidr-host-bits.ts", "policy-pack/core/cidr.ts")).toBe(false);
  });

  it("excludes from stryker.config.json exactly the files no group mutates", () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, "stryker.config.json"), "utf8")) as { mutate: string[] };
    expect(config.mutate.filter((m) => m.startsWith("!")).map((m) => m.slice(1)).sort()).toEqual([...NOT_MUTATED].sort());
  });

  it("runs, for every rule, test files that name the rule (the tests of jest.config.mutation.js)", () => {
    const config = require("../../jest.config.mutation.js") as { roots: string[]; testPathIgnorePatterns: string[] };
    const roots = config.roots.map((r) => r.replace("<rootDir>/", ""));
    expect(roots.sort()).toEqual(["test/policy", "test/property"]);
    const ignored = config.testPathIgnorePatterns.map((p) => new RegExp(p));
    const texts = roots
      .flatMap((r) => tsFiles(r))
      .filter((f) => !ignored.some((re) => re.test(`/${f}`)))
      .map((f) => readFileSync(path.join(ROOT, f), "utf8"));
    expect(texts.length).toBeGreaterThan(50);
    const untested = RULES.map((r) => r.id).filter((id) => !texts.some((t) => new RegExp(`["'\`\\s(]${id}["'\`\\s:)]`).test(t)));
    expect(untested).toEqual([]);
  });
});

describe("mutation summary", () => {
  const report = (statuses: string[]) => ({ files: { "a.ts": { mutants: statuses.map((status) => ({ status })) } } });

  it("scores detected / (detected + undetected), leaving static and error mutants out", () => {
    const t = tally(report(["Killed", "Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError", "RuntimeError"]));
    expect(t).toEqual({ killed: 2, timeout: 1, survived: 1, noCoverage: 1, notScored: 3 });
    expect(score(t)).toBeCloseTo(60, 5);
  });

  it("labels the last row pack-wide only when every group has a report", () => {
    const all = summary(() => report(["Killed", "Survived"]), {});
    expect(all).toContain("| **pack** |");
    expect(all).not.toContain("Not run yet");
    expect(all.split("\n").filter((l) => l.startsWith("| ")).length).toBe(MUTATION_GROUPS.length + 2);

    const partial = summary((g) => (g === "eks" ? report(["Killed"]) : undefined), { eks: { seconds: 125, date: "2026-12-07T05:00Z" } });
    expect(partial).not.toContain("**pack**");
    expect(partial).toContain(`**1 of ${MUTATION_GROUPS.length} groups**`);
    expect(partial).toContain("| eks | 1 | 1 | 0 | 0 | 0 | 0 | 100.00 % | 2 min 5 s |");
    expect(partial).toContain("Not run yet: node, sg,");
    expect(partial).toContain("not a pack-wide score");
  });
});
