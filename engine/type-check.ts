import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readYamlFile } from "../cli/yaml-file";
import { engineModule, ownModuleExecArgv } from "./package-root";
import type { ResolvedPackage } from "./program-environment";
import type { ProgramProject } from "./project";
import { acquireCheckLock, awaitOtherCheck } from "./type-check-lock";
import { readValidStamp } from "./type-check-stamp";

/** Version of the repository's own TypeScript (development repository, a program without its own). */
function ownTypescriptVersion(): string {
  try {
    return (require("typescript/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The type-check host entry (compiled or source, as this module runs). */
const TYPE_CHECK_HOST = engineModule("type-check-host");

/**
 * Whether Pulumi would type-check this program: a TypeScript entry, `runtime.options.typescript` not
 * false, and `PULUMI_NODEJS_TRANSPILE_ONLY` not `true` (the tsconfig's `noCheck` is honoured by the host).
 */
export function wantsTypeCheck(project: ProgramProject, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!/\.[cm]?ts$/.test(project.main)) return false;
  if (env.PULUMI_NODEJS_TRANSPILE_ONLY !== undefined) return env.PULUMI_NODEJS_TRANSPILE_ONLY !== "true";
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(project.dir, f)).find((f) => fs.existsSync(f));
  const runtime = file ? (readYamlFile(file, "Pulumi.yaml") as { runtime?: unknown }).runtime : undefined;
  const typescript = runtime && typeof runtime === "object" ? (runtime as { options?: { typescript?: unknown } }).options?.typescript : undefined;
  return typescript !== false;
}

/**
 * Type-check the program the way the Pulumi Node.js host does (type checking with the program's own
 * `typescript` — `typescript`, else the repository's — and its tsconfig or Pulumi's defaults), in a
 * separate process so it overlaps the program run. Resolves
 * with the error diagnostics as one-line `file:line: message` strings (none when clean or not wanted).
 * Results are kept incrementally in node_modules/.cache, so an unchanged program re-checks quickly; concurrent
 * previews of one program check it once (type-check-lock.ts).
 */
export async function checkProgramTypes(project: ProgramProject, typescript?: ResolvedPackage): Promise<string[]> {
  if (!wantsTypeCheck(project)) return [];
  const version = typescript?.version ?? ownTypescriptVersion();
  const cached = readValidStamp(project.main, version);
  if (cached) return cached;
  for (;;) {
    const release = acquireCheckLock(project.main);
    if (release) {
      try {
        return await runTypeCheckHost(project, typescript);
      } finally {
        release();
      }
    }
    // Another process is checking the same program: its stamp is our answer.
    const theirs = await awaitOtherCheck(project.main, version);
    if (theirs) return theirs;
  }
}

/** Fork the type-check host for `project` (with the program's own `typescript` when given) and resolve with its errors. */
function runTypeCheckHost(project: ProgramProject, typescript?: ResolvedPackage): Promise<string[]> {
  return new Promise((resolve) => {
    const child = fork(TYPE_CHECK_HOST, [project.main, project.dir, ...(typescript ? [typescript.dir] : [])], { execArgv: ownModuleExecArgv(), stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let result: string[] | undefined;
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("message", (m: { errors: string[] }) => (result = m.errors));
    child.on("exit", (code) => resolve(result ?? (code === 0 ? [] : [`the type checker failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`])));
    // Type-checking must not keep the command alive after an abort.
    child.unref();
    process.once("exit", () => child.kill("SIGKILL"));
  });
}
