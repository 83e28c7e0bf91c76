import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Rule } from "../../policy-pack/core/rule";
import type { PreviewReport, ScanReport } from "./model";
import { projectHomepage, projectVersion, ruleHelpUri } from "./rule-help";

type SarifLevel = "error" | "warning";

interface SarifResultInput {
  readonly rule: string;
  readonly level: string;
  readonly message: string;
  readonly remediation: string;
  readonly locations: unknown[];
  /** Stable identity of the finding for `partialFingerprints` (GitHub matches results across runs by it). */
  readonly fingerprint: string;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Version and homepage of the tool, for `tool.driver` (GitHub code scanning shows both). */
function toolInfo(): { version: string; informationUri?: string } {
  const homepage = projectHomepage();
  return { version: projectVersion(), ...(homepage ? { informationUri: homepage } : {}) };
}

/** The `partialFingerprints` key of hardened-cluster results (versioned: a new scheme gets a new key). */
export const FINGERPRINT_KEY = "hardenedClusterFinding/v1";

/** A stable fingerprint of a finding (rule, the object it is about, the message), independent of line moves. */
function fingerprint(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

/**
 * GitHub code scanning's `security-severity` score per rule severity: GitHub shows a security alert as
 * critical above 9.0, high from 7.0, medium from 4.0 and low below (the middle of each band here).
 */
export const SECURITY_SEVERITY: Readonly<Record<Rule["severity"], string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** SARIF `reportingDescriptor` of a rule: ids, descriptions, help with remediation, tags, default level. */
export function sarifRule(rule: Rule): Record<string, unknown> {
  const helpUri = ruleHelpUri(rule.id);
  const helpText = `${sentence(rule.description)} Fix: ${sentence(rule.remediation)}${rule.upstream ? ` Upstream: ${rule.upstream}` : ""}`;
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: sentence(rule.description) },
    fullDescription: { text: `${sentence(rule.description)}${rule.seed.length > 0 ? ` Seed guidance: ${rule.seed.join(", ")}.` : ""}` },
    help: { text: helpText, markdown: `${sentence(rule.description)}\n\n**Fix:** ${sentence(rule.remediation)}` },
    // The rule's row of the rules catalog (docs/rules.md), which links its upstream reference.
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: rule.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: { tags: ["security", ...rule.groups], severity: rule.severity, "security-severity": SECURITY_SEVERITY[rule.severity] },
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
    partialFingerprints: { [FINGERPRINT_KEY]: i.fingerprint },
  }));
  return JSON.stringify(
    {
      $schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
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
 * Folder the URIs of a preview's SARIF are relative to (`%SRCROOT%`): the git work tree holding the program
 * (the nearest folder up with a `.git` folder or file, as GitHub code scanning resolves paths from the
 * repository root), else the program folder.
 */
export function sourceRoot(programDir: string): string {
  const start = path.resolve(programDir);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

function posixRelative(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).map(encodeURIComponent).join("/");
}

/**
 * The physical location of a resource: the file and line where the program declared it (its recorded
 * source position), or the program's main file at line 1 when it has none or it lies outside the root.
 */
function declaredAt(position: { uri: string; line: number } | null | undefined, main: string, root: string): Record<string, unknown> {
  let file: string | undefined;
  try {
    file = position ? fileURLToPath(position.uri) : undefined;
  } catch {
    file = undefined;
  }
  const rel = file && fs.existsSync(file) ? posixRelative(root, file) : undefined;
  const [uri, line] = rel && position ? [rel, position.line] : [posixRelative(root, main) ?? path.basename(main), 1];
  return { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: { startLine: line } };
}

/**
 * SARIF 2.1.0 for a preview: each result is located where the program declared the resource (physical
 * location: file relative to the repository root and line; the program's main file at line 1 when the
 * position is unknown) and by a logical location (the resource URN); each UNVERIFIED entry is a
 * warning-level tool execution notification (the analysis did not cover it).
 */
export function previewSarif(report: PreviewReport, rules: readonly Rule[]): string {
  const root = report.program ? sourceRoot(report.program.dir) : undefined;
  const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
  const physical = (urn: string) =>
    report.program && root ? { physicalLocation: declaredAt(byUrn.get(urn)?.sourcePosition, report.program.main, root) } : {};
  const notifications = report.unverified.map((u) => ({
    level: "warning",
    descriptor: { id: `UNVERIFIED/${u.reason}` },
    message: { text: sentence(`UNVERIFIED: ${u.message}`) },
    ...(u.urn ? { locations: [{ ...physical(u.urn), logicalLocations: [{ fullyQualifiedName: u.urn, name: u.urn.split("::").pop(), kind: "resource" }] }] } : {}),
  }));
  return sarifLog(
    rules,
    report.violations.map((v) => ({
      ...v,
      fingerprint: fingerprint(v.rule, v.urn, v.message),
      locations: [{ ...physical(v.urn), logicalLocations: [{ fullyQualifiedName: v.urn, name: v.urn.split("::").pop(), kind: "resource" }] }],
    })),
    {
      ...(notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {}),
      ...(root ? { originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(root).href.replace(/\/?$/, "/") } } } : {}),
    },
  );
}

/**
 * A scanned file's SARIF artifact URI, relative to `root` (`%SRCROOT%`, the git work tree holding the current
 * directory): paths as given on the command line are resolved against `cwd` first, so a scan run from a
 * sub-folder still reports repository paths, as GitHub code scanning expects.
 */
export function artifactUriOf(file: string, cwd: string = process.cwd(), root: string = sourceRoot(cwd)): string {
  return posixRelative(root, path.resolve(cwd, file)) ?? path.relative(cwd, path.resolve(cwd, file)).split(path.sep).map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for a scan: each result is located in its file (relative to the repository root) at the line
 * and column of the offending field (else its document's start); skipped and exempt objects and read errors
 * are tool execution notifications.
 */
export function scanSarif(report: ScanReport, rules: readonly Rule[], cwd: string = process.cwd()): string {
  const root = sourceRoot(cwd);
  const artifactUri = (file: string) => artifactUriOf(file, cwd, root);
  const inputs = report.results.flatMap((r) =>
    r.violations.map((v) => ({
      ...v,
      fingerprint: fingerprint(v.rule, artifactUri(r.file), `${r.kind}/${r.namespace ?? ""}/${r.name}`, v.message),
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
  return sarifLog(rules, inputs, { invocations: [invocation], originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(root).href.replace(/\/?$/, "/") } } });
}
