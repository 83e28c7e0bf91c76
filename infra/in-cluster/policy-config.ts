import { DEFAULT_PACK_CONFIG, type PackConfig } from "../../policy-pack/core/config";
import { RULES } from "../../policy-pack/registry";
import { DEPLOYER_PLATFORM_ROLE } from "../../components/deployer/rbac";
import { VERIFICATION_DEPLOYER_PLATFORM_ROLE } from "../../components/signing/deployer-grants";

/**
 * The NetworkPolicy enforcer of the split layout: the AWS stack's vpc-cni add-on (always configured with
 * `enableNetworkPolicy: "true"` by the Cluster component). NP-003 cannot see that add-on from the
 * in-cluster stack, so the in-cluster stack's pack config names it.
 */
export const SPLIT_STACK_NETWORK_POLICY_PROVIDER = "vpc-cni";

/**
 * The pack config of the in-cluster stack: the AWS stack's exported `policyConfig` (trusted principals,
 * allowed registries, ...) plus the NetworkPolicy enforcer that lives in the AWS stack, and the deployer's
 * own ClusterRole as a justified platform role (it needs escalate/bind on the tenant Roles and namespace
 * writes, RBAC-004/009). GuardDuty is judged where its detector is (the AWS stack), not here.
 */
export function inClusterPackConfig(platform: Partial<PackConfig>): Partial<PackConfig> {
  return { ...platform, networkPolicyProvider: SPLIT_STACK_NETWORK_POLICY_PROVIDER, requireGuardDuty: false, platformRoles: [...(platform.platformRoles ?? []), DEPLOYER_PLATFORM_ROLE, ...(platform.requireImageVerification ? [VERIFICATION_DEPLOYER_PLATFORM_ROLE] : [])] };
}

/**
 * `infra/in-cluster/stacks/policy-config.<stack>.json` (the `--policy-pack-config` form: settings that
 * differ from the pack defaults, fanned out to every policy), which `hardened-cluster preview --program
 * infra/in-cluster --stack <stack>` loads by default.
 */
export function renderInClusterPolicyConfig(platform: Partial<PackConfig>): string {
  const defaults = DEFAULT_PACK_CONFIG as unknown as Record<string, unknown>;
  const settings = Object.fromEntries(Object.entries(inClusterPackConfig(platform)).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k])));
  return `${JSON.stringify(Object.fromEntries(RULES.map((r) => [r.name, settings])), null, 2)}\n`;
}
