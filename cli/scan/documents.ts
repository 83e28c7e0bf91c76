/**
 * Streamed reading of one manifest input: bytes are read in chunks, decoded ({@link ManifestDecoder}),
 * lexed and composed incrementally, and every document is handed over as soon as it is complete, so a
 * 200,000-document stream is never held whole. Positions are tracked per line for field locations.
 */
import * as fs from "node:fs";
import { Composer, Parser, type Document, type Node } from "yaml";
import { EncodingError, ManifestDecoder } from "./decode";
import { ConversionError, documentToValue, locate, parsePath, type ConversionLimits } from "./yaml11";

/** Limits of one scan's reading. */
export interface ReadLimits extends ConversionLimits {
  /** Largest input (file or stdin) in bytes. */
  readonly maxFileBytes: number;
  /** Largest single document in characters. */
  readonly maxDocumentBytes: number;
}

/** Default limits: 32 MiB per input, 4 MiB per document, 100 aliases, 500 levels of nesting. */
export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 32 * 1024 * 1024, maxDocumentBytes: 4 * 1024 * 1024, maxAliases: 100, maxDepth: 500 };

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Maps source offsets to line/column; newlines are added in ascending order while parsing. */
export class LinePositions {
  private readonly starts: number[] = [0];

  /** Record the start offset of a new line (ignored when not after the last one). */
  readonly add = (offset: number): void => {
    if (offset > this.starts[this.starts.length - 1]) this.starts.push(offset);
  };

  /** The position of an offset. */
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** Where a field (or the deepest existing part of its path, `depth` segments deep) sits. */
export interface FieldPosition extends Position {
  readonly depth: number;
}

/** A document of an input: its value, where it starts, and a locator of fields inside it. */
export interface ReadDocument {
  readonly kind: "document";
  /** 0-based position of the document in its input. */
  readonly index: number;
  readonly position: Position;
  readonly value: unknown;
  /** Position of a field given as path segments below `root` (see {@link locate}), or undefined. */
  readonly locate: (root: readonly (string | number)[], fieldPath: string) => FieldPosition | undefined;
}

/** A problem of an input or one of its documents (reading stops after a fatal one). */
export interface ReadProblem {
  readonly kind: "problem";
  readonly index: number;
  readonly position?: Position;
  readonly reason: string;
  readonly fix: string;
  /** True when the rest of the input cannot be read. */
  readonly fatal: boolean;
}

/** What {@link readDocuments} yields. */
export type ReadEvent = ReadDocument | ReadProblem;

/** Chunked byte source: a file descriptor, or a buffer given whole. */
export type ByteSource = { readonly fd: number } | { readonly bytes: Buffer };

const CHUNK = 1024 * 1024;

function* chunksOf(source: ByteSource): Generator<Buffer> {
  if ("bytes" in source) {
    for (let i = 0; i < source.bytes.length; i += CHUNK) yield source.bytes.subarray(i, i + CHUNK);
    return;
  }
  const buffer = Buffer.alloc(CHUNK);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(source.fd, buffer, 0, CHUNK, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
      throw error;
    }
    if (n === 0) return;
    yield Buffer.from(buffer.subarray(0, n));
  }
}

function parseReason(message: string): string {
  return message.split("\n")[0].replace(/:\s*$/, "").replace(/ at line \d+, column \d+$/, "");
}

/**
 * Read every document of one input. Yields documents and problems in order: a syntax error, an
 * encoding error or an oversized input ends the input (fatal); an oversized or unconvertible document is
 * reported and skipped. `json` only changes the wording of the fix.
 */
