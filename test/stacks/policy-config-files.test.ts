import * as fs from "node:fs";
import { RULES } from "../../policy-pack/registry";
import { policyConfigPath, renderPolicyConfig, stackNames } from "../../scripts/policy-config-files";

describe("stacks/policy-config.<stack>.json", () => {
  const stacks = stackNames();

  it("exists for dev, staging and prod", () => {
    expect(stacks).toEqual(expect.arrayContaining(["dev", "staging", "prod"]));
  });

  it.each(stackNames())("%s is up to date with the stack's platform config (run `npm run policy-config`)", (stack) => {
    expect(fs.readFileSync(policyConfigPath(stack), "utf8")).toBe(renderPolicyConfig(stack));
  });

  it.each(stackNames())("%s configures every policy of the pack and nothing else", (stack) => {
    const file = JSON.parse(fs.readFileSync(policyConfigPath(stack), "utf8")) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(RULES.map((r) => r.name).sort());
  });
});
