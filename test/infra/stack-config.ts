import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { recordResources, type RecordedResource } from "../../engine/record";
import { main } from "../../infra/program";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "../..");

/** A stack file's `config:` map as Pulumi holds it: `<ns>:<key>` → text (objects as JSON text). */
export function loadStackConfig(stack: string): Record<string, string> {
  const doc = parse(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return toConfigMap(doc.config);
}

/** Convert parsed YAML config values to Pulumi's text form. */
export function toConfigMap(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Run the platform program under the recording mocks with a config map. */
export async function runPlatform(config: Record<string, string>, stack = "test"): Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }> {
  let outputs: Record<string, unknown> = {};
  const resources = await recordResources(
    () => {
      outputs = main();
    },
    { config, stack },
  );
  return { resources, outputs };
}

/** Resources of one type. */
export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}
