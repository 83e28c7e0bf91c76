import type { AppliedExemption, Violation } from "../policy-pack/core/evaluate";
import type { PolicyConfigFile } from "./pack-config";
import { mapBounded, PackClient, type PolicyConfigMap, type PolicyInfo } from "./analyzer-client";
import type { RecordedResource } from "./record";

/** Requests in flight to the pack at once. */
const CONCURRENCY = 32;

/** Per-policy config for `configure`: every policy with its effective level and settings (shared fanned out). */
export function policyConfigMap(policies: readonly PolicyInfo[], config: PolicyConfigFile): PolicyConfigMap {
  const map: PolicyConfigMap = {};
  for (const p of policies) {
    const own = config.policies[p.name];
    map[p.name] = {
      enforcementLevel: own?.enforcementLevel ?? config.all ?? p.enforcementLevel,
      properties: { ...config.shared, ...(own?.properties ?? {}) },
    };
  }
  return map;
}

/**
 * Send resources to a running pack: configure (with `config`, or the config built for the pack's declared
 * policies when `config` is a function, e.g. validating a file against another pack), analyze each custom resource (concurrently, bounded),
 * then analyze the whole stack. `policies` (name and default level) saves the `getAnalyzerInfo` call,
 * which costs 1-2 s because the pack serializes every policy's config schema.
 */
export async function analyzeWithPack(
  port: number,
  resources: readonly RecordedResource[],
  config: PolicyConfigFile | ((policies: readonly PolicyInfo[]) => PolicyConfigFile),
  onProgress?: (done: number, total: number) => void,
  policies?: readonly PolicyInfo[],
): Promise<{ violations: Violation[]; exemptions: AppliedExemption[] }> {
  const client = new PackClient(port);
  try {
    const declared = policies ?? (await client.policies());
    await client.configure(policyConfigMap(declared, typeof config === "function" ? config(declared) : config));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const custom = resources.filter((r) => r.custom);
    let done = 0;
    const verdicts = await mapBounded(custom, CONCURRENCY, async (r) => {
      const v = await client.analyze(r, byUrn);
      onProgress?.(++done, custom.length);
      return v;
    });
    verdicts.push(await client.analyzeStack(resources));
    return { violations: verdicts.flatMap((v) => v.violations), exemptions: verdicts.flatMap((v) => v.exemptions) };
  } finally {
    client.close();
  }
}
