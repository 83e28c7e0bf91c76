import * as fs from "node:fs";
import * as path from "node:path";

/** Folder of the committed scanner inputs. */
export const SCAN_DIR = path.join(__dirname, "scan");

/**
 * One bad scanner input and what its per-file error must say. `input` is a committed file under
 * test/bad-input/scan/, or `generate` writes it into the run's temp folder (binaries and big files are
 * never committed). `line` is the line the error must name (parse errors); `fix` what names the fix.
 */
export interface ScanCase {
  readonly name: string;
  readonly input?: string;
  readonly generate?: (dir: string) => string;
  readonly error: RegExp;
  readonly line?: number;
  readonly fix: RegExp;
  /** Per-file errors the input yields (default 1). */
  readonly errors?: number;
  /** Objects of the same file still scanned (default 0). */
  readonly objects?: number;
}

const PARSE_FIX = /fix the (YAML|JSON)|fix it/i;
const NOT_OBJECT = /not a Kubernetes object/;
const NEEDS_KIND = /needs apiVersion and kind/;

/** Writes `bytes` (or text) to `dir/name` and returns the path. */
function write(name: string, content: string | Buffer): (dir: string) => string {
  return (dir) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
}

/** A ConfigMap whose data value nests `depth` flow sequences. */
function deepYaml(depth: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
}

/** A JSON ConfigMap whose data nests `depth` objects. */
function deepJson(depth: number): string {
  return `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}\n`;
}

/** A 50 MB stream of valid ConfigMaps (too big to scan in one go). */
function hugeYaml(dir: string): string {
  const file = path.join(dir, "huge.yaml");
  const doc = Buffer.from("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler\n  namespace: team-a\ndata:\n  k: v\n");
  const count = Math.ceil((50 * 1024 * 1024) / doc.length);
  fs.writeFileSync(file, Buffer.concat(Array.from({ length: count }, () => doc)));
  return file;
}

/** Bytes of an ELF header and noise (NUL bytes included). */
const BINARY = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, ...Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)]);

/** Malformed YAML fed on stdin (`-`). */
export const STDIN_TEXT = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-stdin\n";

/** Bad scanner inputs; all are scanned in ONE run together with the control file. */
export const SCAN_CASES: readonly ScanCase[] = [
  { name: "malformed YAML", input: "malformed.yaml", error: /Flow sequence/, line: 8, fix: PARSE_FIX },
  { name: "malformed second document", input: "malformed-second-document.yaml", error: /Nested mappings/, line: 10, fix: PARSE_FIX, objects: 1 }, // streamed: documents before the error are judged, as kubectl does
  { name: "tab indentation", input: "tab-indented.yaml", error: /Tabs are not allowed/, line: 4, fix: PARSE_FIX },
  { name: "malformed JSON", input: "malformed.json", error: /Missing ,/, line: 5, fix: PARSE_FIX },
  { name: "JSON that is not an object", input: "not-object.json", error: NOT_OBJECT, line: 1, fix: NEEDS_KIND },
  { name: "a number document", input: "scalar-number.json", error: NOT_OBJECT, line: 1, fix: NEEDS_KIND },
  { name: "a string document", input: "scalar.yaml", error: NOT_OBJECT, line: 2, fix: NEEDS_KIND },
  { name: "List with non-object items", input: "list-non-object-item.yaml", error: NOT_OBJECT, fix: NEEDS_KIND, errors: 2, objects: 1 },
  { name: "object without kind", input: "missing-kind.yaml", error: NOT_OBJECT, line: 2, fix: NEEDS_KIND },
  { name: "apiVersion not a string", input: "apiversion-not-string.yaml", error: NOT_OBJECT, line: 2, fix: NEEDS_KIND },
  { name: "billion laughs alias bomb", input: "alias-bomb.yaml", error: /alias/i, fix: /aliases are limited to \d+/ },
  { name: "empty file", input: "empty.yaml", error: /empty|no (Kubernetes )?objects/i, fix: /add|remove|pass/i },
  { name: "comments only", input: "comments-only.yaml", error: /empty|no (Kubernetes )?objects/i, fix: /add|remove|pass/i },
  { name: "binary file", generate: write("binary.yaml", BINARY), error: /binary content/, fix: /pass|remove|exclude|use/i },
  { name: "50 MB file", generate: hugeYaml, error: /larger than \d+ bytes/, fix: /split it/ },
  { name: "YAML nested 10,000 levels", generate: write("deep.yaml", deepYaml(10_000)), error: /./, line: 6, fix: /nest|flatten|fix/i },
  { name: "JSON nested 10,000 levels", generate: write("deep.json", deepJson(10_000)), error: /./, line: 1, fix: /nest|flatten|fix/i },
  { name: "missing path", generate: (dir) => path.join(dir, "does-not-exist.yaml"), error: /no such file or folder/, fix: /check|pass/i },
  { name: "folder without YAML", generate: (dir) => fs.mkdtempSync(path.join(dir, "empty-")), error: /folder has no/, fix: /\.yaml/ },
  { name: "malformed YAML on stdin", generate: () => "-", error: /<stdin>:\d+/, line: 4, fix: PARSE_FIX },
];

/** Valid but unusual inputs: scanned like any object (no error), reported with their violations. */
export const VALID_EDGE_DIR = path.join(SCAN_DIR, "valid-edge");
