import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_FAMILIES, RULES } from "../../policy-pack/registry";
import { renderRulesMarkdown } from "../../scripts/rules-markdown";
import { ruleAnchor } from "../../cli/report/rule-help";

describe("docs/rules.md", () => {
  it("is up to date with the registry (run `npm run docs`)", () => {
    const onDisk = readFileSync(join(__dirname, "..", "..", "docs", "rules.md"), "utf8");
    expect(onDisk).toBe(renderRulesMarkdown(RULE_FAMILIES));
  });

  it("has a row for every rule, anchored by the rule id (the SARIF helpUri target)", () => {
    const doc = renderRulesMarkdown(RULE_FAMILIES);
    for (const rule of RULES) expect(doc).toContain(`| <a id="${ruleAnchor(rule.id)}"></a>${rule.id} | \`${rule.name}\` |`);
  });
});
