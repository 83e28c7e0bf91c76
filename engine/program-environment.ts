/**
 * Checks of the environment a team's program runs in, made before anything is started: the Node.js
 * version, the program's own TypeScript (the compiler the CLI runs a TypeScript program with, as Pulumi
 * does) and the copy of `@pulumi/pulumi` the program resolves (it must be the one the engine records on,
 * or every registration lands on another runtime and the preview never finishes).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "./errors";
import { COMPILED } from "./package-root";
import type { ProgramProject } from "./project";

/** Oldest Node.js major the command runs on (`engines.node`). */
export const MIN_NODE_MAJOR = 20;

/** TypeScript majors a team's program may use (the range `@pulumi/pulumi` accepts, tested with both). */
export const SUPPORTED_TYPESCRIPT_MAJORS: readonly number[] = [5, 6];

/** Extensions of a program entry the language host runs. */
const TYPESCRIPT_ENTRY = /\.[cm]?ts$/;
const JAVASCRIPT_ENTRY = /\.[cm]?js$/;

/** A package found by Node's resolution from a folder. */
export interface ResolvedPackage {
  /** Real path of the package folder (symlinks resolved). */
  readonly dir: string;
  readonly version: string;
}

/** Where Node resolves package `name` from folder `from` (its `package.json`), or undefined when it does not. */
export function resolvePackage(name: string, from: string): ResolvedPackage | undefined {
  let file: string;
  try {
    file = require.resolve(`${name}/package.json`, { paths: [from] });
  } catch {
    return undefined;
  }
  const version = String((JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown }).version ?? "unknown");
  return { dir: fs.realpathSync(path.dirname(file)), version };
}

/** Bad input when `version` (process.versions.node) is older than {@link MIN_NODE_MAJOR}. */
export function checkNodeVersion(version: string = process.versions.node): void {
  const major = Number.parseInt(version, 10);
  if (!(major >= MIN_NODE_MAJOR)) {
    throw new InputError(`Node.js ${version} is not supported: hardened-cluster needs Node.js ${MIN_NODE_MAJOR} or newer (engines.node); install a current LTS release (e.g. nvm install 22)`);
  }
}

/**
 * The TypeScript a TypeScript program is run and type-checked with: the program's own (resolved from its
 * folder). Bad input when its major is not supported, or, for the compiled package, when the program has
 * none. Undefined for a JavaScript program, or in the development repository when the program has none
 * (the repository's own TypeScript then runs it).
 */
export function programTypescript(project: ProgramProject): ResolvedPackage | undefined {
  if (!TYPESCRIPT_ENTRY.test(project.main)) return undefined;
  const ts = resolvePackage("typescript", project.dir);
  if (!ts) {
    if (!COMPILED) return undefined;
    throw new InputError(
      `${project.dir}: the program is TypeScript (${path.basename(project.main)}) but no 'typescript' package resolves from its folder: run npm install --save-dev typescript@${SUPPORTED_TYPESCRIPT_MAJORS.at(-1)} there (TypeScript ${SUPPORTED_TYPESCRIPT_MAJORS.join(".x or ")}.x), as Pulumi needs too`,
    );
  }
  const major = Number.parseInt(ts.version, 10);
  if (!SUPPORTED_TYPESCRIPT_MAJORS.includes(major)) {
    throw new InputError(
      `${ts.dir}: TypeScript ${ts.version} is not supported (the program's own typescript runs and type-checks it): install TypeScript ${SUPPORTED_TYPESCRIPT_MAJORS.join(".x or ")}.x in the program (npm install --save-dev typescript@${SUPPORTED_TYPESCRIPT_MAJORS.at(-1)})`,
    );
  }
  return ts;
}

/** Bad input when the program's entry is neither TypeScript nor JavaScript. */
export function checkProgramEntry(project: ProgramProject): void {
  if (TYPESCRIPT_ENTRY.test(project.main) || JAVASCRIPT_ENTRY.test(project.main)) return;
  throw new InputError(`${project.main}: the program entry is not TypeScript or JavaScript: the offline preview runs Node.js programs only; set main in ${path.join(project.dir, "Pulumi.yaml")} to an index.ts or index.js`);
}

/**
 * Bad input when the program resolves another copy of `@pulumi/pulumi` than the engine (`engineFrom`, this
 * module's folder by default): its resources would register on a runtime nobody records and the preview
 * would hang. A program that resolves none is left to fail when it loads (Pulumi's own error).
 */
export function checkSinglePulumi(project: ProgramProject, engineFrom: string = __dirname): void {
  const program = resolvePackage("@pulumi/pulumi", project.dir);
  const engine = resolvePackage("@pulumi/pulumi", engineFrom);
  if (!program || !engine || program.dir === engine.dir) return;
  throw new InputError(
    `${project.dir}: two copies of @pulumi/pulumi: the program loads ${program.dir} (${program.version}) but hardened-cluster runs on ${engine.dir} (${engine.version}); @pulumi/pulumi is a peer dependency: install one version in the program (npm install @pulumi/pulumi@${engine.version === program.version ? program.version : `"<one version>"`} && npm dedupe) and remove the nested copy`,
  );
}

/** Every check above, in order; returns the program's TypeScript (see {@link programTypescript}). */
export function checkProgramEnvironment(project: ProgramProject): ResolvedPackage | undefined {
  checkNodeVersion();
  checkProgramEntry(project);
  const ts = programTypescript(project);
  checkSinglePulumi(project);
  return ts;
}
