import { RULES, RULE_GROUPS, findRule } from "../../../policy-pack/registry";

describe("rule registry", () => {
  it("has unique ids and names", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s carries complete metadata", (_id, rule) => {
    expect(rule.id).toMatch(/^[A-Z]+-[A-Z]?[0-9]{2,3}[A-Z]?$/);
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.name).not.toBe("all");
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.remediation.length).toBeGreaterThan(10);
    expect(rule.seed.length).toBeGreaterThan(0);
    for (const seed of rule.seed) expect(seed).toMatch(/^S[0-4]\b/);
    expect(rule.groups.length).toBeGreaterThan(0);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    expect(["advisory", "mandatory"]).toContain(rule.enforcementLevel);
  });

  it("finds rules by id and by name, and lists the scanner groups", () => {
    for (const rule of RULES) {
      expect(findRule(rule.id)).toBe(rule);
      expect(findRule(rule.name)).toBe(rule);
    }
    expect(findRule("NOPE-999")).toBeUndefined();
    expect(RULE_GROUPS).toEqual([...new Set(RULES.flatMap((r) => r.groups))].sort());
  });
});
