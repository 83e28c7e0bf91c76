/**
 * Where this package lives and how its own modules run. Compiled (`dist/engine/*.js`, as published) the
 * package root is two folders up and child processes run plain JavaScript; from the TypeScript sources
 * (the development repository, no build step) it is one folder up and children run through
 * `bin/register-ts.js` (ts-node, a dev dependency).
 */
import * as path from "node:path";

/** True when this module is the compiled `dist/engine/package-root.js`. */
export const COMPILED = path.extname(__filename) === ".js";

/** The package root (the folder holding `package.json`, `policy-pack/`, `bin/`). */
export const PACKAGE_ROOT = COMPILED ? path.resolve(__dirname, "..", "..") : path.resolve(__dirname, "..");

/** Path of a sibling engine module (`name` without extension) in the form that is running (`.js` or `.ts`). */
export function engineModule(name: string): string {
  return path.join(__dirname, `${name}${path.extname(__filename)}`);
}

/**
 * `execArgv` of a child process that runs one of this package's own modules: nothing when compiled, the
 * ts-node registration from the sources.
 */
export function ownModuleExecArgv(): string[] {
  return COMPILED ? [] : ["-r", path.join(PACKAGE_ROOT, "bin", "register-ts.js")];
}
