import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Rule } from "../../policy-pack/core/rule";
import type { PreviewReport, ScanReport } from "./model";

type SarifLevel = "error" | "warning";

interface SarifResultInput {
  readonly rule: string;
  readonly level: string;
  readonly message: string;
  readonly remediation: string;
  readonly locations: unknown[];
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Version and (when package.json names one) homepage of the tool, for `tool.driver`. */
function toolInfo(): { version: string; informationUri?: string } {
  try {
    const pkg = require("../../package.json") as { version?: string; homepage?: string };
    return { version: String(pkg.version ?? "0.0.0"), ...(pkg.homepage ? { informationUri: pkg.homepage } : {}) };
  } catch {
    return { version: "0.0.0" };
  }
}

/** SARIF `reportingDescriptor` of a rule: ids, descriptions, help with remediation, tags, default level. */
export function sarifRule(rule: Rule): Record<string, unknown> {
  const helpText = `${sentence(rule.description)} Fix: ${sentence(rule.remediation)}${rule.upstream ? ` Upstream: ${rule.upstream}` : ""}`;
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: sentence(rule.description) },
    fullDescription: { text: `${sentence(rule.description)}${rule.seed.length > 0 ? ` Seed guidance: ${rule.seed.join(", ")}.` : ""}` },
    help: { text: helpText, markdown: `${sentence(rule.description)}\n\n**Fix:** ${sentence(rule.remediation)}` },
    ...(rule.upstream && /^https?:\/\//.test(rule.upstream) ? { helpUri: rule.upstream } : {}),
    defaultConfiguration: { level: rule.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: { tags: ["security", ...rule.groups], severity: rule.severity },
  };
}

function sarifLog(rules: readonly Rule[], inputs: readonly SarifResultInput[], extra: Record<string, unknown> = {}): string {
  const used = rules.filter((r) => inputs.some((i) => i.rule === r.id));
  const index = new Map(used.map((r, i) => [r.id, i]));
  const results = inputs.map((i) => ({
    ruleId: i.rule,
    ...(index.has(i.rule) ? { ruleIndex: index.get(i.rule) } : {}),
    level: (i.level === "mandatory" ? "error" : "warning") as SarifLevel,
    message: { text: `${sentence(i.message)} Fix: ${sentence(i.remediation)}` },
    locations: i.locations,
  }));
  return JSON.stringify(
    {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "hardened-cluster", ...toolInfo(), rules: used.map(sarifRule) } },
          ...extra,
          results,
        },
      ],
    },
    null,
    2,
  );
}

/**
 * SARIF 2.1.0 for a preview: each result is located by a logical location (the resource URN); each
 * UNVERIFIED entry is a warning-level tool execution notification (the analysis did not cover it).
 */
export function previewSarif(report: PreviewReport, rules: readonly Rule[]): string {
  const notifications = report.unverified.map((u) => ({
    level: "warning",
    descriptor: { id: `UNVERIFIED/${u.reason}` },
    message: { text: sentence(`UNVERIFIED: ${u.message}`) },
    ...(u.urn ? { locations: [{ logicalLocations: [{ fullyQualifiedName: u.urn, name: u.urn.split("::").pop(), kind: "resource" }] }] } : {}),
  }));
  return sarifLog(
    rules,
    report.violations.map((v) => ({
      ...v,
      locations: [{ logicalLocations: [{ fullyQualifiedName: v.urn, name: v.urn.split("::").pop(), kind: "resource" }] }],
    })),
    notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {},
  );
}

/** A file path as a relative SARIF artifact URI (`%SRCROOT%`-based). */
export function artifactUri(file: string, cwd: string = process.cwd()): string {
  if (file === "<stdin>") return "stdin";
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return rel.split(path.sep).map(encodeURIComponent).join("/");
}

/** SARIF 2.1.0 for a scan: each result is located in its file (and the line of its document). */
export function scanSarif(report: ScanReport, rules: readonly Rule[]): string {
  const inputs = report.results.flatMap((r) =>
    r.violations.map((v) => ({
      ...v,
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(r.file), uriBaseId: "%SRCROOT%" },
            ...((v.line ?? r.line) ? { region: { startLine: v.line ?? r.line, ...((v.column ?? r.column) ? { startColumn: v.column ?? r.column } : {}) } } : {}),
          },
          logicalLocations: [{ fullyQualifiedName: `${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name}`, kind: "resource" }],
        },
      ],
    })),
  );
  const failed = report.results.filter((r) => r.error);
  const notices = report.results.filter((r) => r.status === "skipped" || (r.exemptions ?? []).length > 0);
  const location = (r: (typeof report.results)[number]) => ({
    physicalLocation: { artifactLocation: { uri: artifactUri(r.file), uriBaseId: "%SRCROOT%" }, ...(r.line ? { region: { startLine: r.line, ...(r.column ? { startColumn: r.column } : {}) } } : {}) },
  });
  const notifications = [
    ...failed.map((r) => ({ level: "error", message: { text: sentence(r.error ?? "") }, locations: [location(r)] })),
    ...notices.map((r) => ({
      level: "note",
      message: { text: sentence(r.status === "skipped" ? `skipped: ${r.reason ?? ""}` : `exempt: ${(r.exemptions ?? []).map((x) => `${x.rule} ${x.reason} [${x.source}]`).join("; ")}`) },
      locations: [location(r)],
    })),
  ];
  const invocation = { executionSuccessful: failed.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) };
  const root = `${pathToFileURL(process.cwd()).href.replace(/\/?$/, "/")}`;
  return sarifLog(rules, inputs, { invocations: [invocation], originalUriBaseIds: { "%SRCROOT%": { uri: root } } });
}
