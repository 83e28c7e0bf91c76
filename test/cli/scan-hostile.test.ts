import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PolicyConfigFile } from "../../cli/policy-config";
import { sanitize, scanText } from "../../cli/report/text";
import { runScan } from "../../cli/scan";
import { DEFAULT_READ_LIMITS } from "../../cli/scan/documents";
import { resolvePlain } from "../../cli/scan/yaml11";
import { ROOT, runCli } from "./run-cli";

// Issue 17: encodings, the input walk (nothing silent), limits and hostile input.
const NO_CONFIG: PolicyConfigFile = { shared: {}, policies: {} };
const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: team-a\nspec:\n  containers:\n    - name: app\n      image: app\n      securityContext:\n        privileged: true\n";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hc-scan-hostile-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const scan = (paths: string[], extra: Partial<Parameters<typeof runScan>[0]> = {}) => runScan({ paths, only: ["pss-baseline"], policyConfig: NO_CONFIG, ...extra });

function utf32(text: string, le: boolean): Buffer {
  const cps = [...text].map((c) => c.codePointAt(0) as number);
  const out = Buffer.alloc(4 * (cps.length + 1));
  (le ? out.writeUInt32LE.bind(out) : out.writeUInt32BE.bind(out))(0xfeff, 0);
  cps.forEach((cp, i) => (le ? out.writeUInt32LE(cp, 4 * (i + 1)) : out.writeUInt32BE(cp, 4 * (i + 1))));
  return out;
}

describe("YAML 1.1 scalars as go-yaml v2 resolves them", () => {
  it.each([
    ["yes", true], ["Y", true], ["on", true], ["ON", true], ["off", false], ["n", false], ["No", false], ["true", true],
    ["0777", 511], ["0x1F", 31], ["1_000", 1000], ["2024-01-01", "2024-01-01"], ["~", null], ["1.5", 1.5], ["yEs", "yEs"], ["v1", "v1"],
  ])("%s → %p", (source, value) => {
    expect(resolvePlain(source)).toEqual(value);
  });
});

describe("encodings and line endings", () => {
  it.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POD)])],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD, "utf16le")])],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(POD, "utf16le").swap16()])],
    ["UTF-16LE without BOM", Buffer.from(POD, "utf16le")],
    ["UTF-32LE with BOM", utf32(POD, true)],
    ["UTF-32BE with BOM", utf32(POD, false)],
    ["CRLF line endings", Buffer.from(POD.replace(/\n/g, "\r\n"))],
  ])("%s: judged, and the finding points at line 11 column 9", (name, bytes) => {
    const file = write(`enc-${name.replace(/\W+/g, "-")}.yaml`, bytes);
    const report = scan([file]);
    expect(report.summary.errors).toBe(0);
    const v = report.results[0].violations.find((x) => x.rule === "PSS-B03");
    expect(v).toMatchObject({ line: 11, column: 9 });
  });

  it("invalid UTF-8 is an encoding error naming the file, not a crash", () => {
    const file = write("latin1.yaml", Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0xe9, 0x0a]));
    expect(scan([file]).results[0].error).toMatch(/latin1\.yaml: not valid UTF-8/);
  });
});

