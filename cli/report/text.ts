import type { AppliedExemption, Violation } from "../../policy-pack/core/evaluate";
import type { UnverifiedEntry } from "../../engine/unverified";
import type { PreviewReport, ScanReport, ScanResult } from "./model";
import { PLAIN, type Style } from "./style";

/** Group violations by rule id, keeping rule order by id. */
export function groupByRule<T extends Pick<Violation, "rule">>(violations: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const v of [...violations].sort((a, b) => a.rule.localeCompare(b.rule))) groups.set(v.rule, [...(groups.get(v.rule) ?? []), v]);
  return groups;
}

function levelTag(level: string, style: Style): string {
  return level === "mandatory" ? style.red("mandatory") : style.yellow("advisory");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The one-line verdict printed last (and alone with `--quiet`): ERROR (input errors), FAILED (a mandatory
 * violation), INCOMPLETE (something could not be judged), else PASSED.
 */
export function summaryLine(counts: { mandatory: number; advisory: number; errors?: number; unverified?: number }, subject: string, style: Style = PLAIN): string {
  const unverified = counts.unverified ?? 0;
  const verdict =
    (counts.errors ?? 0) > 0
      ? style.red(style.bold("ERROR"))
      : counts.mandatory > 0
        ? style.red(style.bold("FAILED"))
        : unverified > 0
          ? style.yellow(style.bold("INCOMPLETE"))
          : style.green(style.bold("PASSED"));
  return `${verdict}: ${subject}, ${plural(counts.mandatory, "mandatory violation")}, ${plural(counts.advisory, "advisory violation")}${unverified > 0 ? `, ${unverified} unverified` : ""}`;
}

/** The UNVERIFIED section: what the preview could not judge, one entry per line with its reason. */
export function unverifiedLines(entries: readonly UnverifiedEntry[], style: Style = PLAIN): string[] {
  if (entries.length === 0) return [];
  return [
    "",
    style.bold(style.yellow(`UNVERIFIED (${entries.length}): not judged offline; a real \`pulumi preview --policy-pack\` may fail on them`)),
    ...entries.map((e) => `  [${e.reason}] ${e.urn || e.subject}\n      ${e.message}`),
  ];
}

function exemptionLines(exemptions: readonly AppliedExemption[], style: Style): string[] {
  if (exemptions.length === 0) return [];
  return ["", style.bold(`Exemptions (${exemptions.length}):`), ...exemptions.map((e) => `  ${e.rule}  ${e.urn}\n      ${style.dim(e.reason)}`)];
}

/** A `pulumi preview`-like summary: resources by type, violations by rule with remediation, exemptions, totals. */
export function previewText(report: PreviewReport, style: Style = PLAIN): string {
  const lines: string[] = [style.bold(`Previewing ${report.project} (stack ${report.stack}) offline with the hardened-cluster policy pack`), ""];
  for (const note of report.notes) lines.push(`${style.dim("note:")} ${note}`, "");
  const byType = new Map<string, number>();
  for (const r of report.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  lines.push(style.bold("Resources:"));
  const width = Math.max(0, ...[...byType.keys()].map((t) => t.length));
  for (const [type, n] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`  ${type.padEnd(width)}  ${String(n).padStart(4)}`);
  lines.push(`  ${style.green(`+ ${report.resources.length} to create`)}`);
  if (report.violations.length > 0) {
    const flagged = new Set(report.violations.map((v) => v.urn)).size;
    lines.push("", style.bold(`Policy violations: ${plural(report.violations.length, "violation")} on ${plural(flagged, "resource")}`));
    for (const [rule, vs] of groupByRule(report.violations)) {
      lines.push(`  [${levelTag(vs[0].level, style)}] ${style.bold(rule)} ${vs[0].name} (${plural(vs.length, "resource")})`);
      for (const v of vs) lines.push(`    - ${v.urn}`, `      ${v.message}`);
      const fixes = [...new Set(vs.map((v) => v.remediation))];
      for (const fix of fixes) lines.push(`    ${style.green("Fix:")} ${fix}`);
    }
  }
  lines.push(...exemptionLines(report.exemptions, style));
  lines.push(...unverifiedLines(report.unverified, style));
  lines.push("", summaryLine(report.summary, `${plural(report.summary.resources, "resource")} in ${report.summary.seconds.toFixed(2)}s`, style));
  return lines.join("\n");
}

function where(r: ScanResult): string {
  return `${r.file}${r.line ? `:${r.line}` : ""} ${r.kind ?? ""} ${r.namespace ? `${r.namespace}/` : ""}${r.name ?? ""}`.trim();
}

/** Scan results as text: errors, then violations grouped by rule with the objects they concern. */
export function scanText(report: ScanReport, style: Style = PLAIN): string {
  const lines: string[] = [];
  const errors = report.results.filter((r) => r.error);
  if (errors.length > 0) {
    lines.push(style.bold(style.red(`Errors (${errors.length}):`)));
    for (const e of errors) lines.push(`  ${e.error}`);
    lines.push("");
  }
  const flat = report.results.flatMap((r) => r.violations.map((v) => ({ ...v, where: where(r) })));
  for (const [rule, vs] of groupByRule(flat)) {
    lines.push(`[${levelTag(vs[0].level, style)}] ${style.bold(rule)} ${vs[0].name} (${plural(vs.length, "finding")})`);
    for (const v of vs) lines.push(`  - ${v.where}`, `    ${v.message}`);
    for (const fix of new Set(vs.map((v) => v.remediation))) lines.push(`  ${style.green("Fix:")} ${fix}`);
  }
  lines.push(...exemptionLines(report.exemptions, style));
  if (flat.length > 0 || report.exemptions.length > 0) lines.push("");
  lines.push(summaryLine(report.summary, `${plural(report.summary.objects, "object")} scanned${report.summary.errors ? `, ${plural(report.summary.errors, "input error")}` : ""}`, style));
  return lines.join("\n");
}
