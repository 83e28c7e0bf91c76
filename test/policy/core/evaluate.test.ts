import { resolveConfig, DEFAULT_PACK_CONFIG } from "../../../policy-pack/core/config";
import { effectiveLevel, evaluateAll, evaluateResourceRule, evaluateStackRule } from "../../../policy-pack/core/evaluate";
import { exemptionFor, exemptionKey } from "../../../policy-pack/core/exemptions";
import { resourceRule, stackRule } from "../../../policy-pack/core/rule";
import { resource } from "../../support/rules";

/** A real rule built with the core API: ConfigMaps must not carry a `password` key. */
const noPasswordKey = resourceRule({
  id: "TEST-001",
  name: "test-no-password-key",
  description: "ConfigMaps must not hold passwords.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["test"],
  seed: ["S1 §5.12"],
  remediation: "Move `data.password` into a Secret.",
  resourceTypes: ["kubernetes:core/v1:ConfigMap"],
  check(r, report) {
    if ("password" in (r.props.data ?? {})) report({ message: "data.password is set", remediation: "delete data.password" });
    if ("token" in (r.props.data ?? {})) report({ message: "data.token cannot be verified", advisory: true });
  },
});

const everyNamespaceHasQuota = stackRule({
  id: "TEST-002",
  name: "test-namespace-has-quota",
  description: "Every namespace has a quota.",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["test"],
  seed: ["S4"],
  remediation: "Add a ResourceQuota.",
  resourceTypes: ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:ResourceQuota"],
  check(resources, report) {
    const withQuota = new Set(resources.filter((r) => r.type.endsWith(":ResourceQuota")).map((r) => r.props.metadata.namespace));
    for (const ns of resources.filter((r) => r.type.endsWith(":Namespace"))) {
      if (!withQuota.has(ns.props.metadata.name)) report({ message: `namespace ${ns.props.metadata.name} has no quota`, urn: ns.urn });
    }
  },
});

