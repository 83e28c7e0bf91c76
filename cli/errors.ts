/**
 * Exit codes of the command (design.md "Command-line contract"): 0 clean, 1 mandatory violation, 2 bad
 * input or program error, 3 incomplete (something could not be judged offline; `--allow-unverified` turns
 * it into 0/1), 4 internal error, 130/143 interrupted by SIGINT/SIGTERM.
 */
export const EXIT = { clean: 0, mandatory: 1, badInput: 2, incomplete: 3, internal: 4, sigint: 130, sigterm: 143 } as const;

/** Bad input (one line naming the input and the fix) and its one-line formatting live in the engine. */
export { InputError, oneLine } from "../engine/errors";
