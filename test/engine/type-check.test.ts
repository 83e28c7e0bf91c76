import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkProgramTypes } from "../../engine/type-check";
import { acquireCheckLock, awaitOtherCheck, lockFile } from "../../engine/type-check-lock";
import { fileHash, readValidStamp, stampFile, writeStamp } from "../../engine/type-check-stamp";

const TS_VERSION = (require("typescript/package.json") as { version: string }).version;

/** A program folder with `files` (relative path → content), as a ProgramProject. */
function program(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hc-typecheck-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return { dir, name: "p", main: path.join(dir, "index.ts"), stackConfigDir: dir };
}

/** A pid that no longer runs. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("type-check of a program", () => {
  it("reports the program's own errors and not those of its dependencies' declarations (ts-node under Pulumi compiles only the program's files)", async () => {
    // No tsconfig: Pulumi's defaults, without skipLibCheck, so a checker of every file would report dep's error.
    const p = program({
      "Pulumi.yaml": "name: p\nruntime: nodejs\n",
      "index.ts": 'import { value } from "dep";\nexport const n: number = "text";\nexport const v = value;\n',
      "node_modules/dep/package.json": JSON.stringify({ name: "dep", version: "1.0.0", types: "index.d.ts" }),
      "node_modules/dep/index.d.ts": "export declare const value: number;\nexport declare const broken: UndefinedTypeName;\n",
    });
    const errors = await checkProgramTypes(p);
    expect(errors).toEqual([expect.stringMatching(/index\.ts:2: TS2322: Type 'string' is not assignable to type 'number'/)]);
    expect(errors.join("\n")).not.toMatch(/UndefinedTypeName/);
    // The stamp lists the program's own sources only, and a second check reuses it.
    expect(Object.keys(JSON.parse(fs.readFileSync(stampFile(p.main), "utf8")).files).filter((f) => f.includes("node_modules"))).toEqual([]);
    expect(readValidStamp(p.main, TS_VERSION)).toEqual(errors);
  }, 120_000);
});

describe("one type-check per program across processes (type-check-lock)", () => {
  it("a second taker is refused while the lock is held, and succeeds after release", () => {
    const { main } = program({ "index.ts": "export {};\n" });
    const release = acquireCheckLock(main);
    expect(release).toBeDefined();
    expect(fs.readFileSync(lockFile(main), "utf8")).toBe(String(process.pid));
    expect(acquireCheckLock(main)).toBeUndefined();
    release!();
    expect(fs.existsSync(lockFile(main))).toBe(false);
    const again = acquireCheckLock(main);
    expect(again).toBeDefined();
    again!();
  });

  it("a lock left by a process that died is taken over", () => {
    const { main } = program({ "index.ts": "export {};\n" });
    fs.mkdirSync(path.dirname(lockFile(main)), { recursive: true });
    fs.writeFileSync(lockFile(main), String(deadPid()));
    const release = acquireCheckLock(main);
    expect(release).toBeDefined();
    expect(fs.readFileSync(lockFile(main), "utf8")).toBe(String(process.pid));
    release!();
  });

  it("a waiter gets the holder's errors once its stamp is written", async () => {
    const { main } = program({ "index.ts": "export {};\n" });
    const release = acquireCheckLock(main)!;
    setTimeout(() => {
      writeStamp(main, { typescript: TS_VERSION, files: { [main]: fileHash(main) }, errors: ["index.ts:1: TS1: planted"] });
      release();
    }, 300);
    await expect(awaitOtherCheck(main, TS_VERSION)).resolves.toEqual(["index.ts:1: TS1: planted"]);
  });

  it("a waiter gets nothing (and checks itself) when the holder stops without a stamp", async () => {
    const { main } = program({ "index.ts": "export {};\n" });
    const release = acquireCheckLock(main)!;
    setTimeout(release, 300);
    await expect(awaitOtherCheck(main, TS_VERSION)).resolves.toBeUndefined();
  });
});
