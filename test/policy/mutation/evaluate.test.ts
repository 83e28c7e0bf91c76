import { resolveConfig, type Exemption, type PackConfig } from "../../../policy-pack/core/config";
import { evaluateAll, evaluateResourceRule, evaluateStackRule } from "../../../policy-pack/core/evaluate";
import { exemptionFor, exemptionKey } from "../../../policy-pack/core/exemptions";
import { fieldReader, has, quietGet, UNKNOWN } from "../../../policy-pack/core/fields";
import { resourceRule, stackRule, type Finding } from "../../../policy-pack/core/rule";
import { isUnknownValueError, readMaybeUnknown } from "../../../policy-pack/core/unknowns";
import { resource } from "../../support/rules";
import { sdkProxy } from "../../support/unknowns";

const CM = "kubernetes:core/v1:ConfigMap";
const BUCKET = "aws:s3/bucket:Bucket";
const REASON = "legacy workload migrating off in Q3 (ticket SEC-42)";
const KEY = exemptionKey("TEST-101");

/** Resource rule on ConfigMaps and buckets: flags `data.password` / `tags.public`. */
const noPassword = resourceRule({
  id: "TEST-101",
  name: "test-no-password",
  description: "No passwords in ConfigMaps.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["test"],
  seed: ["test"],
  remediation: "Move the password into a Secret.",
  resourceTypes: [CM, BUCKET],
  check(r, report) {
    if ("password" in (r.props.data ?? {})) report("data.password is set");
  },
});

/** Stack rule that reports whatever findings the test hands it. */
function stackOf(findings: Finding[]) {
  return stackRule({
    id: "TEST-102",
    name: "test-stack",
    description: "Test stack rule.",
    enforcementLevel: "mandatory",
    severity: "medium",
    groups: ["test"],
    seed: ["test"],
    remediation: "Fix it.",
    resourceTypes: [CM],
    check(_resources, report) {
      for (const f of findings) report(f);
    },
  });
}

const cm = (name: string, extra: Record<string, unknown> = {}, namespace: string | undefined = "team-a") =>
  resource(CM, name, { metadata: { name, namespace, ...extra }, data: { password: "x" } });
const exemption = (match: Exemption["match"], expires = "2026-12-31"): Exemption => // within maxExemptionDays of TODAY
  ({ match, expires, justification: REASON }) as Exemption;
const cfg = (partial: Partial<PackConfig> = {}) => resolveConfig(partial);
const TODAY = new Date("2026-06-15T12:00:00Z");

describe("config exemptions: matching", () => {
  const target = cm("web");

  it("a URN exemption applies only to that URN", () => {
    const c = cfg({ exemptions: [exemption({ urn: target.urn } as Exemption["match"])] });
    expect(exemptionFor("TEST-101", target, c, TODAY).kind).toBe("exempt");
    expect(exemptionFor("TEST-101", cm("other"), c, TODAY).kind).toBe("none");
  });

  it("a type+name exemption needs both the type and the name to match", () => {
    const c = cfg({ exemptions: [exemption({ type: CM, name: "web" } as Exemption["match"])] });
    expect(exemptionFor("TEST-101", target, c, TODAY).kind).toBe("exempt");
    expect(exemptionFor("TEST-101", cm("api"), c, TODAY).kind).toBe("none");
    expect(exemptionFor("TEST-101", resource(BUCKET, "web", {}), c, TODAY).kind).toBe("none");
  });

  it("a namespace exemption applies only to Kubernetes objects in that namespace", () => {
    const c = cfg({ exemptions: [exemption({ namespace: "default" } as Exemption["match"])] });
    expect(exemptionFor("TEST-101", cm("a", {}, "default"), c, TODAY).kind).toBe("exempt");
    expect(exemptionFor("TEST-101", cm("b", {}, "team-a"), c, TODAY).kind).toBe("none");
    // AWS resources have no namespace: a `default` namespace exemption must not reach them
    expect(exemptionFor("TEST-101", resource(BUCKET, "b", {}), c, TODAY).kind).toBe("none");
  });

  it("an empty metadata.namespace falls back to the provider namespace", () => {
    const c = cfg({ exemptions: [exemption({ namespace: "apps" } as Exemption["match"])] });
    const r = { ...cm("a", {}, ""), providerNamespace: "apps" };
    expect(exemptionFor("TEST-101", r, c, TODAY).kind).toBe("exempt");
    const d = cfg({ exemptions: [exemption({ namespace: "default" } as Exemption["match"])] });
    expect(exemptionFor("TEST-101", cm("b", {}, ""), d, TODAY).kind).toBe("exempt");
  });

  it("an exemption without any selector exempts nothing", () => {
    const c = cfg({ exemptions: [exemption({} as Exemption["match"])] });
    expect(exemptionFor("TEST-101", target, c, TODAY).kind).toBe("none");
  });
});

