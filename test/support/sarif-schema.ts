import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/** The vendored official SARIF 2.1.0 schema (OASIS errata01; see sarif-schema-2.1.0.PROVENANCE.md). */
export const SARIF_SCHEMA_FILE = path.join(__dirname, "sarif-schema-2.1.0.json");

/** SHA-256 of the vendored schema as recorded in its provenance note. */
export const SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e";

/** SHA-256 of the vendored schema file as it is on disk. */
export function sarifSchemaHash(): string {
  return createHash("sha256").update(fs.readFileSync(SARIF_SCHEMA_FILE)).digest("hex");
}

let validator: ValidateFunction | undefined;

/**
 * The schema compiled with Ajv (draft-07). The file declares draft-04; every keyword it uses means the same in
 * draft-07 except the root `id` (draft-07 `$id`), which is renamed. A draft-04-only form (boolean
 * `exclusiveMinimum`/`exclusiveMaximum`) would change meaning, so its presence fails loudly instead.
 */
function compile(): ValidateFunction {
  if (validator) return validator;
  const text = fs.readFileSync(SARIF_SCHEMA_FILE, "utf8");
  if (/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/.test(text)) throw new Error("SARIF schema uses draft-04 boolean exclusiveMinimum/Maximum: needs a draft-04 validator");
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (raw.$schema !== "http://json-schema.org/draft-04/schema#") throw new Error(`SARIF schema declares ${String(raw.$schema)}: review sarif-schema.ts`);
  const { $schema: _draft, id, ...rest } = raw;
  const schema: Record<string, unknown> = { $schema: "http://json-schema.org/draft-07/schema#", $id: id, ...rest };
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

/** Schema violations of a SARIF log as `<instancePath> <message>` lines (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  const validate = compile();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

/**
 * What GitHub code scanning requires of an uploaded SARIF result beyond the schema (its upload checks): a
 * rule id, a message, at least one location with a physical location whose artifact URI is relative (no
 * scheme, no leading `/`) with a `uriBaseId`, and a region with a positive start line; the run's tool driver
 * has a name. Returns the problems found (empty when none).
 */
export function codeScanningProblems(log: any): string[] {
  const problems: string[] = [];
  for (const [r, run] of (log.runs ?? []).entries()) {
    if (!run.tool?.driver?.name) problems.push(`runs[${r}]: tool.driver.name missing`);
    for (const [i, result] of (run.results ?? []).entries()) {
      const at = `runs[${r}].results[${i}]`;
      if (!result.ruleId) problems.push(`${at}: no ruleId`);
      if (!result.message?.text) problems.push(`${at}: no message.text`);
      const physical = (result.locations ?? []).map((l: any) => l.physicalLocation).filter(Boolean);
      if (physical.length === 0) problems.push(`${at}: no physical location`);
      for (const p of physical) {
        const uri: string | undefined = p.artifactLocation?.uri;
        if (!uri) problems.push(`${at}: artifactLocation.uri missing`);
        else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith("/")) problems.push(`${at}: uri '${uri}' is not relative`);
        else if (!p.artifactLocation.uriBaseId) problems.push(`${at}: relative uri '${uri}' without uriBaseId`);
        if (!(p.region?.startLine >= 1)) problems.push(`${at}: no region.startLine >= 1`);
      }
    }
  }
  return problems;
}
