import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_FAMILIES, RULES } from "../../policy-pack/registry";
import { renderRulesMarkdown } from "../../scripts/rules-markdown";

describe("docs/rules.md", () => {
  it("is up to date with the registry (run `npm run docs`)", () => {
    const onDisk = readFileSync(join(__dirname, "..", "..", "docs", "rules.md"), "utf8");
    expect(onDisk).toBe(renderRulesMarkdown(RULE_FAMILIES));
  });

  it("has a row for every rule", () => {
    const doc = renderRulesMarkdown(RULE_FAMILIES);
    for (const rule of RULES) expect(doc).toContain(`| ${rule.id} | \`${rule.name}\` |`);
  });
});
