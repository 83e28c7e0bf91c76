/**
 * Property: compliant security-group ingress (any of the three forms, rows of the port table with permitted
 * sources) is clean under the whole pack, and one weakened ingress rule is caught by the intended SG rule.
 */
import * as fc from "fast-check";
import { compliantSg, renderSg, SG_CONFIG, sgWeakening } from "./arbitraries/security-groups";
import { clone, expectCaught, expectClean, missingRules, runs } from "./support/pack";

describe("security-group properties", () => {
  it("registers every rule the weakenings expect", () => {
    expect(missingRules(["SG-001", "SG-002", "SG-003", "SG-004"])).toEqual([]);
  });

  it("compliant ingress in every form has no mandatory violation from any rule", () => {
    fc.assert(
      fc.property(compliantSg, (sg) => expectClean([renderSg(sg)], SG_CONFIG)),
      runs(300),
    );
  });

  it("one weakened ingress rule is caught by the intended rule", () => {
    fc.assert(
      fc.property(compliantSg, sgWeakening, (sg, weakening) => {
        const weak = clone(sg);
        weakening.apply(weak);
        expectCaught([renderSg(weak)], SG_CONFIG, weakening.expected, weakening.absent);
      }),
      runs(300),
    );
  });
});
