import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { inClusterPolicyConfigFiles, policyConfigPath, renderPolicyConfig, stackNames } from "./policy-config-files";

/**
 * Regenerate `stacks/policy-config.<stack>.json` from each stack's platform config, and
 * `infra/in-cluster/stacks/policy-config.<stack>.json` (what the Deployer passes to `--policy-pack-config`)
 * for every in-cluster stack file.
 */
for (const stack of stackNames()) {
  writeFileSync(policyConfigPath(stack), renderPolicyConfig(stack));
  console.log(`wrote ${policyConfigPath(stack)}`);
}
for (const { file, text } of inClusterPolicyConfigFiles()) {
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
