import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Rule } from "../../policy-pack/core/rule";
import { RULE_FAMILIES } from "../../policy-pack/registry";
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

/** Where the project lives when package.json names no homepage. */
const DEFAULT_HOMEPAGE = "https://github.com/example-org/hardened-cluster";

/** The package's homepage (`homepage`, or the `repository` URL), without a trailing `#readme` or `.git`. */
function homepage(): string {
  try {
    const pkg = require("../../package.json") as { homepage?: string; repository?: string | { url?: string } };
    const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    const url = pkg.homepage ?? repo;
    if (url) return url.replace(/^git\+/, "").replace(/#.*$/, "").replace(/\.git$/, "");
  } catch {
    // fall through
  }
  return DEFAULT_HOMEPAGE;
}

/** Version and homepage of the tool, for `tool.driver` (GitHub code scanning shows both). */
function toolInfo(): { version: string; informationUri: string } {
  let version = "0.0.0";
  try {
    version = String((require("../../package.json") as { version?: string }).version ?? version);
  } catch {
    // keep 0.0.0
  }
  return { version, informationUri: homepage() };
}

/** The rules catalog section of each rule (`docs/rules.md#<family>-<count>`, as GitHub slugs `## <family> (<count>)`). */
let catalogAnchors: Map<string, string> | undefined;
function catalogUri(rule: Rule): string {
  if (!catalogAnchors) {
    catalogAnchors = new Map();
    for (const [family, rules] of Object.entries(RULE_FAMILIES)) for (const r of rules) catalogAnchors.set(r.id, `${family}-${rules.length}`);
  }
  const anchor = catalogAnchors.get(rule.id);
  return `${homepage()}/blob/main/docs/rules.md${anchor ? `#${anchor}` : ""}`;
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
    // The upstream reference when it is a URL, else the rule's section of the rules catalog.
    helpUri: rule.upstream && /^https?:\/\/\S+$/.test(rule.upstream) ? rule.upstream : catalogUri(rule),
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
      locations: [{ ...physical(v.urn), logicalLocations: [{ fullyQualifiedName: v.urn, name: v.urn.split("::").pop(), kind: "resource" }] }],
    })),
    {
      ...(notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {}),
      ...(root ? { originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(root).href.replace(/\/?$/, "/") } } } : {}),
    },
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
