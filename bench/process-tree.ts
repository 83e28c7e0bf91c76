/**
 * Wall and CPU time of a whole process tree (a command and every process it starts), for benchmark 7. The CPU of
 * a descendant that its parent kills without waiting for it never reaches the parent's `cutime`, so the tree is
 * sampled from /proc every few milliseconds and each process counts with the last CPU time seen for it (Linux).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { msSince } from "./timing";

/** Clock ticks per second of /proc's utime/stime (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = 100;
/** How often the tree is sampled. */
const SAMPLE_MS = 10;

/** One finished command. */
export interface TreeRun {
  readonly wallMs: number;
  /** CPU ms (user + system) of the command and all its descendants. */
  readonly cpuMs: number;
  readonly exitCode: number | null;
  /** Processes seen in the tree. */
  readonly processes: number;
  readonly stdout: string;
}

/** utime + stime (ticks) and parent pid of every process, from /proc. */
function snapshot(): Map<number, { ppid: number; ticks: number }> {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.set(pid, { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return procs;
}

/** Run `command args` with `env` added, and measure its whole tree until the command exits. */
export function runTree(command: string, args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<TreeRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    const seen = new Map<number, number>();
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    const sample = () => {
      const procs = snapshot();
      const root = child.pid;
      if (root === undefined) return;
      for (const [pid, p] of procs) {
        // A descendant: the root itself, or a process whose parent is already in the tree (walk up).
        let cur: number | undefined = pid;
        let inTree = seen.has(pid);
        for (let hops = 0; !inTree && cur !== undefined && cur > 1 && hops < 32; hops++) {
          if (cur === root || seen.has(cur)) inTree = true;
          else cur = procs.get(cur)?.ppid;
        }
        if (inTree) seen.set(pid, Math.max(seen.get(pid) ?? 0, p.ticks));
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("exit", (exitCode) => {
      sample();
      clearInterval(timer);
      const ticks = [...seen.values()].reduce((a, b) => a + b, 0);
      resolve({ wallMs: msSince(started), cpuMs: (ticks * 1000) / TICKS_PER_SECOND, exitCode, processes: seen.size, stdout });
    });
  });
}