describe("config exemptions: expiry", () => {
  const target = cm("web");
  const at = (expires: string) => cfg({ exemptions: [exemption({ urn: target.urn } as Exemption["match"], expires)] });

  it("is honoured through its expiry day and invalid the day after", () => {
    expect(exemptionFor("TEST-101", target, at("2026-06-15"), TODAY)).toEqual({ kind: "exempt", reason: `exempt until 2026-06-15: ${REASON}` });
    const expired = exemptionFor("TEST-101", target, at("2026-06-14"), TODAY);
    expect(expired.kind).toBe("invalid");
    expect(expired.kind !== "none" && expired.reason).toContain("expired on 2026-06-14");
    expect(expired.kind !== "none" && expired.reason).toContain(REASON);
  });

  it("an expired exemption is reported as a violation next to the rule's own finding", () => {
    const { violations, exemptions } = evaluateResourceRule(noPassword, target, at("2000-01-01"));
    expect(exemptions).toEqual([]);
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringContaining("exemption expired on 2000-01-01"),
      "TEST-101: data.password is set",
    ]);
  });
});

describe("resource-carried exemptions (tag/annotation)", () => {
  it("an annotation with a justification of exactly 20 characters exempts; the reason is trimmed", () => {
    const twenty = "abcd".repeat(5); // 20 characters, not a one-letter placeholder
    expect(exemptionFor("TEST-101", cm("a", { annotations: { [KEY]: `  ${twenty}  ` } }), cfg(), TODAY)).toEqual({
      kind: "exempt",
      reason: `exempt by ${KEY}: ${twenty}`,
    });
  });

  it("a justification padded to length with whitespace is too short", () => {
    const v = exemptionFor("TEST-101", cm("a", { annotations: { [KEY]: `  ${"a".repeat(19)}    ` } }), cfg(), TODAY);
    expect(v.kind).toBe("invalid");
    expect(v.kind !== "none" && v.reason).toContain("at least 20 characters");
  });

  it("a non-string justification is invalid rather than a crash", () => {
    const tagged = resource(BUCKET, "b", { tags: { [KEY]: 1234567890123456 } });
    expect(exemptionFor("TEST-101", tagged, cfg(), TODAY).kind).toBe("invalid");
  });

  it("AWS tags exempt buckets; non-object tags are ignored", () => {
    expect(exemptionFor("TEST-101", resource(BUCKET, "b", { tags: { [KEY]: REASON } }), cfg(), TODAY).kind).toBe("exempt");
    expect(exemptionFor("TEST-101", resource(BUCKET, "b", { tags: "team=a" }), cfg(), TODAY).kind).toBe("none");
    expect(exemptionFor("TEST-101", resource(BUCKET, "b", { tags: 7 }), cfg(), TODAY).kind).toBe("none");
  });

  it("when allowResourceExemptions is false the annotation is itself a violation naming the config key", () => {
    const r = cm("a", { annotations: { [KEY]: REASON } });
    const { violations } = evaluateResourceRule(noPassword, r, cfg({ allowResourceExemptions: false }));
    expect(violations).toHaveLength(2);
    expect(violations[0].message).toContain(`resource exemption ${KEY} is not honoured`);
    expect(violations[0].message).toContain("allowResourceExemptions is false");
  });

  it("an explicitly undefined config key keeps the default (resource exemptions allowed)", () => {
    const r = cm("a", { annotations: { [KEY]: REASON } });
    const out = evaluateAll([noPassword], [r], { config: { allowResourceExemptions: undefined } as Partial<PackConfig> });
    expect(out.violations).toEqual([]);
    expect(out.exemptions).toEqual([{ rule: "TEST-101", urn: r.urn, reason: `exempt by ${KEY}: ${REASON}` }]);
  });
});

