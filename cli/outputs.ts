import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseStackOutputs, stackOutputsFile } from "../engine/stack-outputs";
import { InputError } from "./errors";

/** Options of `hardened-cluster outputs`. */
export interface OutputsArgs {
  readonly command: "outputs";
  /** The stack whose outputs are recorded, as the program's `StackReference` names it (`org/project/stack`). */
  readonly stack: string;
  /** Program folder the file is written into (default: the current directory). */
  readonly program?: string;
  /** `--from FILE|-`: read `pulumi stack output --json --show-secrets` output from a file or stdin instead of running pulumi. */
  readonly from?: string;
  readonly quiet: boolean;
}

/** How the outputs JSON is obtained; injectable for tests. */
export interface OutputsSources {
  /** Run `pulumi stack output --json --show-secrets --stack <stack>` in `cwd`; returns its stdout. */
  readonly pulumi: (stack: string, cwd: string) => string;
  /** Read standard input as a whole. */
  readonly stdin: () => string;
}

/** The real sources: the `pulumi` on PATH and the process's stdin. */
export const DEFAULT_SOURCES: OutputsSources = {
  pulumi(stack, cwd) {
    const command = `pulumi stack output --json --show-secrets --stack ${stack}`;
    const run = spawnSync("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", stack], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT")
      throw new InputError(`'${command}': pulumi is not on PATH: install the Pulumi CLI, or run that command where it is and pass its output with --from FILE (or --from - on stdin)`);
    if (run.error) throw new InputError(`'${command}' could not run (${run.error.message}): pass its output with --from FILE instead`);
    if (run.status !== 0) {
      const reason = (run.stderr || run.stdout || "").trim().split(/\r?\n/).filter(Boolean).pop() ?? `exit ${run.status}`;
      throw new InputError(`'${command}' failed (${reason}): check 'pulumi login' and the stack name (org/project/stack)`);
    }
    return run.stdout;
  },
  stdin: () => fs.readFileSync(0, "utf8"),
};

/** A stack name as `pulumi --stack` takes it: `stack`, `org/stack` or `org/project/stack`, each part non-empty without spaces. */
const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/;

/**
 * `hardened-cluster outputs --stack ORG/PROJECT/STACK [--program DIR] [--from FILE|-]`: record another stack's
 * outputs where the offline preview of the program reads them for `new pulumi.StackReference("<stack>")`
 * ({@link stackOutputsFile}). The JSON comes from `pulumi stack output --json --show-secrets` (run here, or
 * read from `--from`), is checked like the preview checks it, and is written pretty-printed. Returns the
 * line to print. Bad input (no pulumi, a failing pulumi, malformed, truncated or masked outputs) raises
 * {@link InputError} before anything is written.
 */
export function writeStackOutputs(args: OutputsArgs, sources: OutputsSources = DEFAULT_SOURCES, cwd: string = process.cwd()): string {
  if (!STACK_NAME.test(args.stack)) throw new InputError(`--stack '${args.stack}': give the stack as the program's StackReference names it, e.g. --stack acme/hardened-cluster/dev`);
  const program = path.resolve(cwd, args.program ?? ".");
  if (!fs.existsSync(path.join(program, "Pulumi.yaml")))
    throw new InputError(`${program}: no Pulumi.yaml found: run in the program folder that holds the StackReference, or give it with --program DIR`);
  const file = stackOutputsFile(program, args.stack);
  const fix = `give the JSON printed by 'pulumi stack output --json --show-secrets --stack ${args.stack}'`;
  const [text, source] =
    args.from === undefined
      ? [sources.pulumi(args.stack, program), `pulumi stack output --json --show-secrets --stack ${args.stack}`]
      : args.from === "-"
        ? [sources.stdin(), "stdin"]
        : [readFrom(path.resolve(cwd, args.from)), args.from];
  if (text.trim() === "") throw new InputError(`${source}: empty: expected the JSON object of 'pulumi stack output --json --show-secrets --stack ${args.stack}'`);
  const outputs = parseStackOutputs(text, source, fix);
  if (Object.keys(outputs).length === 0) throw new InputError(`${source}: stack '${args.stack}' has no outputs: deploy it first (pulumi up --stack ${args.stack}) or check the stack name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
  return `wrote ${path.relative(cwd, file) || file}: ${Object.keys(outputs).length} outputs of ${args.stack} (values in plain text: do not commit it if an output is a secret)`;
}

function readFrom(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`--from ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give the file 'pulumi stack output --json --show-secrets' wrote, or - for stdin`);
  }
}
