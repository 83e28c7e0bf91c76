import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../cli/run-cli";
import { previewFixture, program } from "./run";

// Issue 16.1: never a silent pass. What the engine cannot judge is listed as UNVERIFIED and the run
// exits 3 unless --allow-unverified (then 0/1, the list still printed).
describe("UNVERIFIED instead of a silent pass", () => {
  it("a remote eks:index:Cluster (not expandable offline) exits 3 naming the component in text, JSON, SARIF and Markdown", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "hc-unverified-"));
    const [sarif, md] = [path.join(out, "r.sarif"), path.join(out, "r.md")];
    const run = await previewFixture("remote-eks", ["--sarif", sarif, "--markdown", md]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/UNVERIFIED \(1\)/);
    expect(run.stdout).toMatch(/remote component eks:index:Cluster 'cluster'/);
    expect(run.stdout).toMatch(/^INCOMPLETE: 2 resources .*, 1 unverified$/m); // the root stack and the component
    expect(run.json.unverified).toEqual([
      { reason: "remote-component", urn: "urn:pulumi:dev::fidelity-remote-eks::eks:index:Cluster::cluster", subject: "eks:index:Cluster", message: expect.stringContaining("never judged") },
    ]);
    expect(run.json.summary).toMatchObject({ mandatory: 0, unverified: 1 });
    const notification = JSON.parse(fs.readFileSync(sarif, "utf8")).runs[0].invocations[0].toolExecutionNotifications[0];
    expect(notification).toMatchObject({ level: "warning", descriptor: { id: "UNVERIFIED/remote-component" } });
    expect(notification.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/eks:index:Cluster::cluster$/);
    expect(fs.readFileSync(md, "utf8")).toMatch(/## UNVERIFIED[\s\S]*eks:index:Cluster::cluster/);
  });

  it("--allow-unverified exits 0 and still prints the list", async () => {
    const run = await runCli(["preview", "--program", program("remote-eks"), "--allow-unverified"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/UNVERIFIED \(1\)[\s\S]*eks:index:Cluster/);
  });

  it("an invoke without a faithful offline answer (aws.ec2.getAmi) is UNVERIFIED, exit 3", async () => {
    const run = await previewFixture("unanswered");
    expect(run.code).toBe(3);
    expect(run.json.unverified).toEqual([expect.objectContaining({ reason: "unanswered-invoke", urn: null, subject: "aws:ec2/getAmi:getAmi" })]);
  });

  it("an input unknown until apply reaches the pack as the engine's unknown sentinel: the pack's 'cannot verify' becomes UNVERIFIED, exit 3", async () => {
    const run = await previewFixture("unknown", ["--policy-config", path.join(program("unknown"), "all-advisory.json")]);
    expect(run.code).toBe(3);
    const entry = run.json.unverified.find((u: any) => u.reason === "unknown-value");
    expect(entry).toMatchObject({ urn: "urn:pulumi:dev::fidelity-unknown::aws:eks/cluster:Cluster::cluster", subject: "aws:eks/cluster:Cluster" });
    expect(entry.message).toMatch(/^EKS-001: cannot verify vpcConfig\.endpointPrivateAccess/);
    // not double-counted as an advisory violation
    expect(run.json.violations.filter((v: any) => /cannot verify/.test(v.message))).toEqual([]);
  });
});
