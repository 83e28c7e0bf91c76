/**
 * Branch cases found by mutation testing (Stryker, group `misc`) for reading Kyverno ClusterPolicies as image
 * verification (rules/image/verification.ts, used by IMG-004/005): which rules verify, their effective failure
 * action and webhook failure policy, and which namespaces a rule's match/exclude blocks select (kinds,
 * namespaces, namespace selectors with every operator, any/all blocks).
 */
import { VERIFIER } from "../../../policy-pack/baseline/signing";
import { isVerifyingRule, ruleCoversNamespace, verifyingRules, type VerifyingRule } from "../../../policy-pack/rules/image/verification";

const verify = { verifyImages: [{ imageReferences: ["*"] }] };
const checker = { context: [{ name: "x", apiCall: { service: { url: `https://verifier.svc${VERIFIER.checkPath}` } } }] };

describe("isVerifyingRule", () => {
  it("is true for verifyImages entries or a call to the checkimages service, false otherwise", () => {
    expect(isVerifyingRule(verify)).toBe(true);
    expect(isVerifyingRule(checker)).toBe(true);
    expect(isVerifyingRule({ verifyImages: [] })).toBe(false);
    expect(isVerifyingRule({ context: [{ apiCall: { service: { url: "https://verifier.svc/other" } } }, null, { apiCall: {} }] })).toBe(false);
    expect(isVerifyingRule({ context: "x" })).toBe(false);
    expect(isVerifyingRule(null)).toBe(false);
    expect(isVerifyingRule("verifyImages")).toBe(false);
  });
});

describe("verifyingRules", () => {
  it("keeps verifying rules only, naming unnamed ones by index", () => {
    const rs = verifyingRules({ rules: [{ name: "other", validate: {} }, { ...verify }, { name: "check", ...checker }] });
    expect(rs.map((r) => [r.name, r.path])).toEqual([
      ["#1", "spec.rules[1]"],
      ["check", "spec.rules[2]"],
    ]);
    expect(verifyingRules({ rules: "x" })).toEqual([]);
    expect(verifyingRules(undefined)).toEqual([]);
  });

  it("takes the failure action per verifyImages entry or the rule, else the spec's, case-insensitively", () => {
    const enforced = (spec: object) => verifyingRules(spec).map((r) => r.enforced);
    expect(enforced({ rules: [{ verifyImages: [{ failureAction: "Enforce" }, { failureAction: "enforce" }] }] })).toEqual([true]);
    expect(enforced({ rules: [{ verifyImages: [{ failureAction: "Enforce" }, {}] }] })).toEqual([false]);
    expect(enforced({ validationFailureAction: "Enforce", rules: [{ verifyImages: [{ failureAction: "Enforce" }, {}] }] })).toEqual([true]);
    expect(enforced({ rules: [{ ...checker, validate: { failureAction: "Enforce" } }] })).toEqual([true]);
    expect(enforced({ validationFailureAction: "Audit", rules: [{ ...checker }] })).toEqual([false]);
    expect(enforced({ validationFailureAction: true, rules: [{ ...checker }] })).toEqual([false]);
  });

  it("takes the webhook failure policy, else the deprecated spec one, else Fail", () => {
    const policy = (spec: object) => verifyingRules({ rules: [verify], ...spec })[0].failurePolicy;
    expect(policy({})).toBe("Fail");
    expect(policy({ failurePolicy: "Ignore" })).toBe("Ignore");
    expect(policy({ webhookConfiguration: { failurePolicy: "Ignore" }, failurePolicy: "Fail" })).toBe("Ignore");
    expect(policy({ failurePolicy: 3 })).toBe("Fail");
  });
});

describe("ruleCoversNamespace", () => {
  const rule = (match: unknown, exclude?: unknown): VerifyingRule => ({ name: "r", path: "spec.rules[0]", enforced: true, failurePolicy: "Fail", raw: { match, exclude } });
  const pods = (extra: Record<string, unknown> = {}) => ({ resources: { kinds: ["Pod"], ...extra } });
  const labels = { team: "payments", tier: "sensitive" };

  it("selects Pods by kind (Pod, v1/Pod or *), and nothing without a match", () => {
    for (const kind of ["Pod", "v1/Pod", "*"]) expect(ruleCoversNamespace(rule({ resources: { kinds: [kind] } }), "payments", labels)).toBe(true);
    expect(ruleCoversNamespace(rule({ resources: { kinds: ["Deployment"] } }), "payments", labels)).toBe(false);
    expect(ruleCoversNamespace(rule({ resources: { kinds: "Pod" } }), "payments", labels)).toBe(false);
    expect(ruleCoversNamespace(rule({}), "payments", labels)).toBe(false);
    expect(ruleCoversNamespace(rule(undefined), "payments", labels)).toBe(false);
  });

  it("honours the namespaces list and exclude blocks", () => {
    expect(ruleCoversNamespace(rule(pods({ namespaces: ["payments"] })), "payments", labels)).toBe(true);
    expect(ruleCoversNamespace(rule(pods({ namespaces: ["other"] })), "payments", labels)).toBe(false);
    expect(ruleCoversNamespace(rule(pods({ namespaces: [] })), "payments", labels)).toBe(true);
    expect(ruleCoversNamespace(rule(pods(), pods({ namespaces: ["payments"] })), "payments", labels)).toBe(false);
    expect(ruleCoversNamespace(rule(pods(), pods({ namespaces: ["other"] })), "payments", labels)).toBe(true);
  });

  it("evaluates namespace selectors: matchLabels and every matchExpressions operator", () => {
    const sel = (namespaceSelector: unknown) => ruleCoversNamespace(rule(pods({ namespaceSelector })), "payments", labels);
    expect(sel(null)).toBe(true);
    expect(sel({ matchLabels: { team: "payments" } })).toBe(true);
    expect(sel({ matchLabels: { team: "identity" } })).toBe(false);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "Exists" }] })).toBe(true);
    expect(sel({ matchExpressions: [{ key: "zone", operator: "Exists" }] })).toBe(false);
    expect(sel({ matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] })).toBe(true);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] })).toBe(false);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "In", values: ["sensitive", "x"] }] })).toBe(true);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "In", values: ["standard"] }] })).toBe(false);
    expect(sel({ matchExpressions: [{ key: "zone", operator: "In", values: ["sensitive"] }] })).toBe(false);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["sensitive"] }] })).toBe(false);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["standard"] }] })).toBe(true);
    expect(sel({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] })).toBe(true);
    expect(sel({ matchExpressions: [{ key: "tier", operator: "In" }] })).toBe(false);
  });

  it("selects with any (one filter) and all (every filter) blocks", () => {
    const other = pods({ namespaces: ["other"] });
    expect(ruleCoversNamespace(rule({ any: [other, pods()] }), "payments", labels)).toBe(true);
    expect(ruleCoversNamespace(rule({ any: [other] }), "payments", labels)).toBe(false);
    expect(ruleCoversNamespace(rule({ all: [pods(), pods({ namespaces: ["payments"] })] }), "payments", labels)).toBe(true);
    expect(ruleCoversNamespace(rule({ all: [pods(), other] }), "payments", labels)).toBe(false);
    // Empty any/all lists fall back to the block itself as one filter.
    expect(ruleCoversNamespace(rule({ any: [], all: [], ...pods() }), "payments", labels)).toBe(true);
    expect(ruleCoversNamespace(rule({ all: [] }), "payments", labels)).toBe(false);
  });
});
