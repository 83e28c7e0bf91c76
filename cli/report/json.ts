import type { PreviewReport, ScanReport } from "./model";

/**
 * `preview --json` (design.md "JSON shapes"), plus `project`, the `exemptions` list and, per resource,
 * `dependsOn`, `propertyDependencies` and `provider` (issue 15.3), the `unverified` list (issue 16.1) and
 * per resource its `sourcePosition` (`{uri, line}`, issue 18.1).
 */
export function previewJson(report: PreviewReport): string {
  return JSON.stringify(
    {
      stack: report.stack,
      project: report.project,
      resources: report.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent,
        custom: r.custom,
        inputs: r.inputs,
        protect: r.protect,
        // As the engine records them: every URN the resource waits for (explicit dependsOn and property
        // dependencies), per-property dependencies, and the provider URN it is created with.
        dependsOn: r.dependencies,
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).filter(([, urns]) => urns.length > 0)),
        provider: r.providerResource?.urn ?? (r.provider ? r.provider.split("::").slice(0, -1).join("::") : null),
        // Where the program declared it (issue 18.1): `file:` URI and 1-based line, or null.
        sourcePosition: r.sourcePosition ? { uri: r.sourcePosition.uri, line: r.sourcePosition.line } : null,
      })),
      violations: report.violations.map((v) => ({ rule: v.rule, name: v.name, level: v.level, urn: v.urn, message: v.message, remediation: v.remediation })),
      exemptions: report.exemptions,
      notes: report.notes,
      unverified: report.unverified.map((u) => ({ reason: u.reason, urn: u.urn || null, subject: u.subject, message: u.message })),
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
