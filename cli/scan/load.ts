/**
 * Turning the scan's paths into Kubernetes objects: the input walk ({@link collectInputs}), the streamed
 * reading of each input ({@link loadFile}), `List` expansion (nested Lists included) and the object checks
 * the API server would make on apiVersion/kind. Nothing is dropped silently: every path is read, skipped
 * with a reason, or reported as an error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { apiVersionKindProblem } from "./api-kinds";
import { DEFAULT_READ_LIMITS, readDocuments, type ByteSource, type FieldPosition, type Position, type ReadLimits } from "./documents";

/** One object found in the inputs (a document, or an item of a `List`). */
export interface LoadedObject {
  readonly file: string;
  /** Position of the object in its file (documents and List items counted in order, from 0). */
  readonly index: number;
  /** 1-based line where the object starts. */
  readonly line: number;
  /** 1-based column where the object starts. */
  readonly column: number;
  readonly object: Record<string, unknown>;
  /** Line and column of a field of the object (dotted path, e.g. `spec.containers[0].image`), or of its deepest existing part. */
  readonly locate: (fieldPath: string) => FieldPosition | undefined;
}

/** An input that could not be read or parsed, or a document that is not a valid Kubernetes object. */
export interface LoadError {
  readonly file: string;
  readonly index: number;
  readonly line?: number;
  readonly column?: number;
  /** One line: `file:line:column: reason; fix`. */
  readonly error: string;
}

/** A path that was deliberately not read, with the reason. */
export interface SkippedPath {
  readonly file: string;
  readonly reason: string;
}

/** Everything loaded from the scan's paths (see {@link loadInputs}). */
export interface LoadedInputs {
  readonly objects: LoadedObject[];
  readonly errors: LoadError[];
  readonly skipped: SkippedPath[];
}

/** How standard input is named in results. */
export const STDIN_NAME = "<stdin>";

/** File extensions read when a folder is scanned (as `kubectl apply -R -f DIR`). */
export const SCANNED_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Options of the input walk. */
export interface WalkOptions {
  /** Glob patterns (`*`, `**`, `?`) of paths or base names not to read (`--exclude`). */
  readonly exclude?: readonly string[];
}

