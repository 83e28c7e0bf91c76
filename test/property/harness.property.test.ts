/**
 * The assertions the properties rest on must be able to fail: a clean check that passes everything, or a
 * caught check that ignores the rule id, would make every property vacuous.
 */
import * as fc from "fast-check";
import { compliantWorkload, podSpecIn } from "./arbitraries/workloads";
import { clone, expectCaught, expectClean, mandatoryViolations, runs, weakening } from "./support/pack";

describe("property harness", () => {
  const sample = fc.sample(compliantWorkload, { numRuns: 1, seed: 42 })[0];

  it("expectClean rejects a workload with a mandatory violation, naming the rule", () => {
    const bad = clone(sample);
    podSpecIn(bad).containers[0].securityContext.privileged = true;
    expect(() => expectClean([bad])).toThrow(/PSS-B03/);
  });

  it("expectCaught rejects an unweakened workload and an unexpected extra report", () => {
    expect(() => expectCaught([sample], {}, ["PSS-B03"])).toThrow(/not caught by PSS-B03/);
    const bad = clone(sample);
    podSpecIn(bad).hostPID = true;
    expect(() => expectCaught([bad], {}, ["PSS-B02"], ["PSS-B02"])).toThrow(/unexpectedly reported by PSS-B02/);
  });

  it("weakenings print as their label in counterexamples", () => {
    const w = weakening<unknown>("drop everything", ["X-001"], () => undefined);
    expect(fc.stringify(w)).toBe("Weakening(drop everything → X-001)");
  });

  it("runs() honours PROPERTY_SCALE", () => {
    const before = process.env.PROPERTY_SCALE;
    process.env.PROPERTY_SCALE = "3";
    try {
      expect(runs(10).numRuns).toBe(30);
    } finally {
      if (before === undefined) delete process.env.PROPERTY_SCALE;
      else process.env.PROPERTY_SCALE = before;
    }
  });

  it("a compliant sample has no mandatory violations at all", () => {
    expect(mandatoryViolations([sample])).toEqual([]);
  });
});
