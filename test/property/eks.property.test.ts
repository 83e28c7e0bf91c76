/**
 * Property: a compliant EKS control plane (cluster + secrets key + log group) is clean under the whole pack,
 * and one weakening of the cluster (public endpoint without CIDRs, a dropped log type, no secrets encryption,
 * ConfigMap authentication) is caught by the intended rule.
 */
import * as fc from "fast-check";
import { clusterWeakeningArb, compliantControlPlane, controlPlaneResources } from "./arbitraries/eks";
import { clone, expectCaught, expectClean, missingRules, runs } from "./support/pack";

describe("EKS control-plane properties", () => {
  it("registers every rule the weakenings expect", () => {
    expect(missingRules(["EKS-002", "EKS-003", "EKS-004", "EKS-005", "EKS-006"])).toEqual([]);
  });

  it("a compliant control plane has no mandatory violation from any rule", () => {
    fc.assert(
      fc.property(compliantControlPlane, (cp) => expectClean(controlPlaneResources(cp), cp.config)),
      runs(),
    );
  });

  it("one weakening of the cluster is caught by the intended rule", () => {
    fc.assert(
      fc.property(compliantControlPlane, clusterWeakeningArb, (cp, weakening) => {
        const weak = clone(cp);
        weakening.apply(weak);
        expectCaught(controlPlaneResources(weak), weak.config, weakening.expectedFor(weak.config), weakening.absent);
      }),
      runs(),
    );
  });
});
