import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_FAMILIES } from "../policy-pack/registry";
import { renderRulesMarkdown } from "./rules-markdown";

/** Regenerate the docs that are derived from rule metadata. */
const target = join(__dirname, "..", "docs", "rules.md");
writeFileSync(target, renderRulesMarkdown(RULE_FAMILIES));
console.log(`wrote ${target}`);
