import { RuleSettings } from "../../../policy-pack/core/rule-settings";
import { resourceRule } from "../../../policy-pack/core/rule";

const rule = (name: string, enforcementLevel: "advisory" | "mandatory" = "mandatory") =>
  resourceRule({
    id: `TEST-${name}`,
    name,
    description: "d",
    enforcementLevel,
    severity: "low",
    groups: ["test"],
    seed: ["S1"],
    remediation: "r",
    resourceTypes: ["aws:kms/key:Key"],
    check: () => undefined,
  });

describe("rule settings from configure, resolved as the SDK's server resolves them", () => {
  it("level: configured, else the rule's own; remediate reports as mandatory", () => {
    const settings = new RuleSettings({ a: { enforcementLevel: "advisory" }, c: { enforcementLevel: "remediate" }, d: { enforcementLevel: "disabled" } }, "mandatory");
    expect(settings.levelOf(rule("a"))).toBe("advisory");
    expect(settings.levelOf(rule("b", "advisory"))).toBe("advisory");
    expect(settings.levelOf(rule("b2"))).toBe("mandatory");
    expect(settings.levelOf(rule("c"))).toBe("remediate");
    expect(settings.reportLevelOf(rule("c"))).toBe("mandatory");
    expect(settings.reportLevelOf(rule("a"))).toBe("advisory");
    expect(settings.levelOf(rule("d"))).toBe("disabled");
  });

  it("falls back to the pack's level when neither config nor rule says", () => {
    const bare = { ...rule("e"), enforcementLevel: undefined } as unknown as ReturnType<typeof rule>;
    expect(new RuleSettings({}, "advisory").levelOf(bare)).toBe("advisory");
  });

  it("config: the rule's properties over the defaults, without enforcementLevel; alike configs share one object", () => {
    const settings = new RuleSettings(
      { a: { enforcementLevel: "advisory", trustedCidrs: ["10.0.0.0/8"] }, b: { trustedCidrs: ["10.0.0.0/8"] }, c: { trustedCidrs: ["192.168.0.0/16"] } },
      "mandatory",
    );
    const a = settings.configOf(rule("a"));
    expect(a.trustedCidrs).toEqual(["10.0.0.0/8"]);
    expect("enforcementLevel" in a).toBe(false);
    expect(a.exemptions).toEqual([]);
    expect(settings.configOf(rule("b"))).toBe(a);
    expect(settings.configOf(rule("c")).trustedCidrs).toEqual(["192.168.0.0/16"]);
    expect(settings.configOf(rule("unconfigured")).trustedCidrs).toEqual([]);
  });
});
