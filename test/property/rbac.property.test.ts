/**
 * Property: a Role built from the tenant role rules is clean under the whole pack, and one weakening
 * (wildcard verb, wildcard resource/group, exec/attach/portforward, escalate/bind/impersonate) is caught.
 */
import * as fc from "fast-check";
import { compliantRole, roleWeakening } from "./arbitraries/rbac";
import { clone, expectCaught, expectClean, missingRules, runs } from "./support/pack";

const IDS = ["RBAC-001", "RBAC-002", "RBAC-003", "RBAC-004"];

describe("RBAC Role properties", () => {
  it("registers every rule the weakenings expect", () => {
    expect(missingRules(IDS)).toEqual([]);
  });

  it("a Role built from tenant role rules has no mandatory violation from any rule", () => {
    fc.assert(fc.property(compliantRole, (role) => expectClean([role])), runs());
  });

  it("one weakening of a Role is caught by the intended rule", () => {
    fc.assert(
      fc.property(compliantRole, roleWeakening, (role, weakening) => {
        const weak = clone(role);
        weakening.apply(weak);
        expectCaught([weak], {}, weakening.expected, weakening.absent);
      }),
      runs(),
    );
  });
});
