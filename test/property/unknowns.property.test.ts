/**
 * Property: at `pulumi preview` any input may still be unknown. Take compliant subjects of every family, make
 * ONE field unknown the way the SDK does (its `unknownCheckingProxy` and sentinels), and run every rule: no
 * rule may turn the unknown into a mandatory violation. It may only defer ("cannot verify …", advisory) or
 * throw the SDK's `UnknownValueError` (which the SDK reports as advisory). Every field of each sample is tried.
 */
import * as fc from "fast-check";
import { RULES } from "../../policy-pack/registry";
import { tenantStack, vpcCni } from "../policy/k8s/fixtures";
import { expectNoMandatoryForAnyUnknownField, mandatoryAtPreview, sdkProxy, unknownablePaths, withUnknown } from "../support/unknowns";
import { compliantControlPlane, controlPlaneResources } from "./arbitraries/eks";
import { compliantLaunchTemplate, compliantNodePool } from "./arbitraries/nodes";
import { compliantRole } from "./arbitraries/rbac";
import { compliantSg, renderSg, SG_CONFIG } from "./arbitraries/security-groups";
import { compliantWorkload } from "./arbitraries/workloads";
import type { StackResource } from "../../policy-pack/core/rule";
import type { PackConfig } from "../../policy-pack/core/config";

/** A few fixed samples of a compliant arbitrary (deterministic: the seed is fixed). */
const samples = <T>(arb: fc.Arbitrary<T>, n = 4): T[] => fc.sample(arb, { numRuns: n, seed: 20261123 });

/** The subject is clean as given, and stays free of mandatory findings with any one field unknown. */
function check(resources: readonly StackResource[], config: Partial<PackConfig> = {}): number {
  expect(mandatoryAtPreview(RULES, resources, config)).toEqual([]);
  return expectNoMandatoryForAnyUnknownField(RULES, resources, config);
}

describe("an unknown field never becomes a mandatory violation", () => {
  it("EKS control plane (cluster, secrets key, log group)", () => {
    for (const cp of samples(compliantControlPlane)) expect(check(controlPlaneResources(cp), cp.config)).toBeGreaterThan(20);
  });

  it("launch templates and node pools", () => {
    for (const lt of samples(compliantLaunchTemplate)) expect(check([lt])).toBeGreaterThan(5);
    for (const pool of samples(compliantNodePool(true))) expect(check([pool.group, pool.template])).toBeGreaterThan(20);
  });

  it("security-group ingress in every form", () => {
    for (const sg of samples(compliantSg, 12)) expect(check([renderSg(sg)], SG_CONFIG)).toBeGreaterThan(3);
  });

  it("RBAC roles", () => {
    for (const role of samples(compliantRole)) expect(check([role])).toBeGreaterThan(3);
  });

  it("workloads of every owner type", () => {
    for (const w of samples(compliantWorkload, 8)) expect(check([w])).toBeGreaterThan(20);
  });

  it("a tenant's namespace with all its guards (labels, policies, quota, limits, roles, bindings, SA patch)", () => {
    expect(check([...tenantStack("team-a", "sensitive", "small"), vpcCni])).toBeGreaterThan(100);
  });

  it("the harness sees a real unknown: an unguarded read throws the SDK's UnknownValueError", () => {
    const props = sdkProxy.unknownCheckingProxy(withUnknown({ a: { b: true } }, ["a", "b"], sdkProxy.unknownBooleanValue)) as { a: { b: boolean } };
    expect(() => props.a.b).toThrow(/can't be known during preview/);
    expect(unknownablePaths({ a: [1, { b: "x" }] }).map((p) => p.path.join("."))).toEqual(["a", "a.0", "a.1", "a.1.b"]);
  });
});
