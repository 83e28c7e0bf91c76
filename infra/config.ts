import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { platformConfigSchema, platformConfigShape, type PlatformConfig } from "./schema";

export { guardDutyEnabled, inClusterStackFile, platformConfigSchema, platformConfigShape, poolSchema, type PlatformConfig, type PoolConfig } from "./schema";

/** The stack-config namespace of the platform program. */
export const CONFIG_NAMESPACE = "hardened-cluster";

/** One problem with the stack configuration: the full config key, what is wrong and how to fix it. */
export interface ConfigIssue {
  /** e.g. `hardened-cluster:nodePools.sensitive.metadataHopLimit`. */
  readonly key: string;
  readonly message: string;
  readonly fix: string;
}

/** Thrown before any resource is registered when the stack configuration is invalid. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid stack configuration:\n${issues.map((i) => `  ${i.key}: ${i.message}. Fix: ${i.fix}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The full config key of a path: `hardened-cluster:tenants[1].namespaces[0]`. */
export function keyOf(path: readonly (string | number)[]): string {
  const rest = path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc === "" ? part : `${acc}.${part}`), "");
  return `${CONFIG_NAMESPACE}:${rest}`;
}

function fixFor(issue: z.ZodIssue, shape: Readonly<Record<string, z.ZodTypeAny>>): string {
  const key = keyOf(issue.path);
  switch (issue.code) {
    case "custom":
      return typeof issue.params?.fix === "string" ? issue.params.fix : `correct ${key} as described`;
    case "unrecognized_keys":
      return `remove ${issue.keys.join(", ")} from ${key} (allowed: ${issue.path.length === 0 ? Object.keys(shape).join(", ") : "see the schema"})`;
    case "invalid_type":
      return issue.received === "undefined" ? `set ${key} in the stack file` : `set ${key} to a ${issue.expected} (got ${issue.received})`;
    case "invalid_literal":
      return `set ${key} to ${JSON.stringify(issue.expected)}`;
    case "invalid_enum_value":
      return `set ${key} to one of ${issue.options.join(", ")}`;
    default:
      return `correct ${key} as described`;
  }
}

/** Turn zod issues into named-field config issues. */
export function toConfigIssues(error: z.ZodError, shape: Readonly<Record<string, z.ZodTypeAny>> = platformConfigShape): ConfigIssue[] {
  return error.issues.map((issue) => {
    const path = issue.code === "unrecognized_keys" && issue.path.length === 0 ? [issue.keys[0]] : issue.path;
    return { key: keyOf(path), message: issue.message, fix: fixFor(issue, shape) };
  });
}

/** Unwrap optional/default/effects wrappers to see what a top-level key holds. */
function baseType(t: z.ZodTypeAny): z.ZodTypeAny {
  let cur = t;
  for (;;) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) cur = cur._def.innerType;
    else if (cur instanceof z.ZodEffects) cur = cur._def.schema;
    else return cur;
  }
}

/** Decode one stack-file value (always text in Pulumi config) by the type its key expects. */
function decode(shape: Readonly<Record<string, z.ZodTypeAny>>, key: string, text: string): unknown {
  const type = shape[key];
  if (type && baseType(type) instanceof z.ZodString) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Validate the `hardened-cluster:*` keys of raw stack config against `schema` (whose object shape is
 * `shape`). Keys of other namespaces (`aws:region`) are ignored. Throws {@link ConfigError} naming every bad key.
 */
export function parseNamespacedConfig<S extends z.ZodTypeAny>(raw: Readonly<Record<string, string>>, schema: S, shape: Readonly<Record<string, z.ZodTypeAny>>): z.output<S> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith(prefix)) values[k.slice(prefix.length)] = decode(shape, k.slice(prefix.length), v);
  }
  const result = schema.safeParse(values);
  if (!result.success) throw new ConfigError(toConfigIssues(result.error, shape));
  return result.data as z.output<S>;
}

/**
 * Validate raw stack config of the AWS (platform) program (`<namespace>:<key>` → text, as Pulumi stores
 * it). Throws {@link ConfigError} naming every bad key.
 */
export function parsePlatformConfig(raw: Readonly<Record<string, string>>): PlatformConfig {
  const config = parseNamespacedConfig(raw, platformConfigSchema, platformConfigShape);
  const region = raw["aws:region"];
  const issues: ConfigIssue[] = [];
  if (!region) issues.push({ key: "aws:region", message: "is not set", fix: "set aws:region in the stack file" });
  else if (!config.network.availabilityZones.every((az) => az.startsWith(region))) {
    issues.push({ key: keyOf(["network", "availabilityZones"]), message: `AZs must be in aws:region ${region}`, fix: `use AZ names like ${region}a` });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** Read and validate the running stack's configuration (before any resource is registered). */
export function readPlatformConfig(): { config: PlatformConfig; region: string } {
  const raw = pulumi.runtime.allConfig();
  const config = parsePlatformConfig(raw);
  return { config, region: raw["aws:region"] };
}