/** The files to read (in order) and the paths skipped or refused. */
export interface CollectedInputs {
  readonly files: string[];
  readonly skipped: SkippedPath[];
  readonly errors: LoadError[];
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** True when `--exclude` patterns match the path (whole, relative to the scanned root, or its base name). */
export function isExcluded(file: string, root: string, patterns: readonly RegExp[]): boolean {
  const rel = path.relative(root, file).split(path.sep).join("/");
  const base = path.basename(file);
  return patterns.some((p) => p.test(file) || p.test(rel) || p.test(base));
}

function refusal(stat: fs.Stats): string | undefined {
  if (stat.isFIFO()) return "a FIFO (named pipe), not a file: pipe it to '-' instead";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device, not a file: pass only manifest files";
  if (stat.isSocket()) return "a socket, not a file: pass only manifest files";
  return undefined;
}

function err(file: string, reason: string, fix: string, index = 0): LoadError {
  return { file, index, error: `${file}: ${reason}: ${fix}` };
}

/**
 * Walk the paths iteratively (no recursion): folders in name order, symlinks followed as kubectl does
 * (with loop protection by real path), hidden folders read, `--exclude` honoured. FIFOs, devices and
 * sockets are refused; files without a manifest extension in folders are listed as skipped.
 */
export function collectInputs(paths: readonly string[], options: WalkOptions = {}): CollectedInputs {
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const errors: LoadError[] = [];
  const patterns = (options.exclude ?? []).map(globToRegExp);
  for (const p of paths) {
    if (p === "-") {
      files.push(p);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const dangling = code === "ENOENT" && fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink();
      if (dangling) errors.push(err(p, "dangling symbolic link", "fix or remove the link"));
      else if (code === "ENOENT") errors.push(err(p, "no such file or folder", "check the path"));
      else if (code === "ELOOP") errors.push(err(p, "symbolic link loop", "fix the link"));
      else errors.push(err(p, `cannot read (${code ?? (e as Error).message})`, "check the path and its permissions"));
      continue;
    }
    if (!stat.isDirectory()) {
      const refused = refusal(stat);
      if (refused) errors.push(err(p, refused.split(": ")[0], refused.split(": ")[1]));
      else files.push(p);
      continue;
    }
    const before = files.length;
    const seen = new Set<string>();
    const stack: string[] = [p];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      let real: string;
      let entries: fs.Dirent[];
      try {
        real = fs.realpathSync(dir);
        if (seen.has(real)) {
          skipped.push({ file: dir, reason: `symbolic link loop: ${real} is already being scanned` });
          continue;
        }
        seen.add(real);
        entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
      } catch (e) {
        errors.push(err(dir, `cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, "check its permissions"));
        continue;
      }
      const subdirs: string[] = [];
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (patterns.length > 0 && isExcluded(full, p, patterns)) {
          skipped.push({ file: full, reason: "excluded by --exclude" });
          continue;
        }
        let st: fs.Stats | undefined;
        if (entry.isSymbolicLink()) {
          st = fs.statSync(full, { throwIfNoEntry: false });
          if (!st) {
            errors.push(err(full, "dangling symbolic link", "fix or remove the link"));
            continue;
          }
        }
        const isDir = st ? st.isDirectory() : entry.isDirectory();
        const isFile = st ? st.isFile() : entry.isFile();
        if (isDir) subdirs.push(full);
        else if (isFile) {
          if (SCANNED_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) files.push(full);
          else skipped.push({ file: full, reason: `not a ${SCANNED_EXTENSIONS.join("/")} file` });
        } else {
          const refused = refusal(st ?? fs.lstatSync(full));
          errors.push(err(full, (refused ?? "not a regular file: pass only manifest files").split(": ")[0], (refused ?? ": pass only manifest files").split(": ")[1]));
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    }
    if (files.length === before && !errors.some((e) => e.file.startsWith(p))) {
      errors.push(err(p, `folder has no ${SCANNED_EXTENSIONS.join("/")} files`, "pass a folder with manifests"));
    }
  }
  return { files, skipped, errors };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isList(value: unknown): value is { kind: string; items: unknown[] } {
  return isObject(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items);
}

/** What {@link loadFile} yields. */
export type LoadEvent = { readonly kind: "object"; readonly object: LoadedObject } | { readonly kind: "error"; readonly error: LoadError };

function at(file: string, pos: Position | undefined): string {
  return pos ? `${file}:${pos.line}:${pos.column}` : file;
}

/**
 * Read one input and yield its objects and errors as they are read: documents, items of `List`s (nested
 * Lists expanded, iteratively), objects the API server would reject named as errors.
 */
export function* loadFile(file: string, source: ByteSource, limits: ReadLimits = DEFAULT_READ_LIMITS): Generator<LoadEvent> {
  let index = 0;
  let any = false;
  for (const event of readDocuments(source, limits, /\.json$/i.test(file))) {
    any = true;
    if (event.kind === "problem") {
      const pos = event.position;
      yield { kind: "error", error: { file, index: index++, line: pos?.line, column: pos?.column, error: `${at(file, pos)}: ${event.reason}; ${event.fix}` } };
      if (event.fatal) return;
      continue;
    }
    const stack: { value: unknown; root: (string | number)[] }[] = [{ value: event.value, root: [] }];
    while (stack.length > 0) {
      const { value, root } = stack.pop() as { value: unknown; root: (string | number)[] };
      if (isList(value)) {
        for (let i = value.items.length - 1; i >= 0; i--) stack.push({ value: value.items[i], root: [...root, "items", i] });
        continue;
      }
      const pos = root.length === 0 ? event.position : (event.locate(root, "") ?? event.position);
      const locate = (fieldPath: string) => event.locate(root, fieldPath);
      if (!isObject(value) || typeof value.apiVersion !== "string" || typeof value.kind !== "string" || value.apiVersion === "" || value.kind === "") {
        yield { kind: "error", error: { file, index: index++, line: pos.line, column: pos.column, error: `${at(file, pos)}: not a Kubernetes object (needs apiVersion and kind): add them or remove the document` } };
        continue;
      }
      const problem = apiVersionKindProblem(value.apiVersion, value.kind);
      if (problem) {
        const name = isObject(value.metadata) && typeof value.metadata.name === "string" ? value.metadata.name : "(no name)";
        const where = locate("kind") ?? pos;
        yield { kind: "error", error: { file, index: index++, line: where.line, column: where.column, error: `${at(file, where)}: ${value.kind} ${name}: ${problem}` } };
        continue;
      }
      yield { kind: "object", object: { file, index: index++, line: pos.line, column: pos.column, object: value, locate } };
    }
  }
  if (!any) yield { kind: "error", error: { file, index: 0, error: `${file}: empty: no Kubernetes objects in it; add a manifest or remove the file from the scan` } };
}

/** Open an input for reading: stdin, or a regular file (checked again at open time). */
export function openInput(input: string, readStdin?: () => Buffer): { source: ByteSource; close(): void } | LoadError {
  if (input === "-") {
    if (readStdin) return { source: { bytes: readStdin() }, close() {} };
    return { source: { fd: 0 }, close() {} };
  }
  try {
    const st = fs.statSync(input);
    const refused = refusal(st);
    if (refused) return err(input, refused.split(": ")[0], refused.split(": ")[1]);
    const fd = fs.openSync(input, "r");
    return { source: { fd }, close: () => fs.closeSync(fd) };
  } catch (e) {
    return err(input, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, "check the path and its permissions");
  }
}

/** Parse one text (multi-document YAML or JSON) into objects and errors (tests and small inputs). */
export function parseText(file: string, text: string, limits: ReadLimits = DEFAULT_READ_LIMITS): LoadedInputs {
  const objects: LoadedObject[] = [];
  const errors: LoadError[] = [];
  for (const e of loadFile(file, { bytes: Buffer.from(text, "utf8") }, limits)) {
    if (e.kind === "object") objects.push(e.object);
    else if (!/: empty: /.test(e.error.error)) errors.push(e.error);
  }
  return { objects, errors, skipped: [] };
}

/**
 * Load every path into memory: files, folders, and `-` for stdin. Unreadable, binary, oversized or
 * malformed inputs become {@link LoadError}s and the other inputs are still loaded. The scanner itself
 * streams (see `runScan`); this is for tests and small tools.
 */
export function loadInputs(paths: readonly string[], readStdin?: () => Buffer, options: WalkOptions & { limits?: ReadLimits } = {}): LoadedInputs {
  const collected = collectInputs(paths, options);
  const objects: LoadedObject[] = [];
  const errors: LoadError[] = [...collected.errors];
  for (const input of collected.files) {
    const file = input === "-" ? STDIN_NAME : input;
    const opened = openInput(input, readStdin);
    if ("error" in opened) {
      errors.push(opened);
      continue;
    }
    try {
      for (const e of loadFile(file, opened.source, options.limits)) {
        if (e.kind === "object") objects.push(e.object);
        else errors.push(e.error);
      }
    } finally {
      opened.close();
    }
  }
  return { objects, errors, skipped: collected.skipped };
}