const bad = resource("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "cm", namespace: "team-a" }, data: { password: "x" } });
const good = resource("kubernetes:core/v1:ConfigMap", "ok", { metadata: { name: "ok", namespace: "team-a" }, data: { user: "x" } });

describe("evaluator", () => {
  it("prefixes the rule id, keeps the finding's remediation and the rule's level", () => {
    const { violations } = evaluateResourceRule(noPasswordKey, bad, resolveConfig({}));
    expect(violations).toEqual([
      { rule: "TEST-001", name: "test-no-password-key", level: "mandatory", urn: bad.urn, message: "TEST-001: data.password is set", remediation: "delete data.password" },
    ]);
  });

  it("reports nothing for a compliant resource or another type", () => {
    expect(evaluateResourceRule(noPasswordKey, good, resolveConfig({})).violations).toEqual([]);
    expect(evaluateResourceRule(noPasswordKey, { ...bad, type: "kubernetes:core/v1:Secret" }, resolveConfig({})).violations).toEqual([]);
  });

  it("downgrades advisory findings inside a mandatory rule", () => {
    const r = resource("kubernetes:core/v1:ConfigMap", "t", { data: { token: "x" } });
    expect(evaluateResourceRule(noPasswordKey, r, resolveConfig({})).violations.map((v) => v.level)).toEqual(["advisory"]);
  });

  it("applies enforcement overrides by id, by name and by `all`", () => {
    expect(effectiveLevel(noPasswordKey, { "TEST-001": "advisory" })).toBe("advisory");
    expect(effectiveLevel(noPasswordKey, { "test-no-password-key": "disabled" })).toBe("disabled");
    expect(effectiveLevel(noPasswordKey, { all: "advisory" })).toBe("advisory");
    expect(effectiveLevel(noPasswordKey, {})).toBe("mandatory");
    const out = evaluateAll([noPasswordKey], [bad], { overrides: { "TEST-001": "disabled" } });
    expect(out.violations).toEqual([]);
    expect(evaluateAll([noPasswordKey], [bad], { overrides: { all: "advisory" } }).violations[0].level).toBe("advisory");
  });

  it("runs stack rules with the offending URN", () => {
    const ns = (name: string) => resource("kubernetes:core/v1:Namespace", name, { metadata: { name } });
    const quota = resource("kubernetes:core/v1:ResourceQuota", "q", { metadata: { name: "q", namespace: "a" } });
    const { violations } = evaluateStackRule(everyNamespaceHasQuota, [ns("a"), ns("b"), quota], resolveConfig({}));
    expect(violations.map((v) => [v.urn, v.level])).toEqual([[ns("b").urn, "advisory"]]);
  });
});

describe("exemptions", () => {
  const today = new Date("2026-11-23T00:00:00Z");
  const justification = "vendor chart needs this until v2 ships";

  it("honours a config exemption by URN, by type+name and by namespace until it expires", () => {
    for (const match of [{ urn: bad.urn }, { type: bad.type, name: bad.name }, { namespace: "team-a" }]) {
      const config = resolveConfig({ exemptions: [{ match, justification, expires: "2027-01-01" }] });
      expect(exemptionFor("TEST-001", bad, config, today)).toEqual({ kind: "exempt", reason: `exempt until 2027-01-01: ${justification}` });
    }
    const expired = resolveConfig({ exemptions: [{ match: { urn: bad.urn }, justification, expires: "2026-01-01" }] });
    expect(exemptionFor("TEST-001", bad, expired, today).kind).toBe("invalid");
  });

  it("does not match other resources", () => {
    const config = resolveConfig({ exemptions: [{ match: { namespace: "team-b" }, justification, expires: "2027-01-01" }] });
    expect(exemptionFor("TEST-001", bad, config, today)).toEqual({ kind: "none" });
  });

  it("honours a justified annotation, rejects an unjustified one, and can be switched off", () => {
    const annotated = (value: string) =>
      resource("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "cm", annotations: { [exemptionKey("TEST-001")]: value } }, data: { password: "x" } });
    expect(exemptionFor("TEST-001", annotated(justification), resolveConfig({})).kind).toBe("exempt");
    expect(exemptionFor("TEST-002", annotated(justification), resolveConfig({})).kind).toBe("none");
    expect(exemptionFor("TEST-001", annotated("because"), resolveConfig({})).kind).toBe("invalid");
    expect(exemptionFor("TEST-001", annotated(justification), resolveConfig({ allowResourceExemptions: false })).kind).toBe("invalid");
  });

  it("reads AWS exemptions from tags", () => {
    const tagged = resource("aws:kms/key:Key", "k", { tags: { [exemptionKey("KMS-001")]: justification } });
    expect(exemptionFor("KMS-001", tagged, resolveConfig({})).kind).toBe("exempt");
  });

  it("lists applied exemptions and reports an unjustified one as a violation of the rule", () => {
    const expires = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10); // within maxExemptionDays
    const exempted = evaluateAll([noPasswordKey], [bad], { config: { exemptions: [{ match: { urn: bad.urn }, justification, expires }] } });
    expect(exempted.violations).toEqual([]);
    expect(exempted.exemptions).toEqual([{ rule: "TEST-001", urn: bad.urn, reason: `exempt until ${expires}: ${justification}` }]);
    const unjustified = { ...bad, props: { ...bad.props, metadata: { ...bad.props.metadata, annotations: { [exemptionKey("TEST-001")]: "" } } } };
    const messages = evaluateAll([noPasswordKey], [unjustified]).violations.map((v) => v.message);
    expect(messages).toEqual([expect.stringContaining("needs a justification"), "TEST-001: data.password is set"]);
  });
});

describe("pack config", () => {
  it("fills defaults and ignores unknown keys", () => {
    const config = resolveConfig({ trustedCidrs: ["203.0.113.0/24"], bogus: 1 } as never);
    expect(config.trustedCidrs).toEqual(["203.0.113.0/24"]);
    expect(config.minKubernetesVersion).toBe(DEFAULT_PACK_CONFIG.minKubernetesVersion);
    expect("bogus" in config).toBe(false);
  });
});
