import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_FAMILIES, RULES } from "../policy-pack/registry";
import { GUIDANCE_POINTS } from "./guidance-points";
import { renderRulesMarkdown } from "./rules-markdown";
import { renderTraceability } from "./traceability-markdown";

/** Regenerate the docs that are derived from rule metadata. */
const docs = join(__dirname, "..", "docs");
writeFileSync(join(docs, "rules.md"), renderRulesMarkdown(RULE_FAMILIES));
writeFileSync(join(docs, "traceability.md"), renderTraceability(GUIDANCE_POINTS, RULES));
console.log(`wrote ${docs}/rules.md and ${docs}/traceability.md`);
