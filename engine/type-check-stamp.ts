import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT } from "./package-root";

/** Where type-check results are kept between runs. */
export const TYPE_CHECK_CACHE_DIR = path.join(PACKAGE_ROOT, "node_modules", ".cache", "hardened-cluster-tsc");

/**
 * A type-check result and what it depended on: every local source file the program loaded, its
 * tsconfig and the lockfile (which pins the SDK typings), each with its content hash.
 */
export interface TypeCheckStamp {
  /** {@link STAMP_SCHEME} of the checker that wrote it: a stamp of another checker is not reused. */
  readonly scheme?: number;
  readonly typescript: string;
  readonly files: Record<string, string>;
  readonly errors: string[];
}

/**
 * What the checker reports. 2: the diagnostics of the program's own files only (as ts-node under Pulumi), not of
 * its dependencies' declaration files. Stamps written under another scheme are checked again.
 */
export const STAMP_SCHEME = 2;

/** Content hash of a file ("" when it does not exist). */
export function fileHash(file: string): string {
  try {
    return crypto.createHash("sha1").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return "";
  }
}

/** The stamp file of a program entry. */
export function stampFile(main: string): string {
  return path.join(TYPE_CHECK_CACHE_DIR, `${crypto.createHash("sha1").update(main).digest("hex")}.stamp.json`);
}

/** The nearest file named `name` in `dir` or above, if any. */
export function findUp(dir: string, name: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const f = path.join(d, name);
    if (fs.existsSync(f)) return f;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The errors of a still-valid stamp (same TypeScript, every file unchanged), else undefined. */
export function readValidStamp(main: string, typescriptVersion: string): string[] | undefined {
  let stamp: TypeCheckStamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile(main), "utf8"));
  } catch {
    return undefined;
  }
  if (stamp.scheme !== STAMP_SCHEME || stamp.typescript !== typescriptVersion) return undefined;
  for (const [file, hash] of Object.entries(stamp.files)) if (fileHash(file) !== hash) return undefined;
  return stamp.errors;
}

/** Write a stamp atomically. */
export function writeStamp(main: string, stamp: TypeCheckStamp): void {
  fs.mkdirSync(TYPE_CHECK_CACHE_DIR, { recursive: true });
  const file = stampFile(main);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ ...stamp, scheme: STAMP_SCHEME }));
  fs.renameSync(tmp, file);
}
