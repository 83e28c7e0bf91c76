import { OVERRIDDEN_BASELINE_CHECKS, PSS_CHECKS, compareVersions, parsePssVersion, type PssCheckId } from "../../../policy-pack/baseline/pss";
import { pssRules } from "../../../policy-pack/rules/pss";
import { RULES } from "../../../policy-pack/registry";

const PSS_IDS = Object.keys(PSS_CHECKS) as PssCheckId[];
const only = (group: string) => RULES.filter((r) => r.groups.includes(group)).map((r) => r.id).sort();

describe("profiles as groups", () => {
  it("lists the family in catalog order", () => {
    expect(pssRules.map((r) => r.id)).toEqual([...PSS_IDS, "PSS-X01"]);
  });

  it("--only pss-baseline is exactly the baseline checks", () => {
    expect(only("pss-baseline")).toEqual(PSS_IDS.filter((id) => PSS_CHECKS[id].level === "baseline").sort());
  });

  it("--only pss-restricted is baseline minus overridden checks plus restricted checks", () => {
    const expected = PSS_IDS.filter((id) => PSS_CHECKS[id].level === "restricted" || !OVERRIDDEN_BASELINE_CHECKS.includes(id));
    expect(only("pss-restricted")).toEqual(expected.sort());
    expect(OVERRIDDEN_BASELINE_CHECKS.slice().sort()).toEqual(["PSS-B04", "PSS-B05", "PSS-B10", "PSS-B11"]);
  });

  it("every PSS check is mandatory, names the upstream file, and X01 is in the helm group", () => {
    for (const rule of pssRules.filter((r) => r.id !== "PSS-X01")) {
      expect(rule.enforcementLevel).toBe("mandatory");
      expect(rule.upstream).toContain(`check_${PSS_CHECKS[rule.id as PssCheckId].psaId}.go`);
      expect(rule.groups).toContain("pss");
    }
    expect(pssRules.find((r) => r.id === "PSS-X01")?.groups).toEqual(["helm"]);
    for (const id of ["PSS-B02", "PSS-B03", "PSS-B05"]) expect(pssRules.find((r) => r.id === id)?.severity).toBe("critical");
  });
});

describe("versions", () => {
  it("parses latest and v1.N and rejects anything else", () => {
    expect(parsePssVersion("v1.33").minor).toBe(33);
    expect(parsePssVersion("latest").minor).toBe(Infinity);
    expect(() => parsePssVersion("v2.0")).toThrow(/latest.*v1\.N/);
    expect(() => parsePssVersion("1.x")).toThrow();
  });

  it("compares numerically, latest newest", () => {
    expect(compareVersions("v1.9", "v1.10")).toBeLessThan(0);
    expect(compareVersions("latest", "v1.99")).toBeGreaterThan(0);
    expect(compareVersions("v1.25", "1.25")).toBe(0);
  });
});
