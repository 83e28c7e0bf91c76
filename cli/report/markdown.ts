import type { RecordedResource } from "../../engine/record";
import type { PreviewReport } from "./model";
import { groupByRule } from "./text";

/** Escape text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Escape text for a quoted Mermaid label (quotes and angle brackets as entities). */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/**
 * A Mermaid `flowchart` of the component tree: component resources (and the stack) as nodes, parent →
 * child edges between them, each labelled with its type and the number of custom resources directly under it.
 */
export function componentTree(resources: readonly RecordedResource[]): string {
  const components = resources.filter((r) => !r.custom);
  const ids = new Map(components.map((c, i) => [c.urn, `c${i}`]));
  const customCount = new Map<string, number>();
  for (const r of resources) if (r.custom && r.parent) customCount.set(r.parent, (customCount.get(r.parent) ?? 0) + 1);
  const lines = ["flowchart TD"];
  for (const c of components) {
    const n = customCount.get(c.urn) ?? 0;
    lines.push(`  ${ids.get(c.urn)}["${label(c.name)}<br/>${label(c.type)}<br/>${n} resource${n === 1 ? "" : "s"}"]`);
  }
  for (const c of components) {
    if (c.parent && ids.has(c.parent)) lines.push(`  ${ids.get(c.parent)} --> ${ids.get(c.urn)}`);
  }
  return lines.join("\n");
}

/** A Markdown report: verdict, summary table, violations by rule, exemptions, UNVERIFIED entries and the component tree. */
export function previewMarkdown(report: PreviewReport): string {
  const s = report.summary;
  const verdict = s.mandatory > 0 ? "❌ **FAILED**" : s.unverified > 0 ? "⚠️ **INCOMPLETE**" : "✅ **PASSED**";
  const out: string[] = [
    `# hardened-cluster preview: ${report.project} / ${report.stack}`,
    "",
    `${verdict}: ${s.mandatory} mandatory and ${s.advisory} advisory violation(s)${s.unverified > 0 ? `, ${s.unverified} unverified` : ""} across ${s.resources} resource(s) in ${s.seconds.toFixed(2)} s.`,
    "",
    "| Rule | Name | Level | Resources | Fix |",
    "|---|---|---|---:|---|",
  ];
  const groups = groupByRule(report.violations);
  for (const [rule, vs] of groups) out.push(`| ${rule} | ${cell(vs[0].name)} | ${vs[0].level} | ${vs.length} | ${cell(vs[0].remediation)} |`);
  if (groups.size === 0) out.push("| — | no violations | — | 0 | — |");
  if (report.violations.length > 0) {
    out.push("", "## Violations", "");
    for (const v of report.violations) out.push(`- **${v.rule}** (${v.level}) \`${v.urn}\`: ${cell(v.message)}`);
  }
  if (report.exemptions.length > 0) {
    out.push("", "## Exemptions", "");
    for (const e of report.exemptions) out.push(`- **${e.rule}** \`${e.urn}\`: ${cell(e.reason)}`);
  }
  if (report.unverified.length > 0) {
    out.push("", "## UNVERIFIED", "", "Not judged offline; a real `pulumi preview --policy-pack` may fail on them.", "");
    for (const u of report.unverified) out.push(`- **${u.reason}** \`${u.urn || u.subject}\`: ${cell(u.message)}`);
  }
  out.push("", "## Component tree", "", "```mermaid", componentTree(report.resources), "```", "");
  return out.join("\n");
}
