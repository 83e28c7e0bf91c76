import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { previewHeapFlags } from "./heap-flags";
import { InputError } from "./errors";
import { COMPILED, engineModule, ownModuleExecArgv, PACKAGE_ROOT } from "./package-root";

/** Default location of the policy pack (its PulumiPolicy.yaml, package.json and TypeScript sources). */
export const DEFAULT_PACK_DIR = path.join(PACKAGE_ROOT, "policy-pack");

/** The default pack compiled by `npm run build` (run by the compiled package: no TypeScript at run time). */
export const COMPILED_PACK_ENTRY = path.join(PACKAGE_ROOT, "dist", "policy-pack", "index.js");

/**
 * How to start the pack in `dir`: the compiled default pack as plain JavaScript; another pack's
 * `index.ts` with its own TypeScript (compiled package) or the repository's ts-node registration (sources).
 */
export function packCommand(dir: string): string[] {
  if (COMPILED && dir === DEFAULT_PACK_DIR && fs.existsSync(COMPILED_PACK_ENTRY)) return [COMPILED_PACK_ENTRY];
  const entry = ["index.ts", "index.js"].find((f) => fs.existsSync(path.join(dir, f))) ?? "index.ts";
  if (!COMPILED) return [...ownModuleExecArgv(), entry];
  return entry.endsWith(".ts") ? ["-r", engineModule("program-register"), entry] : [entry];
}

/** A running policy-pack process serving the analyzer protocol. */
export interface PackProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** Kill the process (idempotent). */
  stop(): void;
}

/** Longest wait for the pack to print its port. */
const START_TIMEOUT_MS = 60_000;

/**
 * Start the real policy pack (see {@link packCommand}; cwd = the pack folder, because `new PolicyPack`
 * reads `package.json` from cwd) and read the port it prints first.
 * The returned promise also has a synchronous `kill()` that stops the process whether or not it has
 * started serving.
 */
export function startPack(packDir: string = DEFAULT_PACK_DIR): Promise<PackProcess> & { kill(): void } {
  const dir = path.resolve(packDir);
  if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
    return Object.assign(Promise.reject(new InputError(`${dir}: not a policy pack (no PulumiPolicy.yaml): pass --policy-pack DIR of a CrossGuard pack`)), { kill: () => undefined });
  }
  const child = spawn(process.execPath, [...previewHeapFlags(), ...packCommand(dir)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const started = new Promise<PackProcess>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`policy pack in ${dir} did not print its port within ${START_TIMEOUT_MS / 1000}s`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      const port = Number.parseInt(stdout.slice(0, newline).trim(), 10);
      if (!Number.isInteger(port) || port <= 0) {
        stop();
        reject(new Error(`policy pack printed '${stdout.slice(0, newline)}' instead of a port`));
        return;
      }
      resolve({ port, child, stop });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`policy pack exited (${signal ?? code}) before serving: ${stderr.trim().split("\n").slice(-5).join(" | ")}`));
    });
  });
  // `kill` works synchronously from the first moment (an exit or signal handler cannot await the start).
  return Object.assign(started, { kill: stop });
}
