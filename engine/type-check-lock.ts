/**
 * One type-check per program at a time across processes. Previews of the same program started together (a CI
 * matrix, concurrent test runs) would otherwise each type-check it from cold, all but one of them for nothing:
 * the first takes a lock file beside the program's stamp, the others wait for its stamp and reuse it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readValidStamp, stampFile } from "./type-check-stamp";

/** A lock older than this is abandoned whatever its holder (a check of a large program takes well under it). */
const STALE_MS = 10 * 60_000;
/** How often a waiting process looks for the stamp. */
const POLL_MS = 200;

/** The lock file of a program entry. */
export const lockFile = (main: string): string => `${stampFile(main)}.lock`;

function holderAlive(file: string): boolean {
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    if (Date.now() - fs.statSync(file).mtimeMs > STALE_MS) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Take the lock of `main`'s type-check: a release function, or undefined when a live process holds it. A lock
 * left by a process that died is taken over. The lock is released at the latest when this process exits.
 */
export function acquireCheckLock(main: string): (() => void) | undefined {
  const file = lockFile(main);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.removeListener("exit", release);
        try {
          fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return () => undefined; // no lock possible: check alone
      if (holderAlive(file)) return undefined;
      try {
        fs.unlinkSync(file);
      } catch {
        // another waiter removed it first
      }
    }
  }
  return undefined;
}

/**
 * Wait while another process type-checks `main`: its errors once it wrote a valid stamp, or undefined when it
 * stopped without one (the caller then checks itself).
 */
export async function awaitOtherCheck(main: string, typescriptVersion: string): Promise<string[] | undefined> {
  const file = lockFile(main);
  for (;;) {
    const stamp = readValidStamp(main, typescriptVersion);
    if (stamp) return stamp;
    if (!fs.existsSync(file) || !holderAlive(file)) return readValidStamp(main, typescriptVersion);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
