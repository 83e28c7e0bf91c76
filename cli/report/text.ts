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

/**
 * Make untrusted text (file names, object names, messages) safe for a terminal: control characters
 * (ANSI escape sequences, carriage returns, bells, ...) are shown as `\\xNN` / `\\u{NNNN}`.
 */
export function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  }).replace(/\n/g, "\\n");
}

function where(r: ScanResult, v?: { line?: number; column?: number }): string {
  const line = v?.line ?? r.line;
  const column = v?.column ?? r.column;
  const at = line ? `:${line}${column ? `:${column}` : ""}` : "";
  return sanitize(`${r.file}${at} ${r.kind ?? ""} ${r.namespace ? `${r.namespace}/` : ""}${r.name ?? ""}`.trim());
}

/** The scan's one-line verdict with judged/exempt/skipped/error counts. */
export function scanSummaryLine(report: ScanReport, style: Style = PLAIN): string {
  const s = report.summary;
  const counts = `${plural(s.objects, "object")} scanned (${s.judged} judged, ${s.exempt} exempt, ${s.skipped} skipped, ${plural(s.errors, "error")})`;
  return summaryLine(s, counts, style);
}

/** Scan results as text: errors, violations grouped by rule (at the offending field), exemptions, skips, totals. */
export function scanText(report: ScanReport, style: Style = PLAIN): string {
  const lines: string[] = [];
  const errors = report.results.filter((r) => r.error);
  if (errors.length > 0) {
    lines.push(style.bold(style.red(`Errors (${errors.length}):`)));
    for (const e of errors) lines.push(`  ${sanitize(e.error ?? "")}`);
    lines.push("");
  }
  const flat = report.results.flatMap((r) => r.violations.map((v) => ({ ...v, where: where(r, v) })));
  for (const [rule, vs] of groupByRule(flat)) {
    lines.push(`[${levelTag(vs[0].level, style)}] ${style.bold(rule)} ${vs[0].name} (${plural(vs.length, "finding")})`);
    for (const v of vs) lines.push(`  - ${v.where}`, `    ${sanitize(v.message)}`);
    for (const fix of new Set(vs.map((v) => v.remediation))) lines.push(`  ${style.green("Fix:")} ${sanitize(fix)}`);
  }
  const exempt = report.results.filter((r) => (r.exemptions ?? []).length > 0);
  if (exempt.length > 0) {
    lines.push("", style.bold(`Exempt (${exempt.length}):`));
    for (const r of exempt) for (const x of r.exemptions ?? []) lines.push(`  ${where(r)}  ${x.rule}: ${sanitize(x.reason)} [${x.source}]`);
  }
  const skipped = report.results.filter((r) => r.status === "skipped");
  if (skipped.length > 0) {
    lines.push("", style.bold(`Skipped (${skipped.length}):`));
    for (const r of skipped) lines.push(`  ${where(r)}: ${sanitize(r.reason ?? "")}`);
  }
  if (flat.length > 0 || exempt.length > 0 || skipped.length > 0) lines.push("");
  lines.push(scanSummaryLine(report, style));
  return lines.join("\n");
}
