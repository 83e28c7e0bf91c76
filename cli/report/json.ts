import type { PreviewReport, ScanReport } from "./model";

/** `preview --json` (design.md "JSON shapes"), plus `project` and the `exemptions` list. */
export function previewJson(report: PreviewReport): string {
  return JSON.stringify(
    {
      stack: report.stack,
      project: report.project,
      resources: report.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent, custom: r.custom, inputs: r.inputs, protect: r.protect })),
      violations: report.violations.map((v) => ({ rule: v.rule, name: v.name, level: v.level, urn: v.urn, message: v.message, remediation: v.remediation })),
      exemptions: report.exemptions,
      summary: report.summary,
    },
    null,
    2,
  );
}

/**
 * `scan --format json` (design.md "JSON shapes"), plus per result its `status` (judged, exempt, skipped,
 * error), `reason` (skipped), `exemptions` (with source), `line`/`column`, and per violation the
 * `line`/`column` of the offending field. Unreadable inputs appear in `results` with an `error`.
 */
export function scanJson(report: ScanReport): string {
  return JSON.stringify(
    {
      results: report.results.map((r) => ({
        file: r.file,
        index: r.index,
        ...(r.status !== undefined ? { status: r.status } : {}),
        ...(r.line !== undefined ? { line: r.line } : {}),
        ...(r.column !== undefined ? { column: r.column } : {}),
        ...(r.error !== undefined ? { error: r.error } : r.kind !== undefined ? { apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace ?? null, name: r.name } : {}),
        ...(r.reason !== undefined ? { reason: r.reason } : {}),
        ...((r.exemptions ?? []).length > 0 ? { exemptions: r.exemptions } : {}),
        violations: r.violations.map((v) => ({
          rule: v.rule,
          name: v.name,
          level: v.level,
          message: v.message,
          remediation: v.remediation,
          ...(v.line !== undefined ? { line: v.line, column: v.column } : {}),
        })),
      })),
      exemptions: report.exemptions,
      summary: report.summary,
    },
    null,
    2,
  );
}
