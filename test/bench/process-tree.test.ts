import { runTree } from "../../bench/process-tree";

// The child burns 300 ms of CPU (not of wall time: the machine may be loaded), says so, then idles; the parent
// kills it without waiting for it and exits. The child's CPU never reaches the parent's cutime, and the tree
// measurement must still count it.
const BURN = `
const burnt = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
while (burnt() < 300);
// Idle a while before saying so: the sampler sees the final CPU time before the kill.
setTimeout(() => process.stdout.write("burnt"), 300);
setInterval(() => undefined, 1000);
`;
const PARENT = `
const { spawn } = require("node:child_process");
const child = spawn(process.execPath, ["-e", ${JSON.stringify(BURN)}], { stdio: ["ignore", "pipe", "ignore"] });
child.stdout.once("data", () => { child.kill("SIGKILL"); process.stdout.write("done"); process.exit(0); });
`;

describe("process-tree CPU (benchmark 7)", () => {
  it("counts a descendant killed without being waited for", async () => {
    const run = await runTree(process.execPath, ["-e", PARENT]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("done");
    expect(run.processes).toBe(2);
    // At least the child's 300 ms (/proc counts in 10 ms ticks).
    expect(run.cpuMs).toBeGreaterThanOrEqual(290);
  });
});
