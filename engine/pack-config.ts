import type { PackConfig } from "../policy-pack/core/config";

/** An enforcement level a pack config may set. */
export type ConfigLevel = "advisory" | "mandatory" | "disabled";

/**
 * Validated pack config (the `pulumi --policy-pack-config` form plus a `shared` object), as the engine
 * sends it to the pack with `configure`.
 */
export interface PolicyConfigFile {
  /** Level for every policy without its own. */
  readonly all?: ConfigLevel;
  /** Settings fanned out to every policy. */
  readonly shared: Partial<PackConfig> & Record<string, unknown>;
  /** Per-policy level and settings, keyed by policy name. */
  readonly policies: Record<string, { enforcementLevel?: ConfigLevel; properties: Partial<PackConfig> & Record<string, unknown> }>;
}

/** No config: every policy at the pack's own default level and settings. */
export const EMPTY_POLICY_CONFIG: PolicyConfigFile = { shared: {}, policies: {} };