export function* readDocuments(source: ByteSource, limits: ReadLimits = DEFAULT_READ_LIMITS, json = false): Generator<ReadEvent> {
  const lines = new LinePositions();
  const parser = new Parser(lines.add);
  const composer = new Composer({ schema: "failsafe", uniqueKeys: false, strict: false }); // scalars are resolved by yaml11.ts (go-yaml v2 rules)
  const decoder = new ManifestDecoder();
  const syntaxFix = `fix the ${json ? "JSON" : "YAML"} syntax there`;
  let index = 0;
  let bytes = 0;
  const handle = function* (doc: Document.Parsed): Generator<ReadEvent> {
    const start = lines.at((doc.contents as Node | null)?.range?.[0] ?? doc.range[0]);
    const error = doc.errors[0];
    if (error) {
      const at = lines.at(error.pos[0]);
      const reason = parseReason(error.message);
      const deep = /call stack/i.test(reason);
      yield { kind: "problem", index, position: at, reason, fix: deep ? "the document is nested too deeply: flatten it" : syntaxFix, fatal: true };
      return false;
    }
    if (!doc.contents) return true; // an empty document (comments only, or `---` alone)
    if (doc.range[1] - doc.range[0] > limits.maxDocumentBytes) {
      yield { kind: "problem", index: index++, position: start, reason: `document is larger than ${limits.maxDocumentBytes} bytes (--max-document-bytes)`, fix: "split it or raise --max-document-bytes", fatal: false };
      return true;
    }
    let value: unknown;
    try {
      value = documentToValue(doc, limits);
    } catch (e) {
      if (!(e instanceof ConversionError) && !(e instanceof RangeError)) throw e;
      const pos = e instanceof ConversionError && e.offset !== undefined ? lines.at(e.offset) : start;
      const fix = /alias/.test(e.message) ? `aliases are limited to ${limits.maxAliases} per document: expand them` : e instanceof RangeError ? "the document is nested too deeply: flatten it" : "fix the document";
      yield { kind: "problem", index: index++, position: pos, reason: e.message, fix, fatal: false };
      return true;
    }
    if (value === null || value === undefined) return true;
    const root = doc.contents as Node | null;
    yield {
      kind: "document",
      index: index++,
      position: start,
      value,
      locate(prefix, fieldPath) {
        const segments = [...prefix, ...parsePath(fieldPath)];
        const hit = locate(root, segments);
        return hit ? { ...lines.at(hit.offset), depth: hit.found - prefix.length } : undefined;
      },
    };
    return true;
  };
  const known = "fd" in source ? fs.fstatSync(source.fd) : undefined;
  const size = known?.isFile() ? known.size : "bytes" in source ? source.bytes.length : 0;
  if (size > limits.maxFileBytes) {
    yield { kind: "problem", index, reason: `input is larger than ${limits.maxFileBytes} bytes (${size} bytes; --max-file-bytes)`, fix: "split it or raise --max-file-bytes", fatal: true };
    return;
  }
  try {
    let pending = "";
    const feed = function* (text: string, incomplete: boolean): Generator<ReadEvent, boolean> {
      for (const token of parser.parse(text, incomplete)) {
        for (const doc of composer.next(token)) if (!(yield* handle(doc))) return false;
      }
      return true;
    };
    for (const chunk of chunksOf(source)) {
      bytes += chunk.length;
      if (bytes > limits.maxFileBytes) {
        yield { kind: "problem", index, reason: `input is larger than ${limits.maxFileBytes} bytes (--max-file-bytes)`, fix: "split it or raise --max-file-bytes", fatal: true };
        return;
      }
      pending = decoder.write(chunk);
      if (pending !== "" && !(yield* feed(pending, true))) return;
    }
    pending = decoder.end();
    if (!(yield* feed(pending, false))) return;
    for (const doc of composer.end()) if (!(yield* handle(doc))) return;
  } catch (e) {
    if (e instanceof EncodingError) {
      yield { kind: "problem", index, reason: e.message, fix: "pass only Kubernetes manifests (YAML or JSON in UTF-8, UTF-16 or UTF-32)", fatal: true };
      return;
    }
    if (e instanceof RangeError) {
      yield { kind: "problem", index, reason: "Maximum call stack size exceeded", fix: "the document is nested too deeply: flatten it", fatal: true };
      return;
    }
    throw e;
  }
}
