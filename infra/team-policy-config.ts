import type { PackConfig } from "../policy-pack/core/config";
import { packConfigFor } from "./policy-config";
import type { PlatformConfig } from "./schema";

/**
 * Pack settings that describe the platform's own AWS stack (its firewall, endpoint, nodes, admins, detector):
 * they judge resources a team stack never creates, and some (`requireGuardDuty`) demand resources that only
 * the platform stack holds. The team policy group's config leaves every one of them out.
 */
export const PLATFORM_ONLY_SETTINGS = [
  "trustedCidrs",
  "allowPublicEndpoint",
  "clusterAdminPrincipals",
  "extraPorts",
  "awsApiPath",
  "extraEgress",
  "minKubernetesVersion",
  "rootDeviceNames",
  "controlPlane",
  "requireGuardDuty",
] as const satisfies readonly (keyof PackConfig)[];

/**
 * The pack configuration for the **team** policy group of a platform environment: the settings a team stack
 * on this platform is judged with, and none of the platform-only ones ({@link PLATFORM_ONLY_SETTINGS}).
 *
 * - `networkPolicyProvider: "vpc-cni"`: NetworkPolicies of team stacks are enforced by the platform cluster's
 *   vpc-cni add-on (`enableNetworkPolicy: "true"`, checked by NP-003 in the platform stack); a team stack
 *   cannot hold that add-on, so without this NP-003 would block every compliant team stack.
 * - `allowedRegistries`: the platform's tenant registry (this account's ECR), when the platform has one.
 * - `allowResourceExemptions: false`: a team cannot exempt its own objects by annotation or tag; exemptions
 *   for team stacks are granted in this config (`exemptions`) by the platform team.
 */
export function teamPackConfigFor(config: PlatformConfig): Partial<PackConfig> {
  const platform = packConfigFor(config);
  return {
    networkPolicyProvider: "vpc-cni",
    ...(platform.allowedRegistries ? { allowedRegistries: platform.allowedRegistries } : {}),
    allowResourceExemptions: false,
  };
}
