/**
 * A cross-suite cache of recorded platform stack runs. Recording the platform program under the mocks is the
 * dominant cost of the suite, and about fifteen test files record the same three stack files; each jest worker
 * has its own module registry, so an in-memory memo only helps within one file. A run is stored on disk (under
 * node_modules/.cache) keyed by the content of every source it depends on, and read back as the same data:
 * resources as recorded, exported outputs as Outputs of their resolved values (secret where they were secret).
 * A run with an unknown or non-plain output is never cached.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../engine/record";
import { ROOT } from "./stack-config";

/** A recorded run: resources and the program's exports. */
export type Run = { resources: RecordedResource[]; outputs: Record<string, unknown> };

const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "hardened-cluster-stack-runs");
/** Everything a platform run depends on (sources, stack files, the recorder). */
const SOURCE_DIRS = ["components", "infra", "policy-pack", "engine", "stacks"];

let sourcesHash: string | undefined;

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** Hash of the content of every file the platform program and the recorder are built from. */
function hashSources(): string {
  if (sourcesHash === undefined) {
    const files: string[] = [];
    for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir), files);
    const hash = crypto.createHash("sha1");
    for (const file of files.sort()) hash.update(path.relative(ROOT, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    hash.update(fs.readFileSync(path.join(ROOT, "package-lock.json")));
    sourcesHash = hash.digest("hex");
  }
  return sourcesHash;
}

/** A resolved output value; `undefined` when any part is unknown (then the run is not cached). */
async function resolveDeep(value: unknown, secret: { found: boolean }): Promise<{ ok: boolean; value?: unknown }> {
  if (pulumi.Output.isInstance(value)) {
    const output = value as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(withUnknowns?: boolean): Promise<unknown> };
    if (!(await output.isKnown)) return { ok: false };
    if (await output.isSecret) secret.found = true;
    return resolveDeep(await output.promise(true), secret);
  }
  if (Array.isArray(value)) {
    const items = await Promise.all(value.map((v) => resolveDeep(v, secret)));
    return items.every((i) => i.ok) ? { ok: true, value: items.map((i) => i.value) } : { ok: false };
  }
  if (value && typeof value === "object") {
    if (Object.getPrototypeOf(value) !== Object.prototype) return { ok: false };
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveDeep(v, secret)] as const));
    return entries.every(([, r]) => r.ok) ? { ok: true, value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])) } : { ok: false };
  }
  return { ok: true, value };
}

interface StoredRun {
  readonly resources: RecordedResource[];
  readonly outputs: Record<string, { value: unknown; secret: boolean; output: boolean }>;
}

async function store(file: string, run: Run): Promise<void> {
  const outputs: StoredRun["outputs"] = {};
  for (const [name, value] of Object.entries(run.outputs)) {
    const secret = { found: false };
    const resolved = await resolveDeep(value, secret);
    if (!resolved.ok) return;
    outputs[name] = { value: resolved.value, secret: secret.found, output: pulumi.Output.isInstance(value) };
  }
  const text = JSON.stringify({ resources: run.resources, outputs } satisfies StoredRun);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function load(file: string): Run | undefined {
  let stored: StoredRun;
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as StoredRun;
  } catch {
    return undefined;
  }
  const outputs = Object.fromEntries(
    Object.entries(stored.outputs).map(([name, o]) => [name, !o.output ? o.value : o.secret ? pulumi.secret(o.value) : pulumi.output(o.value)]),
  );
  return { resources: stored.resources, outputs };
}

/**
 * The run of `key` (e.g. a stack name): from the disk cache when the sources are unchanged, else recorded by
 * `record` and stored for the next test file. `HC_STACK_RUN_CACHE=0` always records.
 */
export async function cachedRun(key: string, record: () => Promise<Run>): Promise<Run> {
  if (process.env.HC_STACK_RUN_CACHE === "0") return record();
  const file = path.join(CACHE_DIR, `${key.replace(/[^a-z0-9-]/gi, "_")}-${hashSources()}.json`);
  const hit = load(file);
  if (hit) return hit;
  const run = await record();
  await store(file, run);
  return run;
}
