/** Benchmark 3: pack evaluation per resource over the analyzer protocol versus the rule functions called directly. */
import type { RecordedResource } from "../engine/record";
import { evaluateAll } from "../policy-pack/core/evaluate";
import type { StackResource } from "../policy-pack/core/rule";
import { RULES } from "../policy-pack/registry";
import type { PackTimings } from "./pack-run";
import { printTable } from "./table";
import { collectGarbage, median, timed } from "./timing";

/** Figures of the comparison (direct timings are medians). */
export interface PackVsDirect {
  readonly resources: number;
  readonly analyzed: number;
  readonly protocol: Pick<PackTimings, "analyzeMs" | "stackMs">;
  readonly protocolViolations: number;
  readonly directResourceMs: number;
  readonly directStackMs: number;
  readonly directViolations: number;
}

/** The view each rule kind gets over the protocol: resource rules see inputs, stack rules see outputs. */
function view(r: RecordedResource, props: Record<string, unknown>): StackResource {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: JSON.parse(JSON.stringify(props)),
    parent: r.parent ?? undefined,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  };
}

/**
 * Time `evaluateAll` with the registry's resource rules (on the custom resources' inputs) and stack rules
 * (on all resources' outputs), `reps` times each, against protocol timings measured on the same resources.
 */
export async function runPackVsDirect(resources: readonly RecordedResource[], protocol: PackTimings, reps = 3): Promise<PackVsDirect> {
  const resourceRules = RULES.filter((r) => r.kind === "resource");
  const stackRules = RULES.filter((r) => r.kind === "stack");
  const inputs = resources.filter((r) => r.custom).map((r) => view(r, r.inputs));
  const outputs = resources.map((r) => view(r, r.outputs));
  const resourceTimes: number[] = [];
  const stackTimes: number[] = [];
  let directViolations = 0;
  for (let i = 0; i < reps; i++) {
    collectGarbage();
    const a = await timed(() => evaluateAll(resourceRules, inputs));
    const b = await timed(() => evaluateAll(stackRules, outputs));
    resourceTimes.push(a.ms);
    stackTimes.push(b.ms);
    directViolations = a.value.violations.length + b.value.violations.length;
  }
  return {
    resources: resources.length,
    analyzed: inputs.length,
    protocol: { analyzeMs: protocol.analyzeMs, stackMs: protocol.stackMs },
    protocolViolations: protocol.violations.length,
    directResourceMs: median(resourceTimes),
    directStackMs: median(stackTimes),
    directViolations,
  };
}

/** Print benchmark 3's table with per-resource times and the protocol/direct ratios. */
export function printPackVsDirect(p: PackVsDirect, label: string): void {
  const us = (ms: number, n: number) => `${((ms / n) * 1000).toFixed(0)} µs`;
  const x = (a: number, b: number) => `${(a / b).toFixed(0)} ×`;
  const protocolTotal = p.protocol.analyzeMs + p.protocol.stackMs;
  const directTotal = p.directResourceMs + p.directStackMs;
  printTable(
    `3. Pack evaluation per resource: analyzer protocol vs rule functions (${label}, ${p.resources.toLocaleString("en-US")} resources)`,
    ["phase", "protocol ms", "protocol/res", "direct ms", "direct/res", "protocol/direct"],
    [
      ["resource rules (analyze per custom resource)", p.protocol.analyzeMs.toFixed(0), us(p.protocol.analyzeMs, p.analyzed), p.directResourceMs.toFixed(1), us(p.directResourceMs, p.analyzed), x(p.protocol.analyzeMs, p.directResourceMs)],
      ["stack rules (one analyzeStack)", p.protocol.stackMs.toFixed(0), us(p.protocol.stackMs, p.resources), p.directStackMs.toFixed(1), us(p.directStackMs, p.resources), x(p.protocol.stackMs, p.directStackMs)],
      ["all rules", protocolTotal.toFixed(0), us(protocolTotal, p.resources), directTotal.toFixed(1), us(directTotal, p.resources), x(protocolTotal, directTotal)],
    ],
    [
      `${RULES.length} rules; protocol = real pack process, ${p.analyzed.toLocaleString("en-US")} concurrent analyze calls (as the CLI sends them) + one analyzeStack, process start excluded; ` +
        `violations: protocol ${p.protocolViolations}, direct ${p.directViolations}${p.protocolViolations === p.directViolations ? " (same)" : " (DIFFER)"}.`,
    ],
  );
}
