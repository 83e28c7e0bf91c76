import * as fs from "node:fs";
import * as path from "node:path";
import { InputError, oneLine } from "./errors";
import type { ProgramProject, StackConfig } from "./project";
import { recordRun, type RecordedRun } from "./record";

/** Folder (inside the program folder) whose files stand in for other stacks' outputs. */
export const STACK_OUTPUTS_DIR = path.join(".hardened-cluster", "stack-outputs");

/**
 * Outputs of a `StackReference` under the offline preview: the JSON object in
 * `<program>/.hardened-cluster/stack-outputs/<stack name with "/" replaced by "_">.json`, else none.
 */
export function stackOutputsFromFiles(programDir: string): (stackName: string) => Record<string, unknown> {
  return (stackName) => {
    const file = path.join(programDir, STACK_OUTPUTS_DIR, `${stackName.replace(/\//g, "_")}.json`);
    if (!fs.existsSync(file)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new InputError(`${file}: malformed stack outputs (${(error as Error).message}): write a JSON object of output names to values`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new InputError(`${file}: stack outputs must be a JSON object of output names to values`);
    return parsed as Record<string, unknown>;
  };
}

/** Message of an error thrown by the program, on one line (ts-node diagnostics included). */
function programErrorMessage(error: unknown): string {
  if (error instanceof Error) {
    const diagnostic = (error as { diagnosticText?: string }).diagnosticText;
    return oneLine(diagnostic ?? error.message);
  }
  return oneLine(String(error));
}

/**
 * Run the program's `main` under the recording mock runtime with the stack's config and return every
 * registered resource. Modules the run loads (outside node_modules) are dropped from the require cache
 * afterwards so the next run starts fresh. Anything the program throws (config validation included)
 * becomes an {@link InputError} naming the program.
 */
export async function runProgram(project: ProgramProject, stack: StackConfig): Promise<RecordedRun> {
  const before = new Set(Object.keys(require.cache));
  const label = path.relative(process.cwd(), project.main) || project.main;
  const pending: unknown[] = [];
  const onRejection = (reason: unknown) => pending.push(reason);
  process.on("unhandledRejection", onRejection);
  const previousCwd = process.cwd();
  try {
    process.chdir(project.dir);
    const run = await recordRun(
      async () => {
        const exported = require(project.main);
        const entry = typeof exported === "function" ? exported : typeof exported?.default === "function" ? exported.default : undefined;
        if (entry) await entry();
      },
      { project: project.name, stack: stack.stack, config: stack.config, secretKeys: stack.secretKeys, stackOutputs: stackOutputsFromFiles(project.dir) },
    );
    // Let rejections raised inside outputs surface before deciding the run was clean.
    await new Promise((resolve) => setImmediate(resolve));
    if (pending.length > 0) throw pending[0];
    return run;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${label}: the program failed: ${programErrorMessage(error)}`);
  } finally {
    process.chdir(previousCwd);
    process.off("unhandledRejection", onRejection);
    for (const key of Object.keys(require.cache)) {
      if (!before.has(key) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
    }
  }
}
