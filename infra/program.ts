import { readPlatformConfig } from "./config";
import type { InClusterComposer } from "./in-cluster";
import { buildPlatform } from "./platform";

/**
 * The platform program: validate the stack config (throws a named-field ConfigError before anything is
 * registered), then compose the platform and return its stack outputs.
 */
export function main(inCluster?: InClusterComposer): Record<string, unknown> {
  const { config, region } = readPlatformConfig();
  return buildPlatform(config, region, inCluster).outputs;
}
