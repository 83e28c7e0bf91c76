import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "./errors";

/** Folder (inside the program folder) whose files stand in for other stacks' outputs. */
export const STACK_OUTPUTS_DIR = path.join(".hardened-cluster", "stack-outputs");

/**
 * The file that holds the outputs of stack `stackName` (the name the program passes to `new
 * pulumi.StackReference(...)`) for the offline preview of the program in `programDir`:
 * `<programDir>/.hardened-cluster/stack-outputs/<stackName with "/" replaced by "_">.json`.
 */
export function stackOutputsFile(programDir: string, stackName: string): string {
  return path.join(programDir, STACK_OUTPUTS_DIR, `${stackName.replace(/\//g, "_")}.json`);
}

/** The one-line fix for a missing or bad outputs file of `stackName`. */
export function stackOutputsFix(programDir: string, stackName: string): string {
  const program = path.relative(process.cwd(), programDir) || ".";
  return `write the outputs of stack '${stackName}' there as a JSON object: run 'hardened-cluster outputs --program ${program} --stack ${stackName}' (it runs pulumi stack output --json --show-secrets --stack ${stackName}; or give that JSON with --from FILE)`;
}

/**
 * Parse and check stack outputs as `pulumi stack output --json --show-secrets` prints them: one JSON object of
 * output names to values. `source` names where the text came from in the error. Rejects malformed or
 * truncated JSON, anything but an object, and values `pulumi` masked as `"[secret]"` (printed without
 * `--show-secrets`: the preview would read the mask instead of the value).
 */
export function parseStackOutputs(text: string, source: string, fix: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source}: malformed stack outputs (${(error as Error).message}): ${fix}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new InputError(`${source}: stack outputs must be a JSON object of output names to values: ${fix}`);
  const masked = Object.entries(parsed).filter(([, v]) => v === "[secret]").map(([k]) => k);
  if (masked.length > 0) throw new InputError(`${source}: output(s) ${masked.join(", ")} are masked as "[secret]" (printed without --show-secrets): ${fix}`);
  return parsed as Record<string, unknown>;
}

/**
 * Outputs of a `StackReference` under the offline preview: the JSON object in {@link stackOutputsFile}. A
 * missing, truncated or malformed file is bad input naming the file and the fix (a real preview would read
 * the other stack; offline there is nothing to read).
 */
export function stackOutputsFromFiles(programDir: string): (stackName: string) => Record<string, unknown> {
  return (stackName) => {
    const file = stackOutputsFile(programDir, stackName);
    const fix = stackOutputsFix(programDir, stackName);
    if (!fs.existsSync(file)) throw new InputError(`${file}: no outputs for StackReference '${stackName}': ${fix}`);
    return parseStackOutputs(fs.readFileSync(file, "utf8"), file, fix);
  };
}
