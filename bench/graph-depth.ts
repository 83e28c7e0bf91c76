/** Benchmark 4: resource-graph critical path of the dev stack versus the minimal chain, and SG rule counts per tenant count. */
import { criticalPath, MINIMAL_CHAIN, securityGroupRuleCount, shortType } from "./graph";
import { recordPlatform, type TenantWiring } from "./platform-run";
import { printTable } from "./table";
import { collectGarbage, timed } from "./timing";

/** Figures of one platform run. */
export interface GraphRow {
  readonly tenants: number;
  readonly resources: number;
  readonly recordMs: number;
  readonly depth: number;
  readonly path: readonly string[];
  readonly sgRules: number;
  readonly wiring: TenantWiring;
}

/** Record the dev stack with each tenant count and measure its graph. */
export async function runGraphDepth(counts: readonly number[], stack = "dev"): Promise<GraphRow[]> {
  const rows: GraphRow[] = [];
  for (const tenants of counts) {
    collectGarbage();
    const { value, ms } = await timed(() => recordPlatform(stack, tenants));
    const cp = criticalPath(value.resources);
    rows.push({
      tenants,
      resources: value.resources.length,
      recordMs: ms,
      depth: cp.depth,
      path: cp.path.filter((r) => r.custom).map((r) => shortType(r.type)),
      sgRules: securityGroupRuleCount(value.resources),
      wiring: value.wiring,
    });
    process.stderr.write(`  graph: ${stack} + ${tenants} tenants, ${value.resources.length} resources done\n`);
  }
  return rows;
}

/** Print benchmark 4's table, the critical path of the largest run and the SG equality verdict. */
export function printGraphDepth(rows: readonly GraphRow[], stack = "dev"): void {
  const minimal = MINIMAL_CHAIN.length;
  const sgEqual = rows.every((r) => r.sgRules === rows[0].sgRules);
  const last = rows[rows.length - 1];
  printTable(
    `4. Resource graph of the ${stack} stack (dependencies + parent + provider edges)`,
    ["tenants", "resources", "record s", "critical path", "minimal chain", "path/minimal", "SG rules"],
    rows.map((r) => [r.tenants, r.resources, (r.recordMs / 1000).toFixed(2), r.depth, minimal, `${(r.depth / minimal).toFixed(1)} ×`, r.sgRules]),
    [
      `Minimal chain: ${MINIMAL_CHAIN.join(" → ")} (${minimal} custom resources). Tenants wired via ${last.wiring}.`,
      `Critical path at ${last.tenants} tenants (custom resources only): ${last.path.join(" → ")}.`,
      `SG rule count (ingress + egress + ec2 rule) across tenant counts: ${rows.map((r) => r.sgRules).join(" vs ")} ${sgEqual ? "(equal: ok)" : "(NOT EQUAL)"}.`,
    ],
  );
}
