import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PACK_CONFIG } from "../../policy-pack/core/config";
import { RULES } from "../../policy-pack/registry";
import { PLATFORM_ONLY_SETTINGS } from "../../infra/team-policy-config";
import { policyConfigPath, renderTeamPolicyConfig, stackNames, teamPolicyConfigPath } from "../../scripts/policy-config-files";
import { runCli } from "../cli/run-cli";
import { codeScanningProblems, sarifSchemaErrors } from "../support/sarif-schema";
import { ROOT, TEAM_STACK } from "./platform-outputs";

// Issue 18.3: the org-wide team policy group's config (stacks/policy-config.teams.<env>.json, what
// `pulumi policy enable ... --policy-group <teams> --config` takes) passes a compliant team stack and still
// fails a violating one; the platform's own per-stack config blocks compliant team stacks (NP-003).

interface Report {
  readonly violations: { rule: string; level: string }[];
}

async function previewTeam(stack: string, policyConfig: string, ...extra: string[]): Promise<{ code: number; stderr: string; report?: Report }> {
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-teams-")), "report.json");
  const run = await runCli(["preview", "--program", TEAM_STACK, "--stack", stack, "--quiet", "--json", json, "--policy-config", policyConfig, ...extra]);
  return { code: run.code, stderr: run.stderr, report: fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, "utf8")) as Report) : undefined };
}

const mandatory = (report: Report) => [...new Set(report.violations.filter((v) => v.level === "mandatory").map((v) => v.rule))].sort();
const TEAMS_DEV = teamPolicyConfigPath("dev");

describe("stacks/policy-config.teams.<env>.json (team policy group config)", () => {
  it.each(stackNames())("%s is up to date (run `npm run policy-config`)", (stack) => {
    expect(fs.readFileSync(teamPolicyConfigPath(stack), "utf8")).toBe(renderTeamPolicyConfig(stack));
  });

  it.each(stackNames())("%s configures every policy, with no platform-only setting, and no self-exemption", (stack) => {
    const file = JSON.parse(fs.readFileSync(teamPolicyConfigPath(stack), "utf8")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(file).sort()).toEqual(RULES.map((r) => r.name).sort());
    for (const settings of Object.values(file)) {
      for (const key of PLATFORM_ONLY_SETTINGS) expect(settings).not.toHaveProperty(key);
      expect(settings.networkPolicyProvider).toBe("vpc-cni");
      expect(settings.allowResourceExemptions).toBe(false);
      for (const key of Object.keys(settings)) expect(Object.keys(DEFAULT_PACK_CONFIG)).toContain(key);
    }
    // the platform's own file sets platform-only settings (what the team file must not carry)
    const platform = JSON.parse(fs.readFileSync(policyConfigPath(stack), "utf8")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(platform["eks-private-endpoint-enabled"])).toEqual(expect.arrayContaining(["trustedCidrs", "clusterAdminPrincipals"]));
  });

  it("docs/policy-groups.md enables each file on its policy group with the exact command", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs", "policy-groups.md"), "utf8");
    for (const stack of stackNames()) {
      expect(doc).toContain(`--policy-group teams-${stack} --config stacks/policy-config.teams.${stack}.json`);
    }
    expect(doc).toMatch(/pulumi policy publish <org>/);
  });
});

describe("team example under the team policy group's config (real CLI, real pack)", () => {
  it.concurrent("the compliant team stack passes: exit 0, 0 mandatory", async () => {
    const { code, stderr, report } = await previewTeam("dev", TEAMS_DEV);
    expect(stderr).toBe("");
    expect(mandatory(report!)).toEqual([]);
    expect(code).toBe(0);
  });

  it.concurrent("the violating team stack still fails with each planted weakness; its SARIF validates and points into the team's files", async () => {
    const sarif = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-teams-")), "bad.sarif");
    const { code, report } = await previewTeam("bad", TEAMS_DEV, "--sarif", sarif);
    expect(code).toBe(1);
    expect(mandatory(report!)).toEqual(["IMG-002", "NODE-006", "PSS-B03", "PSS-B05", "PSS-R01", "PSS-R02", "RBAC-003"]);
    const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    const files = new Set<string>(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri));
    for (const uri of files) {
      expect(uri).toMatch(/^examples\/team-stack\/[a-z-]+\.ts$/);
      expect(fs.existsSync(path.join(ROOT, uri))).toBe(true);
    }
    // each result's line is inside its file, on the line that constructs a resource
    for (const r of log.runs[0].results) {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      const line = fs.readFileSync(path.join(ROOT, artifactLocation.uri), "utf8").split("\n")[region.startLine - 1];
      expect(line).toMatch(/new [A-Za-z0-9.]+\(/);
    }
  });

  it.concurrent("the platform's own config (the old documented org-wide setup) blocks the compliant team stack with NP-003", async () => {
    const { code, report } = await previewTeam("dev", policyConfigPath("dev"));
    expect(code).toBe(1);
    expect(mandatory(report!)).toEqual(["NP-003"]);
  });
});
