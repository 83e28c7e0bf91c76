/**
 * Preloaded (`node -r`) into the language host when the package runs compiled: makes a team's TypeScript
 * program loadable with the program's OWN `typescript` (as Pulumi's Node.js host does), transpile only;
 * type errors come from the separate type-check step. Settings come from the program's tsconfig, with
 * the module system forced to CommonJS (the host `require`s the program). ESM-style sources work too:
 * `import "./x.js"` falls back to `./x.ts` when no `.js` file exists, and `.mts`/`.cts` files load.
 *
 * The TypeScript folder is {@link PROGRAM_TYPESCRIPT_ENV} (set by the engine after its version check),
 * else resolved from the working directory (the program folder).
 */
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type * as TS from "typescript";
import { PROGRAM_TYPESCRIPT_ENV } from "./program-register-env";

const TS_EXTENSIONS = [".ts", ".mts", ".cts"];

let compiler: { ts: typeof TS; options: TS.CompilerOptions } | undefined;

/** The program's TypeScript and its transpile options (loaded on the first TypeScript file). */
function load(): { ts: typeof TS; options: TS.CompilerOptions } {
  if (compiler) return compiler;
  const dir = process.cwd();
  let tsDir = process.env[PROGRAM_TYPESCRIPT_ENV];
  if (!tsDir) {
    try {
      tsDir = path.dirname(require.resolve("typescript/package.json", { paths: [dir] }));
    } catch {
      throw new Error(`${dir}: no 'typescript' package resolves from the program folder: run npm install --save-dev typescript there`);
    }
  }
  const ts = require(tsDir) as typeof TS;
  const configFile = path.resolve(dir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  let options: TS.CompilerOptions = {};
  if (fs.existsSync(configFile)) {
    const read = ts.readConfigFile(configFile, ts.sys.readFile);
    options = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, path.dirname(configFile)).options;
  }
  // What the host needs whatever the tsconfig says: CommonJS output with inline source maps, no declarations.
  const kept: Record<string, unknown> = { ...options };
  // Settings of another module system, or that TypeScript 5 rejects (`ignoreDeprecations: "6.0"`).
  for (const key of ["moduleResolution", "ignoreDeprecations", "verbatimModuleSyntax", "outFile", "tsBuildInfoFile"]) delete kept[key];
  compiler = {
    ts,
    options: {
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      ...kept,
      module: ts.ModuleKind.CommonJS,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: true,
      declaration: false,
      declarationMap: false,
      noEmit: false,
      composite: false,
      incremental: false,
    },
  };
  return compiler;
}

function compileTypescript(module: NodeJS.Module, filename: string): void {
  const { ts, options } = load();
  const output = ts.transpileModule(fs.readFileSync(filename, "utf8"), { fileName: filename, compilerOptions: options });
  (module as unknown as { _compile(code: string, file: string): void })._compile(output.outputText, filename);
}

const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeJS.Module, f: string) => void> })._extensions;
for (const ext of TS_EXTENSIONS) extensions[ext] = compileTypescript;

// `import { x } from "./config.js"` (ESM / nodenext style) names the compiled file; from sources it is config.ts.
type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
  try {
    return resolveFilename.call(this, request, parent, ...rest);
  } catch (error) {
    const match = /^(\.{1,2}\/.*)\.([cm]?)js$/.exec(request);
    if (!match || (error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    try {
      return resolveFilename.call(this, `${match[1]}.${match[2]}ts`, parent, ...rest);
    } catch {
      throw error;
    }
  }
};

// Stack traces point at the program's TypeScript lines.
process.setSourceMapsEnabled?.(true);