describe("the input walk: nothing silent", () => {
  const root = path.join(tmp, "walk");
  beforeAll(() => {
    write("walk/.hidden/pod.yaml", POD);
    write("walk/real/pod.yaml", POD.replace("name: p", "name: real"));
    write("walk/notes.md", "# not a manifest\n");
    write("walk/vendor/pod.yaml", POD.replace("name: p", "name: vendored"));
    fs.symlinkSync(path.join(root, "real", "pod.yaml"), path.join(root, "linked.yaml"));
    fs.symlinkSync(path.join(root, "missing.yaml"), path.join(root, "dangling.yaml"));
    fs.symlinkSync(root, path.join(root, "real", "loop"));
  });

  it("reads hidden folders and symlinked files, lists skipped files, reports dangling links and loops", () => {
    const report = scan([root]);
    const names = report.results.filter((r) => r.kind).map((r) => `${path.relative(root, r.file)}:${r.name}`).sort();
    expect(names).toEqual([".hidden/pod.yaml:p", "linked.yaml:real", "real/pod.yaml:real", "vendor/pod.yaml:vendored"]);
    expect(report.results.find((r) => r.file.endsWith("notes.md"))).toMatchObject({ status: "skipped", reason: expect.stringMatching(/not a \.yaml/) });
    expect(report.results.find((r) => r.file.endsWith("dangling.yaml"))?.error).toMatch(/dangling symbolic link/);
    expect(report.results.find((r) => r.file.endsWith("loop"))).toMatchObject({ status: "skipped", reason: expect.stringMatching(/symbolic link loop/) });
    expect(report.summary).toMatchObject({ judged: 4, skipped: 2, errors: 1 });
  });

  it("--exclude skips matching paths with the reason", () => {
    const report = scan([root], { exclude: ["vendor", ".hidden"] });
    expect(report.results.filter((r) => r.kind).map((r) => r.name).sort()).toEqual(["real", "real"]);
    expect(report.results.filter((r) => r.reason === "excluded by --exclude").map((r) => path.basename(r.file)).sort()).toEqual([".hidden", "vendor"]);
  });

  it("refuses FIFOs and devices at once instead of hanging", () => {
    const fifo = path.join(tmp, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const started = Date.now();
    const report = scan([fifo, "/dev/zero"]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.results.map((r) => r.error)).toEqual([expect.stringMatching(/\/dev\/zero: a device/), expect.stringMatching(/pipe\.yaml: a FIFO/)]);
  });
});

describe("limits and hostile content", () => {
  it("refuses an oversized document with the flag to raise, and still judges the next one", () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: "${"x".repeat(2000)}"\n---\n${POD}`;
    const report = scan([write("big-doc.yaml", big)], { limits: { ...DEFAULT_READ_LIMITS, maxDocumentBytes: 1000 } });
    expect(report.results[0].error).toMatch(/big-doc\.yaml:1:1: document is larger than 1000 bytes \(--max-document-bytes\)/);
    expect(report.results[1]).toMatchObject({ kind: "Pod", status: "judged" });
  });

  it("refuses an oversized input naming --max-file-bytes", () => {
    const report = scan([write("big-file.yaml", POD)], { limits: { ...DEFAULT_READ_LIMITS, maxFileBytes: 100 } });
    expect(report.results[0].error).toMatch(/input is larger than 100 bytes .*--max-file-bytes/);
  });

  it("sanitises terminal escape codes in text output", () => {
    const evil = POD.replace("name: p", 'name: "evil\\e[2J\\e]0;owned\\a"');
    const report = scan([write("evil.yaml", evil)]);
    const text = scanText(report);
    expect(text.includes("\u001b") || text.includes("\u0007")).toBe(false);
    expect(text).toContain("evil\\x1b[2J\\x1b]0;owned\\x07");
    expect(sanitize("a\rb\u202ec")).toBe("a\\x0db\\u{202e}c");
  });

  it("streams 200,000 documents without a stack overflow", () => {
    const doc = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team-a}\n";
    const file = write("many.yaml", doc.repeat(200_000));
    const report = runScan({ paths: [file], only: ["pss-baseline"], policyConfig: NO_CONFIG });
    expect(report.results).toHaveLength(200_000);
    expect(report.summary).toMatchObject({ objects: 200_000, errors: 0 });
  }, 300_000);
});

describe("the command", () => {
  it("ends quietly when the reader of its output goes away (scan … | head)", () => {
    const many = write("pipe-many.yaml", `---\n${POD}`.repeat(3000));
    const run = spawnSync("sh", ["-c", `node bin/hardened-cluster.js scan '${many}' | head -c 10`], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toHaveLength(10);
  }, 60_000);

  it("--output FILE writes any format there, and errors go to stderr only", async () => {
    const out = path.join(tmp, "out", "report.sarif");
    const run = await runCli(["scan", "--format", "sarif", "--output", out, write("ok.yaml", POD), path.join(tmp, "nope.yaml")]);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hardened-cluster: .*nope\.yaml: no such file or folder/);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).version).toBe("2.1.0");
    expect(run.code).toBe(2);
  }, 60_000);
});
