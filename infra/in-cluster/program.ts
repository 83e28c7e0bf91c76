import { runInClusterStack } from "../in-cluster";
import { readInClusterConfig } from "./config";
import { contextFromStack } from "./context";
import { inClusterPackConfig } from "./policy-config";

/**
 * The in-cluster program: validate its stack config (named-field ConfigError before anything registers),
 * read the AWS stack through a StackReference, then compose ENIConfigs, CoreDNS, the admission mirror and
 * the tenants. Returns the stack outputs (with the pack config this stack is judged by).
 */
export async function main(): Promise<Record<string, unknown>> {
  const config = readInClusterConfig();
  const ctx = await contextFromStack(config.platformStack, config.tenants, config.ingress.tenants);
  return { ...runInClusterStack(ctx), policyConfig: inClusterPackConfig(ctx.policyConfig) };
}
