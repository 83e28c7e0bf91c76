import * as path from "node:path";
import { RULES } from "../policy-pack/registry";
import type { PolicyInfo } from "./analyzer-client";
import type { PolicyConfigFile } from "./pack-config";
import { countLevels, type PreviewReport } from "./result";
import { DEFAULT_PACK_DIR, startPack } from "./pack-process";
import { InputError } from "./errors";
import { SECRET_PLACEHOLDER } from "./mocks";
import { PACKAGE_ROOT } from "./package-root";
import { checkProgramEnvironment } from "./program-environment";
import { loadProject, loadStackConfig } from "./project";
import { checkProgramTypes } from "./type-check";
import { opaqueResources, splitCannotVerify, unansweredInvokes, unexpandedRemoteComponents } from "./unverified";

/** Package root (the repository root in development): the default program (its `Pulumi.yaml` runs `infra/`). */
export const REPO_ROOT = PACKAGE_ROOT;

/** Options of one offline preview. */
export interface PreviewOptions {
  readonly program?: string;
  readonly stack: string;
  /** Pack config, or a function building it from the policies the pack declares (another pack's schema). */
  readonly policyConfig: PolicyConfigFile | ((policies: readonly PolicyInfo[]) => PolicyConfigFile);
  readonly packDir?: string;
  /** Called with (done, total) while resources are analysed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** When the command started (`process.hrtime.bigint()`), for the reported seconds. */
  readonly startedAt?: bigint;
  /** Overall limit of the program run in milliseconds (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Aborts the run (SIGINT/SIGTERM): the program and the pack process are stopped. */
  readonly signal?: AbortSignal;
}

/**
 * The offline preview: load the program and stack config, run the program under mocks, send every
 * resource to the real policy pack process over the analyzer protocol, and collect the verdict.
 * Bad input is detected before anything heavy loads; the pack starts while the program runs.
 */
export async function runPreview(options: PreviewOptions): Promise<PreviewReport> {
  const started = options.startedAt ?? process.hrtime.bigint();
  const project = loadProject(options.program ?? REPO_ROOT);
  const stack = loadStackConfig(project, options.stack);
  // Node.js, the program's TypeScript and its @pulumi/pulumi copy: bad input in seconds, not a crash or a hang.
  const typescript = checkProgramEnvironment(project);
  const packDir = options.packDir === undefined ? DEFAULT_PACK_DIR : path.resolve(options.packDir);
  const packStart = startPack(packDir);
  packStart.catch(() => undefined);
  const stopPack = () => packStart.kill();
  process.once("exit", stopPack);
  try {
    // Heavy modules (Pulumi runtime, gRPC stubs) load while the pack starts.
    const { runProgram } = require("./run-program") as typeof import("./run-program");
    const { analyzeWithPack } = require("./analyze") as typeof import("./analyze");
    const typeCheck = checkProgramTypes(project, typescript);
    const run = await runProgram(project, stack, { timeoutMs: options.timeoutMs, signal: options.signal, typescriptDir: typescript?.dir });
    const typeErrors = await typeCheck;
    if (options.signal?.aborted) throw options.signal.reason;
    if (typeErrors.length > 0) throw new InputError(`${path.relative(process.cwd(), project.main) || project.main}: TypeScript type errors (Pulumi type-checks TypeScript programs): ${typeErrors.slice(0, 3).join("; ")}${typeErrors.length > 3 ? `; and ${typeErrors.length - 3} more` : ""}`);
    const resources = run.resources;
    const pack = await packStart;
    const policies = packDir === DEFAULT_PACK_DIR ? RULES.map((r) => ({ name: r.name, enforcementLevel: r.enforcementLevel })) : undefined;
    const verdict = await analyzeWithPack(pack.port, resources, options.policyConfig, options.onProgress, policies);
    const { violations, unverified: cannotVerify } = splitCannotVerify(verdict.violations, resources);
    const exemptions = verdict.exemptions;
    const unverified = [
      ...unexpandedRemoteComponents(resources, run.expanded),
      ...opaqueResources(resources),
      ...run.unverified,
      ...unansweredInvokes(run.unansweredInvokes),
      ...cannotVerify,
    ];
    violations.sort((a, b) => a.rule.localeCompare(b.rule) || a.urn.localeCompare(b.urn));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      stack: stack.stack,
      project: project.name,
      program: { dir: project.dir, main: project.main },
      resources,
      violations,
      exemptions,
      notes:
        stack.secretKeys.length > 0
          ? [`${stack.secretKeys.length} secure config value(s) (${stack.secretKeys.join(", ")}) cannot be decrypted offline: the program saw them as secrets holding the placeholder "${SECRET_PLACEHOLDER}"`]
          : [],
      unverified,
      summary: { resources: resources.length, ...countLevels(violations), unverified: unverified.length, seconds: Math.round(seconds * 100) / 100 },
    };
  } finally {
    stopPack();
    process.off("exit", stopPack);
  }
}
