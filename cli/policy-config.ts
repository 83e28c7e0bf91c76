import * as fs from "node:fs";
import { DEFAULT_PACK_CONFIG, PACK_CONFIG_SCHEMA, type PackConfig } from "../policy-pack/core/config";
import { expiryProblem, justificationProblem } from "../policy-pack/core/exemptions";
import type { EnforcementOverrides } from "../policy-pack/core/evaluate";
import type { Rule } from "../policy-pack/core/rule";
import type { ConfigLevel, PolicyConfigFile } from "../engine/pack-config";
import { InputError } from "./errors";

export type { PolicyConfigFile };

type Level = ConfigLevel;
const LEVELS: readonly string[] = ["advisory", "mandatory", "disabled", "remediate"];


function checkLevel(file: string, where: string, value: unknown): Level {
  if (typeof value !== "string" || !LEVELS.includes(value)) throw new InputError(`${file}: ${where} must be one of advisory, mandatory, disabled (got ${JSON.stringify(value)})`);
  return (value === "remediate" ? "mandatory" : value) as Level;
}

function checkProperties(file: string, where: string, value: unknown): Partial<PackConfig> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new InputError(`${file}: ${where} must be an object of pack settings`);
  for (const [key, v] of Object.entries(value)) {
    const schema = PACK_CONFIG_SCHEMA[key];
    if (!schema) throw new InputError(`${file}: ${where}.${key} is not a pack setting: use one of ${Object.keys(PACK_CONFIG_SCHEMA).join(", ")}`);
    const type = schema.type as string | undefined;
    const ok =
      type === "array" ? Array.isArray(v) : type === "boolean" ? typeof v === "boolean" : type === "integer" ? Number.isInteger(v) : type === "string" ? typeof v === "string" : true;
    const inEnum = !Array.isArray(schema.enum) || (schema.enum as unknown[]).includes(v);
    if (!ok || !inEnum) throw new InputError(`${file}: ${where}.${key} must be ${Array.isArray(schema.enum) ? `one of ${(schema.enum as unknown[]).join(", ")}` : `of type ${type}`} (got ${JSON.stringify(v)})`);
  }
  const maxDays = (value as Partial<PackConfig>).maxExemptionDays ?? DEFAULT_PACK_CONFIG.maxExemptionDays;
  ((value as Partial<PackConfig>).exemptions ?? []).forEach((e, i) => {
    const at = `${where}.exemptions[${i}]`;
    if (!e || typeof e !== "object" || !e.match || typeof e.match !== "object") throw new InputError(`${file}: ${at}.match must be {"urn": ...}, {"type": ..., "name": ...} or {"namespace": ...}`);
    const j = justificationProblem(e.justification);
    if (j) throw new InputError(`${file}: ${at}.justification: ${j}: say why the exemption is needed (at least 20 characters)`);
    const x = expiryProblem(e.expires, maxDays);
    if (x) throw new InputError(`${file}: ${at}.expires: ${x}`);
  });
  return value as Partial<PackConfig>;
}

/** The parsed JSON of a `--policy-config` file; unreadable or malformed is bad input naming the file. */
function readPolicyConfigJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`--policy-config ${file}: ${code ? `cannot read (${code}): check the path` : `malformed JSON (${(error as Error).message}): fix the file`}`);
  }
}

