import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { DEFAULT_PACK_CONFIG, type PackConfig } from "../policy-pack/core/config";
import { RULES } from "../policy-pack/registry";
import { parsePlatformConfig } from "../infra/config";
import { packConfigFor } from "../infra/policy-config";
import { teamPackConfigFor } from "../infra/team-policy-config";
import { renderInClusterPolicyConfig } from "../infra/in-cluster/policy-config";

/** Folder of the platform's stack files (Pulumi.yaml `stackConfigDir`). */
export const STACKS_DIR = path.join(__dirname, "..", "stacks");

/** The pack-config file of a stack, beside its stack file; `hardened-cluster preview --stack <s>` loads it by default. */
export function policyConfigPath(stack: string, dir = STACKS_DIR): string {
  return path.join(dir, `policy-config.${stack}.json`);
}

/** Stacks that have a stack file in `dir`. */
export function stackNames(dir = STACKS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** A stack file's `config:` map as Pulumi holds it (`<namespace>:<key>` → text). */
function rawConfig(stack: string, dir: string): Record<string, string> {
  const doc = parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/**
 * The `--policy-pack-config` file for a stack, in the form the Pulumi CLI reads (one entry per policy):
 * the settings the platform decided (trusted CIDRs, admin principals, add-on ports, ...) that differ
 * from the pack defaults, fanned out to every policy.
 */
export function renderPolicyConfig(stack: string, dir = STACKS_DIR): string {
  const wanted = packConfigFor(parsePlatformConfig(rawConfig(stack, dir)));
  const defaults = DEFAULT_PACK_CONFIG as unknown as Record<string, unknown>;
  const settings = Object.fromEntries(
    Object.entries(wanted).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k])),
  ) as Partial<PackConfig>;
  const file = Object.fromEntries(RULES.map((r) => [r.name, settings]));
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The team policy group's pack-config file of a platform environment, beside the platform's own. */
export function teamPolicyConfigPath(stack: string, dir = STACKS_DIR): string {
  return path.join(dir, `policy-config.teams.${stack}.json`);
}

/**
 * The `pulumi policy enable --policy-group <teams group> --config` file of a platform environment: the
 * settings team stacks on that platform are judged with ({@link teamPackConfigFor}), fanned out to every
 * policy, without the platform-only settings of `policy-config.<stack>.json`.
 */
export function renderTeamPolicyConfig(stack: string, dir = STACKS_DIR): string {
  const settings = teamPackConfigFor(parsePlatformConfig(rawConfig(stack, dir)));
  const file = Object.fromEntries(RULES.map((r) => [r.name, settings]));
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Folder of the in-cluster program's stack files. */
export const IN_CLUSTER_STACKS_DIR = path.join(__dirname, "..", "infra", "in-cluster", "stacks");

/**
 * The in-cluster stacks' pack-config files: each in-cluster stack file has the AWS stack file of the same
 * name, whose exported `policyConfig` the in-cluster pack config extends.
 */
export function inClusterPolicyConfigFiles(): { file: string; text: string }[] {
  return stackNames(IN_CLUSTER_STACKS_DIR).map((stack) => ({
    file: policyConfigPath(stack, IN_CLUSTER_STACKS_DIR),
    text: renderInClusterPolicyConfig(packConfigFor(parsePlatformConfig(rawConfig(stack, STACKS_DIR)))),
  }));
}
