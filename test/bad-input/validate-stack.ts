import * as path from "node:path";
import { InputError, oneLine } from "../../cli/errors";
import { loadProject, loadStackConfig } from "../../engine/project";
import { ConfigError, parsePlatformConfig } from "../../infra/config";

/** Repository root (the default program of `hardened-cluster preview`). */
export const ROOT = path.resolve(__dirname, "..", "..");

/** How `hardened-cluster preview` labels a failure of the default program (its `main`, relative to the root). */
const PROGRAM_LABEL = path.join("infra", "index.ts");

/**
 * The stderr line `hardened-cluster preview --stack <file>` prints for a rejected stack file, computed
 * in-process: the stack file is loaded as the CLI loads it and validated as the platform program does
 * first thing. Returns undefined when both accept the file (the CLI would then run the program).
 */
export function stackErrorLine(file: string): string | undefined {
  try {
    const stack = loadStackConfig(loadProject(ROOT), file);
    parsePlatformConfig(stack.config);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return `hardened-cluster: ${error.message}`;
    if (error instanceof ConfigError) return `hardened-cluster: ${PROGRAM_LABEL}: the program failed: ${oneLine(error.message)}`;
    throw error;
  }
}
