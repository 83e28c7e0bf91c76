/**
 * Property: a random compliant workload (any owner type, restricted security contexts, ECR images) is clean
 * under the whole pack, and one random weakening of it is caught by the intended PSS/IMG rule.
 */
import * as fc from "fast-check";
import { compliantWorkload, OWNER_TYPES, podSpecIn, wrapPodSpec, compliantPodSpec, workloadWeakening } from "./arbitraries/workloads";
import { podSpecOf } from "../../policy-pack/core/workloads";
import { clone, expectCaught, expectClean, missingRules, runs } from "./support/pack";

const IDS = ["PSS-B02", "PSS-B03", "PSS-B04", "PSS-B05", "PSS-B06", "PSS-B11", "PSS-R01", "PSS-R02", "PSS-R03", "PSS-R04", "PSS-R05", "PSS-R06", "IMG-001", "IMG-002"];

describe("workload properties", () => {
  it("registers every rule the weakenings expect", () => {
    expect(missingRules(IDS)).toEqual([]);
  });

  it("a compliant workload of any owner type has no mandatory violation from any rule", () => {
    fc.assert(
      fc.property(compliantWorkload, (workload) => {
        // The pack sees the same pod spec the generator built (owner-type paths agree).
        expect(podSpecOf(workload.type, workload.props)?.spec).toBe(podSpecIn(workload));
        expect(podSpecIn(workload).containers.length).toBeGreaterThan(0);
        expectClean([workload]);
      }),
      runs(),
    );
  });

  it("one weakening of a compliant workload is caught by the intended rule", () => {
    fc.assert(
      fc.property(compliantWorkload, workloadWeakening, (workload, weakening) => {
        const weak = clone(workload);
        weakening.apply(weak);
        expectCaught([weak], {}, weakening.expected, weakening.absent);
      }),
      runs(300),
    );
  });

  it.each(OWNER_TYPES)("every weakening is caught inside a %s", (type) => {
    fc.assert(
      fc.property(compliantPodSpec, workloadWeakening, (spec, weakening) => {
        const weak = wrapPodSpec(type, "w", "team-a", clone(spec));
        weakening.apply(weak);
        expectCaught([weak], {}, weakening.expected, weakening.absent);
      }),
      runs(60),
    );
  });
});
