import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../policy-pack/registry";
import { parseCommandLine, USAGE, type PreviewArgs, type ScanArgs } from "./args";
import { EXIT, InputError } from "./errors";
import { DEFAULT_PACK_DIR } from "../engine/pack-process";
import { loadPolicyConfig, loadPolicyConfigFor, type DeclaredPolicy } from "./policy-config";
import { REPO_ROOT, runPreview } from "../engine";
import { defaultPolicyConfigFile, defaultProgramDir, loadProject } from "../engine/project";
import { writeStackOutputs } from "./outputs";
import { previewJson, scanJson } from "./report/json";
import { previewMarkdown } from "./report/markdown";
import { previewSarif, scanSarif } from "./report/sarif";
import { PLAIN, styleFor } from "./report/style";
import { previewText, sanitize, scanSummaryLine, scanText, summaryLine } from "./report/text";
import { runScan, selectRules } from "./scan";
import { DEFAULT_READ_LIMITS } from "./scan/documents";

/** Where the command writes; injectable for tests. */
export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Resources above which a progress line is shown on a TTY. */
const PROGRESS_THRESHOLD = 300;

function writeFile(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  } catch (error) {
    throw new InputError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check the path`);
  }
}

async function preview(args: PreviewArgs, io: Io, startedAt: bigint): Promise<number> {
  // Without --program: the current directory when it holds a Pulumi.yaml, else this project's own program.
  const program = args.program ?? defaultProgramDir(process.cwd(), REPO_ROOT);
  const project = loadProject(program);
  // Another pack has its own policies, levels and config schema: our stack pack config does not apply to it.
  const otherPack = args.policyPack !== undefined && path.resolve(args.policyPack) !== DEFAULT_PACK_DIR;
  const policyConfigFile = args.policyConfig ?? (otherPack ? undefined : defaultPolicyConfigFile(project, args.stack));
  const policyConfig = otherPack
    ? (policies: readonly DeclaredPolicy[]) => loadPolicyConfigFor(policyConfigFile, policies)
    : loadPolicyConfig(policyConfigFile, RULES);
  if (policyConfigFile && !args.quiet) io.stdout.write(`pack config: ${path.relative(process.cwd(), policyConfigFile) || policyConfigFile}\n`);
  const progress = io.stderr.isTTY === true && !args.quiet;
  // SIGINT/SIGTERM stop the program and the pack process, then exit 130/143.
  const abort = new AbortController();
  const interrupted: { code?: number } = {};
  const onSignal = (signal: "SIGINT" | "SIGTERM") => () => {
    interrupted.code = signal === "SIGINT" ? EXIT.sigint : EXIT.sigterm;
    abort.abort(new InterruptedError(signal));
  };
  const onInt = onSignal("SIGINT");
  const onTerm = onSignal("SIGTERM");
  process.once("SIGINT", onInt);
  process.once("SIGTERM", onTerm);
  let report;
  try {
    report = await runPreview({
      startedAt,
      timeoutMs: args.timeoutSeconds * 1000,
      signal: abort.signal,
    program,
    stack: args.stack,
    policyConfig,
    packDir: args.policyPack,
    onProgress: progress
      ? (done, total) => {
          if (total > PROGRESS_THRESHOLD && (done % 50 === 0 || done === total)) io.stderr.write(`\ranalysing resources: ${done}/${total}${done === total ? "\n" : ""}`);
        }
      : undefined,
    });
  } catch (error) {
    if (interrupted.code !== undefined) {
      io.stderr.write(`hardened-cluster: interrupted (${(error as Error).message}); the program and the policy pack were stopped\n`);
      return interrupted.code;
    }
    throw error;
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
  if (interrupted.code !== undefined) return interrupted.code;
  if (args.json) writeFile(args.json, previewJson(report));
  if (args.sarif) writeFile(args.sarif, previewSarif(report, RULES));
  if (args.markdown) writeFile(args.markdown, previewMarkdown(report));
  const style = styleFor(io.stdout);
  const text = args.quiet
    ? summaryLine(report.summary, `${report.summary.resources} resources in ${report.summary.seconds.toFixed(2)}s`, style)
    : previewText(report, style);
  io.stdout.write(`${text}\n`);
  return previewExitCode(report.summary, args.allowUnverified);
}

/** 1 on a mandatory violation, else 3 when something could not be judged (unless allowed), else 0. */
export function previewExitCode(summary: { mandatory: number; unverified: number }, allowUnverified: boolean): number {
  if (summary.mandatory > 0) return EXIT.mandatory;
  if (summary.unverified > 0 && !allowUnverified) return EXIT.incomplete;
  return EXIT.clean;
}

/** The run was stopped by a signal. */
class InterruptedError extends Error {
  constructor(signal: string) {
    super(signal);
    this.name = "InterruptedError";
  }
}

function scan(args: ScanArgs, io: Io): number {
  const policyConfig = loadPolicyConfig(args.policyConfig, RULES);
  const rules = selectRules(args.only);
  quietOnEpipe(io.stdout);
  const limits = { ...DEFAULT_READ_LIMITS, ...(args.maxFileBytes ? { maxFileBytes: args.maxFileBytes } : {}), ...(args.maxDocumentBytes ? { maxDocumentBytes: args.maxDocumentBytes } : {}) };
  const report = runScan({ paths: args.paths, only: args.only, policyConfig, exclude: args.exclude, limits, stdinName: args.stdinName });
  const style = args.output ? PLAIN : styleFor(io.stdout);
  const out =
    args.format === "json"
      ? scanJson(report)
      : args.format === "sarif"
        ? scanSarif(report, rules)
        : args.quiet
          ? scanSummaryLine(report, style)
          : scanText(report, style);
  for (const r of report.results) if (r.error) io.stderr.write(`hardened-cluster: ${sanitize(r.error)}\n`);
  if (args.output) writeFile(args.output, out);
  else io.stdout.write(`${out}\n`);
  if (report.summary.errors > 0) return EXIT.badInput;
  return report.summary.mandatory > 0 ? EXIT.mandatory : EXIT.clean;
}

/** `scan … | head`: a closed pipe ends the output quietly instead of crashing with EPIPE. */
function quietOnEpipe(stream: NodeJS.WritableStream): void {
  if (typeof (stream as { on?: unknown }).on !== "function") return;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/**
 * Run the command with `argv` (without `node` and the script). Returns the exit code (see {@link EXIT}):
 * 0 clean, 1 mandatory violation, 2 bad input or program error (one line on stderr naming the input and
 * the fix), 3 incomplete (UNVERIFIED entries without `--allow-unverified`).
 */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const startedAt = process.hrtime.bigint();
  try {
    const args = parseCommandLine(argv);
    if (args.command === "help") {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.clean;
    }
    if (args.command === "outputs") {
      const line = writeStackOutputs(args);
      if (!args.quiet) io.stdout.write(`${line}\n`);
      return EXIT.clean;
    }
    return args.command === "preview" ? await preview(args, io, startedAt) : scan(args, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`hardened-cluster: ${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

