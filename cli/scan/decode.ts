import { TextDecoder } from "node:util";
/**
 * Byte → text decoding of manifests as the YAML spec (§5.2) and go-yaml detect them: a UTF-32 or UTF-16
 * byte-order mark (or the NUL pattern of the first character when there is none) selects that encoding,
 * otherwise UTF-8 with an optional BOM. Decoding is incremental so a stream never has to be held whole.
 */

/** Encodings a manifest may use. */
export type ManifestEncoding = "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

/** Thrown when the bytes are not valid in their encoding (or are binary); the message names the reason. */
export class EncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncodingError";
  }
}

/** Encoding of a stream from its first (up to four) bytes, and the length of its byte-order mark. */
export function detectEncoding(head: Uint8Array): { encoding: ManifestEncoding; bom: number } {
  const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: "utf-32be", bom: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: "utf-32le", bom: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", bom: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (head.length >= 4 && a === 0x00 && b === 0x00 && c === 0x00 && d !== 0x00) return { encoding: "utf-32be", bom: 0 };
  if (head.length >= 4 && a !== 0x00 && b === 0x00 && c === 0x00 && d === 0x00) return { encoding: "utf-32le", bom: 0 };
  if (head.length >= 2 && a === 0x00 && b !== 0x00) return { encoding: "utf-16be", bom: 0 };
  if (head.length >= 2 && a !== 0x00 && b === 0x00) return { encoding: "utf-16le", bom: 0 };
  return { encoding: "utf-8", bom: 0 };
}

/** An incremental decoder: feed chunks, get text; `end()` flushes and checks nothing is left over. */
export class ManifestDecoder {
  private encoding?: ManifestEncoding;
  private head = Buffer.alloc(0);
  private decoder?: TextDecoder;
  private carry = Buffer.alloc(0);

  /** The encoding detected (after the first bytes were fed). */
  get detected(): ManifestEncoding | undefined {
    return this.encoding;
  }

  /** Decode the next chunk (text may be empty while the first bytes are still being collected). */
  write(chunk: Uint8Array): string {
    if (!this.encoding) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 4) return "";
      return this.start(this.head);
    }
    return this.decodeChunk(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), false);
  }

  /** Flush the decoder at the end of input. */
  end(): string {
    if (!this.encoding) return this.head.length === 0 ? "" : this.start(this.head) + this.decodeChunk(Buffer.alloc(0), true);
    return this.decodeChunk(Buffer.alloc(0), true);
  }

  private start(head: Buffer): string {
    const { encoding, bom } = detectEncoding(head);
    this.encoding = encoding;
    if (encoding === "utf-8" || encoding === "utf-16le" || encoding === "utf-16be") {
      this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    }
    return this.decodeChunk(head.subarray(bom), false);
  }

  private decodeChunk(bytes: Buffer, last: boolean): string {
    try {
      if (this.decoder) return this.check(this.decoder.decode(bytes, { stream: !last }));
    } catch {
      throw new EncodingError(`not valid ${this.encoding?.toUpperCase()} text (binary content?)`);
    }
    const all = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const usable = all.length - (all.length % 4);
    this.carry = Buffer.from(all.subarray(usable));
    if (last && this.carry.length > 0) throw new EncodingError(`truncated ${this.encoding?.toUpperCase()} text (${this.carry.length} stray bytes at the end)`);
    let out = "";
    for (let i = 0; i < usable; i += 4) {
      const cp = this.encoding === "utf-32le" ? all.readUInt32LE(i) : all.readUInt32BE(i);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new EncodingError(`not valid ${this.encoding?.toUpperCase()} text (code point 0x${cp.toString(16)})`);
      out += String.fromCodePoint(cp);
    }
    return this.check(out);
  }

  /** YAML forbids NUL and most C0 controls in a stream: they mean binary content. */
  private check(text: string): string {
    if (text.includes("\u0000")) throw new EncodingError("binary content (NUL bytes), not YAML or JSON");
    return text;
  }
}
