/**
 * The platform stack's outputs as the offline preview computes them, and the file the team example's
 * StackReference reads them from. Regenerate that file after a platform change with
 * `node bin/run-ts.js test/examples/platform-outputs.ts` (`--print` prints the outputs instead).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadProject, loadStackConfig } from "../../engine/project";
import { recordResources } from "../../engine/record";
import { STACK_OUTPUTS_DIR } from "../../engine/run-program";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** The team example program. */
export const TEAM_STACK = path.join(ROOT, "examples", "team-stack");
/** Platform stack the example references (its `platformStack` config). */
export const PLATFORM_STACK = "acme/hardened-cluster/dev";
/** Offline outputs file of {@link PLATFORM_STACK}. */
export const PLATFORM_OUTPUTS_FILE = path.join(TEAM_STACK, STACK_OUTPUTS_DIR, `${PLATFORM_STACK.replace(/\//g, "_")}.json`);

/**
 * Run the platform program (`infra/index.ts`) under the mocks with `stacks/Pulumi.<stack>.yaml` and return its
 * exports (the stack outputs), resolved and JSON-normalised (undefined outputs dropped, as Pulumi does).
 */
export async function platformOutputs(stack = "dev"): Promise<Record<string, unknown>> {
  const project = loadProject(ROOT);
  const config = loadStackConfig(project, stack);
  let exported: Record<string, unknown> = {};
  let resolved: Record<string, unknown> | undefined;
  await recordResources(
    () => {
      exported = { ...require(path.join(ROOT, "infra", "index.ts")) };
      pulumi.output(exported).apply((values) => {
        resolved = values as Record<string, unknown>;
      });
    },
    { project: project.name, stack, config: config.config, secretKeys: config.secretKeys },
  );
  for (let i = 0; i < 50 && resolved === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  if (resolved === undefined) throw new Error(`platform outputs of stack ${stack} did not resolve under the mocks`);
  return JSON.parse(JSON.stringify(resolved));
}

// Run as a script (`node bin/run-ts.js test/examples/platform-outputs.ts [--print]`): rewrite the outputs file
// (or print the outputs as JSON).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  platformOutputs().then(
    (outputs) => {
      if (process.argv.includes("--print")) {
        process.stdout.write(`${JSON.stringify(outputs)}\n`);
        return;
      }
      fs.mkdirSync(path.dirname(PLATFORM_OUTPUTS_FILE), { recursive: true });
      fs.writeFileSync(PLATFORM_OUTPUTS_FILE, `${JSON.stringify(outputs, null, 2)}\n`);
      process.stdout.write(`wrote ${path.relative(ROOT, PLATFORM_OUTPUTS_FILE)}\n`);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** {@link platformOutputs} of the dev stack computed in a child process (loading the AWS SDK under Jest is slow). */
export function platformOutputsInChild(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "run-ts.js"), path.join(__dirname, "platform-outputs.ts"), "--print"],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`platform-outputs.ts --print failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout))),
    );
  });
}