/** Read and validate a `--policy-config` file against the rules (unknown policies and keys are bad input). */
export function loadPolicyConfig(file: string | undefined, rules: readonly Rule[]): PolicyConfigFile {
  if (!file) return { shared: {}, policies: {} };
  const raw = readPolicyConfigJson(file);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new InputError(`--policy-config ${file}: must be a JSON object keyed by policy name, 'all' or 'shared'`);
  const out: { all?: Level; shared: Partial<PackConfig>; policies: PolicyConfigFile["policies"] } = { shared: {}, policies: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (key === "all") out.all = checkLevel(file, "all", value);
    else if (key === "shared") out.shared = checkProperties(file, "shared", value);
    else {
      const rule = rules.find((r) => r.name === key || r.id === key);
      if (!rule) throw new InputError(`${file}: '${key}' is not a policy of the pack: use a policy name or rule id (e.g. ${rules[0]?.name ?? "eks-private-endpoint-enabled"}), 'all' or 'shared'`);
      if (typeof value === "string") out.policies[rule.name] = { enforcementLevel: checkLevel(file, key, value), properties: {} };
      else {
        const { enforcementLevel, ...props } = (value ?? {}) as Record<string, unknown>;
        out.policies[rule.name] = {
          enforcementLevel: enforcementLevel === undefined ? undefined : checkLevel(file, `${key}.enforcementLevel`, enforcementLevel),
          properties: checkProperties(file, key, props),
        };
      }
    }
  }
  return out;
}

/** A policy of another pack, as its `getAnalyzerInfo` declares it. */
export interface DeclaredPolicy {
  readonly name: string;
  readonly configSchema?: Record<string, Record<string, unknown>>;
}

function checkAgainstSchema(file: string, where: string, value: unknown, schema: Record<string, Record<string, unknown>> | undefined): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new InputError(`${file}: ${where} must be an object of policy settings`);
  for (const [key, v] of Object.entries(value)) {
    const s = schema?.[key];
    if (!s) throw new InputError(`${file}: ${where}.${key} is not a setting of that policy: ${schema ? `use one of ${Object.keys(schema).join(", ")}` : "it declares no config"}`);
    const type = s.type as string | undefined;
    const ok = type === "array" ? Array.isArray(v) : type === "boolean" ? typeof v === "boolean" : type === "integer" ? Number.isInteger(v) : type === "number" ? typeof v === "number" : type === "string" ? typeof v === "string" : type === "object" ? !!v && typeof v === "object" && !Array.isArray(v) : true;
    if (!ok) throw new InputError(`${file}: ${where}.${key} must be of type ${type} (got ${JSON.stringify(v)})`);
  }
  return value as Record<string, unknown>;
}

/**
 * Read and validate a `--policy-config` file against the policies another pack declares (`--policy-pack
 * DIR`): its policy names, its levels and each policy's own config schema.
 */
export function loadPolicyConfigFor(file: string | undefined, policies: readonly DeclaredPolicy[]): PolicyConfigFile {
  if (!file) return { shared: {}, policies: {} };
  const raw = readPolicyConfigJson(file);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new InputError(`--policy-config ${file}: must be a JSON object keyed by policy name or 'all'`);
  const out: { all?: Level; shared: PolicyConfigFile["shared"]; policies: PolicyConfigFile["policies"] } = { shared: {}, policies: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (key === "all") {
      out.all = checkLevel(file, "all", value);
      continue;
    }
    const policy = policies.find((p) => p.name === key);
    if (!policy) throw new InputError(`${file}: '${key}' is not a policy of the pack being run: use one of ${policies.map((p) => p.name).join(", ")} or 'all'`);
    if (typeof value === "string") out.policies[key] = { enforcementLevel: checkLevel(file, key, value), properties: {} };
    else {
      const { enforcementLevel, ...props } = (value ?? {}) as Record<string, unknown>;
      out.policies[key] = {
        enforcementLevel: enforcementLevel === undefined ? undefined : checkLevel(file, `${key}.enforcementLevel`, enforcementLevel),
        properties: checkAgainstSchema(file, key, props, policy.configSchema),
      };
    }
  }
  return out;
}

/** Enforcement overrides for the in-process evaluator (scan). */
export function overridesOf(config: PolicyConfigFile): EnforcementOverrides {
  const overrides: Record<string, Level> = {};
  if (config.all) overrides.all = config.all;
  for (const [name, p] of Object.entries(config.policies)) if (p.enforcementLevel) overrides[name] = p.enforcementLevel;
  return overrides;
}