describe("evaluator", () => {
  it("does not prefix the rule id twice", () => {
    const rule = stackOf([{ message: "TEST-102: already prefixed", urn: "u" }]);
    expect(evaluateStackRule(rule, [], cfg()).violations[0].message).toBe("TEST-102: already prefixed");
  });

  it("a stack finding without a URN keeps an empty URN and is not exempted", () => {
    const rule = stackOf([{ message: "global problem" }]);
    const out = evaluateStackRule(rule, [cm("web")], cfg());
    expect(out.exemptions).toEqual([]);
    expect(out.violations.map((v) => [v.urn, v.message])).toEqual([["", "TEST-102: global problem"]]);
  });

  it("a stack finding on an exempt resource is dropped and listed as an exemption", () => {
    const web = cm("web", { annotations: { [exemptionKey("TEST-102")]: REASON } });
    const api = cm("api");
    const rule = stackOf([
      { message: "web bad", urn: web.urn },
      { message: "api bad", urn: api.urn },
    ]);
    const out = evaluateStackRule(rule, [web, api], cfg());
    expect(out.violations.map((v) => v.urn)).toEqual([api.urn]);
    expect(out.exemptions).toEqual([{ rule: "TEST-102", urn: web.urn, reason: `exempt by ${exemptionKey("TEST-102")}: ${REASON}` }]);
  });

  it("evaluateAll runs stack rules once, at their overridden level, and skips disabled ones", () => {
    const web = cm("web");
    const rule = stackOf([{ message: "stack bad", urn: web.urn }]);
    const all = evaluateAll([noPassword, rule], [web]);
    expect(all.violations.map((v) => [v.rule, v.level])).toEqual([
      ["TEST-101", "mandatory"],
      ["TEST-102", "mandatory"],
    ]);
    expect(evaluateAll([rule], [web], { overrides: { "TEST-102": "advisory" } }).violations.map((v) => v.level)).toEqual(["advisory"]);
    expect(evaluateAll([noPassword, rule], [web], { overrides: { "TEST-102": "disabled" } }).violations.map((v) => v.rule)).toEqual(["TEST-101"]);
  });
});

describe("preview unknowns", () => {
  const unknownProps = () => sdkProxy.unknownCheckingProxy({ a: { b: sdkProxy.unknownStringValue } } as Record<string, any>);

  it("readMaybeUnknown turns the SDK's UnknownValueError into {known: false}", () => {
    const props = unknownProps();
    expect(readMaybeUnknown(() => props.a.b)).toEqual({ known: false });
    expect(readMaybeUnknown(() => 3)).toEqual({ known: true, value: 3 });
  });

  it("other errors propagate", () => {
    expect(isUnknownValueError(new Error("boom"))).toBe(false);
    expect(() =>
      readMaybeUnknown(() => {
        throw new TypeError("bug in rule");
      }),
    ).toThrow("bug in rule");
  });

  it("fieldReader reports each unknown path once and returns UNKNOWN", () => {
    const findings: Finding[] = [];
    const get = fieldReader(unknownProps(), (f) => findings.push(typeof f === "string" ? { message: f } : f));
    expect(get("a.b")).toBe(UNKNOWN);
    expect(get("a.b")).toBe(UNKNOWN);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ advisory: true, message: expect.stringContaining("cannot verify a.b") });
  });

  it("readers walk through null and missing intermediates without throwing", () => {
    const get = fieldReader({ a: null }, () => undefined);
    expect(get("a.b")).toBeUndefined();
    expect(quietGet({ a: null }, "a.b.c")).toBeUndefined();
    expect(quietGet(unknownProps(), "a.b")).toBe(UNKNOWN);
  });

  it("has() is false for absent, null or non-object intermediates, true for unknown values", () => {
    expect(has({}, "a.b")).toBe(false);
    expect(has({ a: null }, "a")).toBe(false);
    expect(has({ a: null }, "a.b")).toBe(false);
    expect(has({ a: "x" }, "a.b")).toBe(false);
    expect(has({ a: 5 }, "a.b")).toBe(false);
    expect(has({ a: { b: 0 } }, "a.b")).toBe(true);
    expect(has(unknownProps(), "a.b")).toBe(true);
  });
});
