/** Exit codes of the command (design.md "Command-line contract"). */
export const EXIT = { clean: 0, mandatory: 1, badInput: 2 } as const;

/** Bad input (one line naming the input and the fix) and its one-line formatting live in the engine. */
export { InputError, oneLine } from "../engine/errors";
