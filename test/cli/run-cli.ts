import { execFile } from "node:child_process";
import * as path from "node:path";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** Folder of the CLI test fixtures. */
export const FIXTURES = path.join(__dirname, "fixtures");

/** Outcome of one `node bin/hardened-cluster.js ...` run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawn the real command (as users run it) with `args`, optionally feeding `input` on stdin, from `cwd` (default the repository root). */
export function runCli(args: readonly string[], input?: string, cwd: string = ROOT): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, "bin", "hardened-cluster.js"), ...args],
      { cwd, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as any).code === "number" ? (error as any).code : 99) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}
