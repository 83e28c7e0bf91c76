import { fork } from "node:child_process";
import * as path from "node:path";
import { previewHeapFlags } from "./heap-flags";
import { InputError, oneLine } from "./errors";
import { fromWireRun, HOST_REQUEST_ENV, type HostMessage, type HostRequest } from "./host-protocol";
import type { ProgramProject, StackConfig } from "./project";
import type { RecordedRun } from "./record";
import { COMPILED, engineModule, ownModuleExecArgv } from "./package-root";
import { PROGRAM_TYPESCRIPT_ENV } from "./program-register-env";

export { STACK_OUTPUTS_DIR, stackOutputsFromFiles } from "./stack-outputs";

/** The language host entry (compiled or source, as this module runs). */
const LANGUAGE_HOST = engineModule("language-host");

/**
 * `execArgv` of the language host: compiled, the program's TypeScript registration (`program-register`);
 * from the sources, the repository's ts-node registration (which also runs the host itself).
 */
function languageHostExecArgv(): string[] {
  return [...previewHeapFlags(), ...(COMPILED ? ["-r", engineModule("program-register")] : ownModuleExecArgv())];
}

/** Options of one program run. */
export interface RunProgramOptions {
  /** Overall limit in milliseconds; the run then fails naming the registrations still pending. */
  readonly timeoutMs?: number;
  /** Aborts the run (SIGINT/SIGTERM): the child is killed and the promise rejects with the reason. */
  readonly signal?: AbortSignal;
  /** Folder of the program's own `typescript` package (compiled package: the program is transpiled with it). */
  readonly typescriptDir?: string;
}

/** Default limit of a program run (10 minutes). */
export const DEFAULT_RUN_TIMEOUT_MS = 600_000;

/**
 * Run the program's `main` as the Pulumi Node.js language host would, in a child process (the language
 * host, `engine/language-host.ts`) under the recording mock runtime, and return what it registered.
 * Program errors are {@link InputError}s with the message Pulumi would give: an unhandled exception or
 * rejection, a non-zero exit, an exit before the program finished (`process.exit`), a duplicate URN, or
 * the timeout (naming the registrations still pending).
 */
export function runProgram(project: ProgramProject, stack: StackConfig, options: RunProgramOptions = {}): Promise<RecordedRun> {
  const label = path.relative(process.cwd(), project.main) || project.main;
  const request: HostRequest = { project: project.name, stack: stack.stack, dir: project.dir, main: project.main, config: stack.config, secretKeys: stack.secretKeys };
  const child = fork(LANGUAGE_HOST, [], {
    cwd: project.dir,
    execArgv: languageHostExecArgv(),
    env: { ...process.env, [HOST_REQUEST_ENV]: JSON.stringify(request), ...(options.typescriptDir ? { [PROGRAM_TYPESCRIPT_ENV]: options.typescriptDir } : {}) },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const pending = new Map<string, number>();
  let stderr = "";
  // Program output goes to stderr, like the diagnostics section of a preview.
  child.stdout?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
  });
  return new Promise<RecordedRun>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, run?: RecordedRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (error) reject(error);
      else resolve(run as RecordedRun);
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    const timer = setTimeout(() => {
      const names = [...pending.keys()];
      const shown = names.slice(0, 10).join(", ");
      finish(
        new InputError(
          `${label}: the program did not finish within ${timeoutMs / 1000}s: ${names.length > 0 ? `${names.length} registration(s) still pending: ${shown}${names.length > 10 ? ", ..." : ""}` : "no registration pending (it is still running: a timer, a server or an await that never resolves)"}; fix the program or raise --timeout`,
        ),
      );
    }, timeoutMs);
    const onAbort = () => finish(options.signal?.reason instanceof Error ? options.signal.reason : new Error("aborted"));
    options.signal?.addEventListener("abort", onAbort);
    child.on("message", (message: HostMessage) => {
      if (message.kind === "registration") {
        const key = `${message.type} '${message.name}'`;
        const n = (pending.get(key) ?? 0) + (message.end ? -1 : 1);
        if (n > 0) pending.set(key, n);
        else pending.delete(key);
      } else if (message.kind === "error") {
        finish(new InputError(`${label}: the program failed: ${message.message}`));
      } else if (message.kind === "done") {
        const run = fromWireRun(message.run);
        if (run.duplicates.length > 0) {
          finish(new InputError(`${label}: Duplicate resource URN '${run.duplicates[0]}'; try giving it a unique name`));
          return;
        }
        finish(null, run);
      }
    });
    child.on("error", (error) => finish(error));
    child.on("exit", (code, signal) => {
      if (settled) return;
      const detail = oneLine(stderr).slice(0, 300);
      if (code === 0) {
        finish(new InputError(`${label}: the program exited (code 0, process.exit) before it finished: Pulumi would not see the resources it had not registered yet; remove the process.exit call${detail ? ` (${detail})` : ""}`));
      } else {
        finish(new InputError(`${label}: Program exited with non-zero exit code: ${code ?? signal}${detail ? ` (${detail})` : ""}`));
      }
    });
  });
}
