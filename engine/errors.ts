/**
 * Bad input from the user (unknown stack, malformed file, wrong config type, unknown flag...). Its
 * message is ONE line naming the input and the fix; the CLI prints it without a stack trace and exits 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = "InputError";
  }
}

/** Collapse a multi-line message (Pulumi config errors, YAML errors) to one readable line. */
export function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ")
    .replace(/\s+/g, " ");
}
