import type { ExtraPort, PackConfig } from "../policy-pack/core/config";
import { cidrSubnet } from "../components/network/cidr";
import { roleArn, roleNames } from "../components/cluster/iam";
import { PLATFORM_MIN_KUBERNETES_VERSION } from "../components/cluster/version";
import { registryHost } from "../components/registry/tenant-registry";
import { guardDutyEnabled, type PlatformConfig } from "./schema";
import { adminRolesFor } from "./admin-access";
import { signingPackConfig } from "./signing";

/** CIDRs of the deployer subnets (same layout as the Network component). */
export function deployerCidrsFor(config: PlatformConfig): string[] {
  if (!config.deployer?.enabled) return [];
  return config.network.availabilityZones.map((_, i) => cidrSubnet(cidrSubnet(config.network.cidr, 3, 7), 2, i));
}

/** Principals the Cluster grants cluster-admin access entries: the configured (break-glass) admins. */
export function clusterAdminsFor(config: PlatformConfig): { name: string; principalArn: string }[] {
  return config.admins.map((a) => ({ name: a.name, principalArn: a.roleArn }));
}

/**
 * Principals allowed AmazonEKSClusterAdminPolicy (EKS-008): the platform's MFA-gated admin roles, the external
 * admins, plus the deployer role only while `deployer.bootstrapClusterAdmin` is on (its first in-cluster deploy;
 * afterwards it holds a scoped ClusterRole).
 */
export function clusterAdminPrincipalsFor(config: PlatformConfig): string[] {
  return [
    ...adminRolesFor(config).map((a) => a.roleArn),
    ...clusterAdminsFor(config).map((a) => a.principalArn),
    ...(config.deployer?.enabled && config.deployer.bootstrapClusterAdmin ? [roleArn(config.accountId, roleNames.deployer(config.clusterName))] : []),
  ];
}

/**
 * Cluster-admin principals EKS-009 does not require MFA of: the deployer's CodeBuild service role while it
 * bootstraps (a service cannot present MFA; it is a temporary grant, turned off after the first deploy).
 */
export function mfaExemptAdminPrincipalsFor(config: PlatformConfig): { name: string; justification: string }[] {
  if (!(config.deployer?.enabled && config.deployer.bootstrapClusterAdmin)) return [];
  return [
    {
      name: roleArn(config.accountId, roleNames.deployer(config.clusterName)),
      justification: "CodeBuild service role of the deployer: cluster-admin only for its first in-cluster deploy (deployer.bootstrapClusterAdmin); a service cannot present MFA.",
    },
  ];
}

/** Add-on ports that are opened (enabled entries only), as the Firewall and the pack see them. */
export function enabledAddonPorts(config: PlatformConfig): { name: string; protocol: "tcp" | "udp"; port: number; justification: string }[] {
  return config.addonPorts.filter((a) => a.enabled).map(({ name, protocol, port, justification }) => ({ name, protocol, port, justification }));
}

/**
 * The pack configuration this stack needs (exported as the `policyConfig` stack output): the CIDRs and
 * principals the platform trusts by design and the add-on ports it opens, so the pack judges the stack
 * against what the platform team decided rather than the empty defaults.
 */
export function packConfigFor(config: PlatformConfig): Partial<PackConfig> {
  const extraPorts: ExtraPort[] = enabledAddonPorts(config).map((a) => ({ name: a.name, protocol: a.protocol, fromPort: a.port, toPort: a.port, justification: a.justification }));
  return {
    trustedCidrs: [...new Set([...config.endpoint.privateAccessCidrs, ...config.endpoint.publicAccessCidrs, ...deployerCidrsFor(config)])],
    allowPublicEndpoint: config.endpoint.publicAccess,
    clusterAdminPrincipals: clusterAdminPrincipalsFor(config),
    // EKS-009: the admin roles' trust must demand MFA no older than the configured age.
    adminMfaMaxAgeSeconds: config.adminRoles.maxMfaAgeSeconds,
    mfaExemptAdminPrincipals: mfaExemptAdminPrincipalsFor(config),
    extraPorts,
    // SG-001/004: load balancers reach pods only on the declared ingress target ports (row lb-targets).
    lbTargetPorts: config.ingress.enabled ? [...config.ingress.targetPorts] : [],
    // SG-010: the Firewall's egress plan allows HTTPS to the world only through the NAT (not in private-only networks).
    awsApiPath: config.network.privateOnly ? "endpoints" : "nat",
    extraEgress: config.extraEgress.map(({ name, protocol, fromPort, toPort, cidr, justification }) => ({ name, protocol, fromPort, toPort, cidr, justification })),
    // EKS-007 judges the platform against EKS standard support, the same list the schema enforces.
    minKubernetesVersion: PLATFORM_MIN_KUBERNETES_VERSION,
    rootDeviceNames: ["/dev/xvda", "/dev/xvdb"],
    controlPlane: "eks",
    // GD-001 judges the detector this stack creates; a reused (organisation) detector lives elsewhere.
    requireGuardDuty: guardDutyEnabled(config) && config.detection.guardDuty.detectorId === undefined,
    // With a tenant registry, tenant images come from this account's ECR only (IMG-001, admission mirror).
    ...(config.registry ? { allowedRegistries: [registryHost(config.accountId, regionOf(config))] } : {}),
    // Image signing (infra/signing.ts): IMG-004 requires verification, IMG-005 pins the profiles, PSS-X01 allows its releases.
    ...signingPackConfig(config, regionOf(config)),
  };
}

/** The region of the stack's AZs (validated to equal `aws:region`). */
function regionOf(config: PlatformConfig): string {
  return config.network.availabilityZones[0].slice(0, -1);
}

/** The `--policy-config` file form (`{"shared": {...}}`) of {@link packConfigFor}, for `hardened-cluster preview`. */
export function policyConfigFileFor(config: PlatformConfig): { shared: Partial<PackConfig> } {
  return { shared: packConfigFor(config) };
}
