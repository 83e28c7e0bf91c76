/**
 * Type-checks one Pulumi TypeScript program (argv: main, program dir, optionally the folder of the
 * program's own `typescript`, else the repository's is used) and sends its error diagnostics
 * to the parent: the program folder's tsconfig.json (or PULUMI_NODEJS_TSCONFIG_PATH), as Pulumi's host reads it, or without one Pulumi's
 * defaults (ES2020, module/moduleResolution nodenext); `noCheck` in the tsconfig skips the check.
 * Incremental build info lives in node_modules/.cache/hardened-cluster-tsc, keyed by program and options.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "typescript";
import { fileHash, findUp, TYPE_CHECK_CACHE_DIR, writeStamp } from "./type-check-stamp";

const CACHE_DIR = TYPE_CHECK_CACHE_DIR;

const [main, dir, typescriptDir] = process.argv.slice(2);
/** The program's own TypeScript (a type-only import above: the package itself needs no compiler). */
const ts = require(typescriptDir ?? "typescript") as typeof TS;

/** The tsconfig Pulumi uses: PULUMI_NODEJS_TSCONFIG_PATH or `tsconfig.json`, relative to the program folder. */
function tsconfigPath(dir: string): string | undefined {
  const file = path.resolve(dir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  return fs.existsSync(file) ? file : undefined;
}

function compilerOptions(dir: string): TS.CompilerOptions {
  const configFile = tsconfigPath(dir);
  if (!configFile) {
    return { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, sourceMap: true };
  }
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, path.dirname(configFile));
  return parsed.options;
}

function format(d: TS.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
  if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(process.cwd(), d.file.fileName)}:${line + 1}: TS${d.code}: ${text}`;
}

/** A file of an installed package (under node_modules): ts-node never compiles, so never reports on, those. */
const isDependency = (file: string): boolean => path.resolve(file).includes(`${path.sep}node_modules${path.sep}`);

function check(main: string, dir: string): string[] {
  const options = compilerOptions(dir);
  if ((options as { noCheck?: boolean }).noCheck) return [];
  const key = crypto.createHash("sha1").update(`${ts.version}\0${main}\0${JSON.stringify(options)}`).digest("hex");
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const program = ts.createIncrementalProgram({
    rootNames: [main],
    options: { ...options, noEmit: true, incremental: true, composite: false, declaration: false, tsBuildInfoFile: path.join(CACHE_DIR, `${key}.tsbuildinfo`) },
  });
  // Like ts-node under Pulumi: diagnostics of the files the program itself loads (its own sources, not the
  // declaration files of its dependencies or of the standard library, which ts-node never compiles). Checking
  // those only is also what keeps a cold check of a small program that imports @pulumi/aws at a few seconds.
  const own = program.getSourceFiles().filter((f) => !program.getProgram().isSourceFileDefaultLibrary(f) && !isDependency(f.fileName));
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ];
  program.emit();
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map(format);
  // What the result depends on: local sources, the tsconfig and the lockfile pinning the typings.
  const deps = own.map((f) => path.resolve(f.fileName));
  for (const extra of [tsconfigPath(dir), findUp(dir, "package-lock.json"), findUp(dir, "package.json")]) if (extra) deps.push(extra);
  writeStamp(main, { typescript: ts.version, files: Object.fromEntries(deps.map((f) => [f, fileHash(f)])), errors });
  return errors;
}

let errors: string[];
try {
  errors = check(main, dir);
} catch (error) {
  errors = [`the type checker failed: ${(error as Error).message}`];
}
process.send?.({ errors }, () => process.exit(0));
