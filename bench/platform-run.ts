/** Run the platform program (infra/) under the recording mocks with the dev stack file and N tenants. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { recordResources, type RecordedResource } from "../engine/record";
import { Tenant } from "../components/tenant";
import { main } from "../infra/program";
import { benchTenantArgs } from "./tenant-program";

/** How the tenants reached the platform program. */
export type TenantWiring = "stack config (hardened-cluster:tenants)" | "in-cluster composer passed to main()";

const ROOT = path.resolve(__dirname, "..");

/** A stack file's `config:` as Pulumi holds it: `<ns>:<key>` → text, objects as JSON text. */
export function stackConfig(stack: string): Record<string, string> {
  const doc = parse(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

function tenantList(count: number, account: string): unknown[] {
  return Array.from({ length: count }, (_, i) => benchTenantArgs(i, account));
}

/**
 * Record the platform with `count` tenants. Tenants go through the stack config key `hardened-cluster:tenants`
 * when the platform accepts it (and then registers one Tenant each); otherwise through an in-cluster composer
 * given to `main()`, with the cluster's provider and name and the platform's `dependsOn`.
 */
export async function recordPlatform(stack: string, count: number): Promise<{ resources: RecordedResource[]; wiring: TenantWiring }> {
  const config = stackConfig(stack);
  const account = config["hardened-cluster:accountId"] ?? "111111111111";
  const run = (cfg: Record<string, string>, body: () => unknown) => recordResources(body, { config: cfg, stack, project: "hardened-cluster" });
  try {
    const resources = await run({ ...config, "hardened-cluster:tenants": JSON.stringify(tenantList(count, account)) }, () => main());
    if (resources.filter((r) => r.type === "hardened-cluster:tenant:Tenant").length === count) {
      return { resources, wiring: "stack config (hardened-cluster:tenants)" };
    }
  } catch {
    // The platform does not accept tenants in config yet: fall back to the composer.
  }
  const composer = (ctx: { clusterName: unknown; provider: unknown; dependsOn: unknown[] }) => {
    for (let i = 0; i < count; i++) {
      new Tenant(`team-${i}`, { ...benchTenantArgs(i, account), clusterName: ctx.clusterName as string, provider: ctx.provider as never }, { dependsOn: ctx.dependsOn as never });
    }
    return {};
  };
  const resources = await run(config, () => main(composer as never));
  return { resources, wiring: "in-cluster composer passed to main()" };
}
