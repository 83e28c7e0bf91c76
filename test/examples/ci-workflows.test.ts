import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ROOT } from "./platform-outputs";

// Issue 18.1/18.5: the GitHub Actions examples upload the SARIF the preview writes to code scanning.
const CI = path.join(ROOT, "examples", "ci");

describe.each(["github-actions.yml", "github-actions-team.yml"])("examples/ci/%s", (file) => {
  const workflow = parse(fs.readFileSync(path.join(CI, file), "utf8")) as { jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, string>; if?: string }[] }> };
  const jobs = Object.values(workflow.jobs).filter((j) => j.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@")));

  it("uploads with github/codeql-action/upload-sarif, with security-events: write", () => {
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(job.permissions?.["security-events"]).toBe("write");
  });

  it("every uploaded file is the --sarif of an earlier preview step, and the upload runs even when the preview failed", () => {
    for (const job of jobs) {
      job.steps.forEach((step, i) => {
        if (!step.uses?.startsWith("github/codeql-action/upload-sarif@")) return;
        const sarif = step.with!.sarif_file;
        const writer = job.steps.slice(0, i).find((s) => s.run?.includes("preview") && s.run.includes(`--sarif ${sarif}`));
        expect(writer).toBeDefined();
        expect(step.if).toMatch(/!cancelled\(\)/);
        expect(step.with!.category).toMatch(/^hardened-cluster\//);
      });
    }
  });
});
