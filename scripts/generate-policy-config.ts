import { writeFileSync } from "node:fs";
import { policyConfigPath, renderPolicyConfig, stackNames } from "./policy-config-files";

/** Regenerate `stacks/policy-config.<stack>.json` from each stack's platform config. */
for (const stack of stackNames()) {
  writeFileSync(policyConfigPath(stack), renderPolicyConfig(stack));
  console.log(`wrote ${policyConfigPath(stack)}`);
}
