/**
 * Property: compliant launch templates and node pools are clean under the whole pack, and one weakening
 * (IMDS hop limit/tokens, unencrypted volume, SSH key, missing sensitive-pool taint, remoteAccess) is caught.
 */
import * as fc from "fast-check";
import { compliantLaunchTemplate, compliantNodePool, launchTemplateWeakening, nodeGroupWeakening } from "./arbitraries/nodes";
import { clone, expectCaught, expectClean, missingRules, runs } from "./support/pack";

describe("node properties", () => {
  it("registers every rule the weakenings expect", () => {
    expect(missingRules(["NODE-001", "NODE-002", "NODE-004", "NODE-005"])).toEqual([]);
  });

  it("a compliant launch template has no mandatory violation from any rule", () => {
    fc.assert(fc.property(compliantLaunchTemplate, (lt) => expectClean([lt])), runs());
  });

  it("a compliant node pool (group + its template) has no mandatory violation from any rule", () => {
    fc.assert(fc.property(compliantNodePool(), ({ group, template }) => expectClean([group, template])), runs());
  });

  it("one weakening of a launch template is caught on the template", () => {
    fc.assert(
      fc.property(compliantLaunchTemplate, launchTemplateWeakening, (lt, weakening) => {
        const weak = clone(lt);
        weakening.apply(weak);
        expectCaught([weak], {}, weakening.expected, weakening.absent);
      }),
      runs(),
    );
  });

  it("a weakened template behind a node group also fails the group (NODE-003S)", () => {
    fc.assert(
      fc.property(compliantNodePool(), launchTemplateWeakening, ({ group, template }, weakening) => {
        const weak = clone(template);
        weakening.apply(weak);
        expectCaught([group, weak], {}, ["NODE-003S", ...weakening.expected]);
      }),
      runs(100),
    );
  });

  it("one weakening of a node group is caught", () => {
    fc.assert(
      fc.property(
        nodeGroupWeakening.chain((weakening) => fc.tuple(compliantNodePool(weakening.sensitiveOnly ? true : undefined), fc.constant(weakening))),
        ([pool, weakening]) => {
          const weak = clone(pool);
          weakening.apply(weak);
          expectCaught([weak.group, weak.template], {}, weakening.expected, weakening.absent);
        },
      ),
      runs(),
    );
  });
});
