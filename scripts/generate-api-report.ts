import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiReport } from "./api-report";

/** Regenerate docs/api.md, the report of the package's public names. */
const out = join(__dirname, "..", "docs", "api.md");
writeFileSync(out, apiReport());
console.log(`wrote ${out}`);
