import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../cli/run-cli";
import { ECHO_PACK, previewFixture, program } from "./run";

// Issue 16.3: the program lifecycle as the Pulumi Node.js language host runs it.
const lifecycle = (stack: string, extra: readonly string[] = []) => previewFixture("lifecycle", ["--stack", stack, "--policy-pack", ECHO_PACK, ...extra]);
const things = (json: any) => json.resources.filter((r: any) => r.type === "fidelity:index:Thing");

describe("program lifecycle", () => {
  it("waits for the event loop to drain: a resource registered from a timer is recorded and judged", async () => {
    const run = await lifecycle("timer");
    expect(run.code).toBe(0);
    expect(things(run.json).map((r: any) => [r.name, r.inputs.privileged])).toEqual([
      ["first", false],
      ["late", true],
    ]);
    // Like the engine: the root stack resource exists and parents the program's resources, outside their URNs.
    const stackUrn = "urn:pulumi:timer::fidelity-lifecycle::pulumi:pulumi:Stack::fidelity-lifecycle-timer";
    expect(run.json.resources[0].urn).toBe(stackUrn);
    expect(things(run.json)[1]).toMatchObject({ urn: "urn:pulumi:timer::fidelity-lifecycle::fidelity:index:Thing::late", parent: stackUrn });
  });

  it("registerStackTransformation applies to later resources (the root stack exists)", async () => {
    const run = await lifecycle("transformation");
    expect(run.code).toBe(0);
    expect(things(run.json)).toEqual([expect.objectContaining({ name: "transformed", inputs: { privileged: true } })]);
  });

  it.each([
    ["exit", /Program exited with non-zero exit code: 1/],
    ["rejection", /index\.ts: the program failed: lookup of the VPC failed/],
    ["duplicate", /Duplicate resource URN 'urn:pulumi:duplicate::fidelity-lifecycle::fidelity:index:Thing::same'; try giving it a unique name/],
  ])("%s is a program error: exit 2 with the message Pulumi gives, no report", async (stack, message) => {
    const run = await lifecycle(stack);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toMatch(/PASSED/);
    expect(run.json).toBeNull();
  });

  it("--timeout ends a program that never finishes with exit 2 naming the pending resource", async () => {
    const started = Date.now();
    const run = await lifecycle("hang", ["--timeout", "20"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did not finish within 20s: 1 registration\(s\) still pending: fidelity:index:Thing 'stuck'/);
    expect(Date.now() - started).toBeLessThan(90_000);
  });

  it("a TypeScript type error is a program error (Pulumi type-checks with the program's tsconfig)", async () => {
    const run = await previewFixture("type-error");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TypeScript type errors .*index\.ts:4: TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it("SIGTERM stops the program and the pack process and exits 143", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "hardened-cluster.js"), "preview", "--program", program("lifecycle"), "--stack", "hang", "--policy-pack", ECHO_PACK], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Wait until the pack process (cwd = the echo pack) is up, then terminate the command.
    const packPids = () =>
      fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((p) => {
        try {
          return fs.readlinkSync(`/proc/${p}/cwd`) === ECHO_PACK && fs.readFileSync(`/proc/${p}/stat`, "utf8").includes(`) `) && fs.readFileSync(`/proc/${p}/status`, "utf8").includes(`PPid:\t${child.pid}\n`);
        } catch {
          return false;
        }
      });
    for (let i = 0; i < 120 && packPids().length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    const pids = packPids();
    expect(pids.length).toBe(1);
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(143);
    await new Promise((r) => setTimeout(r, 500));
    expect(fs.existsSync(`/proc/${pids[0]}`) && !fs.readFileSync(`/proc/${pids[0]}/stat`, "utf8").includes(") Z ")).toBe(false);
  });
});
