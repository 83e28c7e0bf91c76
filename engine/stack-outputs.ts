import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "./errors";

/** Folder (inside the program folder) whose files stand in for other stacks' outputs. */
export const STACK_OUTPUTS_DIR = path.join(".hardened-cluster", "stack-outputs");

/**
 * Outputs of a `StackReference` under the offline preview: the JSON object in
 * `<program>/.hardened-cluster/stack-outputs/<stack name with "/" replaced by "_">.json`. A missing,
 * truncated or malformed file is bad input naming the file and the fix (a real preview would read the
 * other stack; offline there is nothing to read).
 */
export function stackOutputsFromFiles(programDir: string): (stackName: string) => Record<string, unknown> {
  return (stackName) => {
    const file = path.join(programDir, STACK_OUTPUTS_DIR, `${stackName.replace(/\//g, "_")}.json`);
    const fix = `write the outputs of stack '${stackName}' there as a JSON object (e.g. pulumi stack output --json --stack ${stackName} > ${path.relative(process.cwd(), file) || file})`;
    if (!fs.existsSync(file)) throw new InputError(`${file}: no outputs for StackReference '${stackName}': ${fix}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new InputError(`${file}: malformed stack outputs (${(error as Error).message}): ${fix}`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new InputError(`${file}: stack outputs must be a JSON object of output names to values: ${fix}`);
    return parsed as Record<string, unknown>;
  };
}
