import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { MAX_ALIAS_COUNT, MAX_INPUT_BYTES } from "../yaml-file";

/** One object found in the inputs (a document, or an item of a `List`). */
export interface LoadedObject {
  readonly file: string;
  /** Position of the object in its file (documents and List items counted in order, from 0). */
  readonly index: number;
  /** 1-based line where the object's document starts. */
  readonly line: number;
  readonly object: Record<string, unknown>;
}

/** An input that could not be read or parsed, or a document that is not a Kubernetes object. */
export interface LoadError {
  readonly file: string;
  readonly index: number;
  readonly line?: number;
  readonly error: string;
}

/** Everything loaded from the scan's paths. */
export interface LoadedInputs {
  readonly objects: LoadedObject[];
  readonly errors: LoadError[];
}

/** How standard input is named in results. */
export const STDIN_NAME = "<stdin>";

/** File extensions picked up when a folder is scanned. */
export const SCANNED_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Files under `dir` with a scanned extension, recursively, sorted; hidden folders and node_modules skipped. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules") out.push(...listFiles(full));
    } else if (entry.isFile() && SCANNED_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** Parse one file's text (multi-document YAML or JSON) into objects; `List` kinds are expanded into their items. */
export function parseText(file: string, text: string): LoadedInputs {
  const objects: LoadedObject[] = [];
  const errors: LoadError[] = [];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  if (!Array.isArray(docs)) {
    // An empty stream parses to an EmptyStream: no objects.
    return { objects, errors };
  }
  let index = 0;
  for (const doc of docs) {
    const line = lineCounter.linePos(doc.range[0]).line;
    const parseError = doc.errors[0];
    if (parseError) {
      const at = parseError.linePos?.[0].line ?? line;
      const reason = parseError.message.split("\n")[0].replace(/:\s*$/, "");
      const fix = /call stack/i.test(reason) ? "the document is nested too deeply: flatten it" : `fix the ${/\.json$/i.test(file) ? "JSON" : "YAML"} syntax there`;
      errors.push({ file, index, line: at, error: `${file}:${at}: ${reason}; ${fix}` });
      return { objects: [], errors };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      errors.push({ file, index, line, error: `${file}:${line}: ${(error as Error).message} (aliases are limited to ${MAX_ALIAS_COUNT} per document)` });
      index++;
      continue;
    }
    if (value === null || value === undefined) continue;
    const items = isList(value) ? (value.items as unknown[]) : [value];
    for (const item of items) {
      if (isObject(item) && typeof item.apiVersion === "string" && typeof item.kind === "string" && item.apiVersion !== "" && item.kind !== "") {
        objects.push({ file, index, line, object: item });
      } else if (item !== null && item !== undefined) {
        errors.push({ file, index, line, error: `${file}:${line}: not a Kubernetes object (needs apiVersion and kind): add them or remove the document` });
      }
      index++;
    }
  }
  return { objects, errors };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isList(value: unknown): value is { items: unknown[] } {
  return isObject(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items);
}

function readInput(file: string, readStdin: () => Buffer): Buffer | LoadError {
  try {
    if (file === "-") {
      const bytes = readStdin();
      if (bytes.length > MAX_INPUT_BYTES) return { file: STDIN_NAME, index: 0, error: `${STDIN_NAME}: input is larger than ${MAX_INPUT_BYTES} bytes: split it` };
      return bytes;
    }
    const size = fs.statSync(file).size;
    if (size > MAX_INPUT_BYTES) return { file, index: 0, error: `${file}: file is larger than ${MAX_INPUT_BYTES} bytes: split it` };
    return fs.readFileSync(file);
  } catch (error) {
    return { file, index: 0, error: `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check the path and its permissions` };
  }
}

/**
 * Load every path: files, folders (recursive), and `-` for stdin. Unreadable, binary, oversized or
 * malformed inputs become {@link LoadError}s and the other inputs are still loaded.
 */
export function loadInputs(paths: readonly string[], readStdin: () => Buffer = () => fs.readFileSync(0)): LoadedInputs {
  const objects: LoadedObject[] = [];
  const errors: LoadError[] = [];
  const files: string[] = [];
  for (const p of paths) {
    if (p === "-") files.push(p);
    else if (!fs.existsSync(p)) errors.push({ file: p, index: 0, error: `${p}: no such file or folder: check the path` });
    else if (fs.statSync(p).isDirectory()) {
      const found = listFiles(p);
      if (found.length === 0) errors.push({ file: p, index: 0, error: `${p}: folder has no ${SCANNED_EXTENSIONS.join("/")} files` });
      files.push(...found);
    } else files.push(p);
  }
  for (const input of files) {
    const file = input === "-" ? STDIN_NAME : input;
    const bytes = readInput(input, readStdin);
    if (!Buffer.isBuffer(bytes)) {
      errors.push(bytes);
      continue;
    }
    if (isBinary(bytes)) {
      errors.push({ file, index: 0, error: `${file}: binary content, not YAML or JSON: pass only Kubernetes manifests` });
      continue;
    }
    const parsed = parseText(file, bytes.toString("utf8"));
    if (parsed.objects.length === 0 && parsed.errors.length === 0) {
      errors.push({ file, index: 0, error: `${file}: empty: no Kubernetes objects in it; add a manifest or remove the file from the scan` });
    }
    objects.push(...parsed.objects);
    errors.push(...parsed.errors);
  }
  return { objects, errors };
}
