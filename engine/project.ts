import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "./errors";
import { readYamlFile } from "../cli/yaml-file";
import { SECRET_PLACEHOLDER } from "./mocks";

/** Pulumi runtimes the offline preview can run (it runs the program in-process under Node.js mocks). */
export const SUPPORTED_RUNTIMES: readonly string[] = ["nodejs"];

/** A Pulumi program found through its `Pulumi.yaml`. */
export interface ProgramProject {
  /** Folder holding `Pulumi.yaml`. */
  readonly dir: string;
  readonly name: string;
  /** Absolute path of the entry module (`main`, default `index.ts`). */
  readonly main: string;
  /** Absolute folder of the stack files (`stackConfigDir`, default the program folder). */
  readonly stackConfigDir: string;
}

/** A stack's config, ready for `pulumi.runtime.setAllConfig`. */
export interface StackConfig {
  readonly stack: string;
  /** Stack file read, or null when the program has no stack file (empty config). */
  readonly file: string | null;
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
}

/** Load `DIR/Pulumi.yaml` (its `name`, `main`, `stackConfigDir`). */
export function loadProject(dir: string): ProgramProject {
  const absDir = path.resolve(dir);
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(absDir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new InputError(`${absDir}: no Pulumi.yaml found: pass --program DIR with the folder that holds the program's Pulumi.yaml`);
  const doc = readYamlFile(file, "Pulumi.yaml");
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new InputError(`${file}: Pulumi.yaml must be a map with at least 'name' and 'runtime'`);
  const y = doc as Record<string, unknown>;
  if (typeof y.name !== "string" || y.name === "") throw new InputError(`${file}: 'name' is missing: set name: <project name>`);
  const runtime = typeof y.runtime === "string" ? y.runtime : y.runtime && typeof y.runtime === "object" ? (y.runtime as { name?: unknown }).name : undefined;
  if (runtime !== "nodejs") {
    throw new InputError(
      `${file}: runtime ${runtime === undefined ? "is missing" : `'${String(runtime)}' is not supported`}: the offline preview runs Node.js programs (TypeScript or JavaScript) only; set runtime: nodejs (supported runtimes: ${SUPPORTED_RUNTIMES.join(", ")})`,
    );
  }
  for (const key of ["main", "stackConfigDir"]) {
    if (y[key] !== undefined && typeof y[key] !== "string") throw new InputError(`${file}: '${key}' must be a string path`);
  }
  const mainRel = (y.main as string | undefined) ?? ".";
  let main = path.resolve(absDir, mainRel);
  if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
    main = ["index.ts", "index.js"].map((f) => path.join(main, f)).find((f) => fs.existsSync(f)) ?? path.join(main, "index.ts");
  }
  if (!fs.existsSync(main)) throw new InputError(`${file}: main '${mainRel}' does not exist: create it or fix 'main'`);
  return { dir: absDir, name: y.name, main, stackConfigDir: path.resolve(absDir, (y.stackConfigDir as string | undefined) ?? ".") };
}

/** One stack-name segment (Pulumi's stack, project and organization names). */
const NAME_SEGMENT = "[A-Za-z0-9_.-]+";

/** What `--stack` selects: a stack file, or a stack by name (optionally qualified as `org/project/stack`). */
export type StackSelector =
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "name"; readonly name: string; readonly org?: string; readonly project?: string };

/**
 * Read `--stack`: a path ending `.yaml`/`.yml`, or naming an existing file, is a stack file; `stack`,
 * `org/stack` and `org/project/stack` (as `pulumi --stack` takes them) are stack names whose last segment
 * selects `Pulumi.<stack>.yaml`; anything else with a path separator is a (missing) stack file.
 */
export function parseStackSelector(stack: string): StackSelector {
  if (/\.ya?ml$/i.test(stack)) return { kind: "file", file: path.resolve(stack) };
  if (stack.includes("/") || stack.includes(path.sep)) {
    const qualified = new RegExp(`^(${NAME_SEGMENT})/(?:(${NAME_SEGMENT})/)?(${NAME_SEGMENT})$`).exec(stack);
    if (qualified && !(fs.existsSync(stack) && fs.statSync(stack).isFile())) {
      return { kind: "name", org: qualified[1], ...(qualified[2] !== undefined ? { project: qualified[2] } : {}), name: qualified[3] };
    }
    return { kind: "file", file: path.resolve(stack) };
  }
  return { kind: "name", name: stack };
}

/** Stack name of a stack file (`Pulumi.<stack>.yaml`, else the base name without extension). */
function stackNameOfFile(file: string): string {
  return /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1] ?? path.basename(file).replace(/\.ya?ml$/i, "");
}

