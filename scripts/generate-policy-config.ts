import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { inClusterPolicyConfigFiles, policyConfigPath, renderPolicyConfig, renderTeamPolicyConfig, stackNames, teamPolicyConfigPath } from "./policy-config-files";

/**
 * Regenerate `stacks/policy-config.<stack>.json` from each stack's platform config, the team policy group's
 * `stacks/policy-config.teams.<stack>.json` (platform-only settings left out), and
 * `infra/in-cluster/stacks/policy-config.<stack>.json` (what the Deployer passes to `--policy-pack-config`)
 * for every in-cluster stack file.
 */
for (const stack of stackNames()) {
  writeFileSync(policyConfigPath(stack), renderPolicyConfig(stack));
  console.log(`wrote ${policyConfigPath(stack)}`);
  writeFileSync(teamPolicyConfigPath(stack), renderTeamPolicyConfig(stack));
  console.log(`wrote ${teamPolicyConfigPath(stack)}`);
}
for (const { file, text } of inClusterPolicyConfigFiles()) {
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