function availableStacks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/**
 * Find and load the stack file for `--stack` (a stack name, optionally `org/project/stack`, looked up in
 * `stackConfigDir`, or a path; see {@link parseStackSelector}).
 * A program with no stack files at all runs with empty config; an unknown stack name among existing
 * stack files is bad input.
 */
export function loadStackConfig(project: ProgramProject, stack: string): StackConfig {
  let file: string;
  let name: string;
  const selector = parseStackSelector(stack);
  if (selector.kind === "file") {
    file = selector.file;
    name = stackNameOfFile(file);
    if (!fs.existsSync(file)) throw new InputError(`--stack ${stack}: file not found: pass an existing stack file or a stack name`);
  } else {
    if (!/^[A-Za-z0-9_.-]+$/.test(selector.name)) throw new InputError(`--stack '${stack}': not a valid stack name: use letters, digits, '-', '_' or '.' (or org/project/stack)`);
    if (selector.project !== undefined && selector.project !== project.name) {
      throw new InputError(`--stack ${stack}: project '${selector.project}' does not match the program's project '${project.name}' (Pulumi.yaml name): use ${selector.org}/${project.name}/${selector.name} or just ${selector.name}`);
    }
    name = selector.name;
    const candidates = ["yaml", "yml"].map((ext) => path.join(project.stackConfigDir, `Pulumi.${name}.${ext}`));
    const found = candidates.find((f) => fs.existsSync(f));
    if (!found) {
      const known = availableStacks(project.stackConfigDir);
      if (known.length === 0) return { stack: name, file: null, config: {}, secretKeys: [] };
      throw new InputError(`unknown stack '${name}': no ${path.relative(process.cwd(), candidates[0]) || candidates[0]}; use one of ${known.join(", ")} or pass a stack file path`);
    }
    file = found;
  }
  const doc = readYamlFile(file, "stack file");
  if (doc === null || doc === undefined) return { stack: name, file, config: {}, secretKeys: [] };
  if (typeof doc !== "object" || Array.isArray(doc)) throw new InputError(`${file}: a stack file must be a map with a 'config:' map`);
  const raw = (doc as Record<string, unknown>).config;
  if (raw === undefined || raw === null) return { stack: name, file, config: {}, secretKeys: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) throw new InputError(`${file}: 'config' must be a map of <namespace>:<key> to values`);
  return { stack: name, file, ...toPulumiConfig(project.name, raw as Record<string, unknown>) };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/** Replace nested `{secure: ...}` values with the placeholder; report whether any was found. */
function redact(value: unknown): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(redact);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, redact(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secret: entries.some(([, r]) => r.secret) };
  }
  return { value, secret: false };
}

/**
 * Turn a stack file's `config:` map into Pulumi config: keys without a namespace get the project's;
 * strings stay as they are, other values become JSON text; `secure:` values become
 * {@link SECRET_PLACEHOLDER} and their keys are listed as secret.
 */
export function toPulumiConfig(project: string, raw: Record<string, unknown>): { config: Record<string, string>; secretKeys: string[] } {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const fullKey = key.includes(":") ? key : `${project}:${key}`;
    const { value: plain, secret } = redact(value);
    config[fullKey] = typeof plain === "string" ? plain : JSON.stringify(plain ?? null);
    if (secret) secretKeys.push(fullKey);
  }
  return { config, secretKeys };
}

/**
 * The pack-config file a named stack carries beside its stack file (`<stackConfigDir>/policy-config.<stack>.json`,
 * generated by `npm run policy-config`), used when `--policy-config` is not given. A stack file path finds the
 * config of its stack name beside the file, so `--stack stacks/Pulumi.dev.yaml` and `--stack dev` agree.
 */
export function defaultPolicyConfigFile(project: ProgramProject, stack: string): string | undefined {
  const selector = parseStackSelector(stack);
  const file =
    selector.kind === "file"
      ? // A stack file path: the same pack config as its name, beside the stack file.
        path.join(path.dirname(selector.file), `policy-config.${stackNameOfFile(selector.file)}.json`)
      : path.join(project.stackConfigDir, `policy-config.${selector.name}.json`);
  return fs.existsSync(file) ? file : undefined;
}

/**
 * The program `preview` runs when `--program` is not given: the current directory when it holds a
 * `Pulumi.yaml` (as `pulumi preview` does), else `fallback` (this project's own program).
 */
export function defaultProgramDir(cwd: string, fallback: string): string {
  return ["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(cwd, f))) ? path.resolve(cwd) : fallback;
}
