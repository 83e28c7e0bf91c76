import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { NamedAllowance, PackConfig } from "../policy-pack/core/config";
import { signingProfileArn } from "../policy-pack/baseline/signing";
import { roleArn } from "../components/cluster/iam";
import { endpointServiceName } from "../components/network/endpoints";
import { interfaceEndpointPolicy } from "../components/network/endpoint-policies";
import { registryHost } from "../components/registry/tenant-registry";
import { ImageSigningProfile, ImageVerification, ImageVerifierRole, repositoryArn } from "../components/signing";
import type { PoolTaint } from "../components/node-pool";
import type { PlatformConfig } from "./schema";
import { signingProfileName } from "./schema-signing";

/**
 * What the AWS layer exports about signing (stack output `signing`, read by the in-cluster stack): literal,
 * deterministic names and ARNs so the in-cluster program can declare its objects at preview.
 */
export interface SigningOutputs {
  readonly profileName?: string;
  readonly profileArn?: string;
  /** Repository URIs (`<registry>/<repo>`) CI signs and the trust policies scope. */
  readonly repositoryUrls?: readonly string[];
  readonly verification: {
    readonly enabled: boolean;
    readonly verifierRoleArn?: string;
    readonly trustedProfileArns?: readonly string[];
    readonly chartVersions?: { readonly kyverno: string; readonly notationAws: string };
    readonly extraValues?: { readonly kyverno: Record<string, unknown>; readonly notationAws: Record<string, unknown> };
  };
}

/** Role name of the in-cluster verifier (IRSA). */
export function verifierRoleName(clusterName: string): string {
  return `${clusterName}-image-verifier`;
}

/** The signing outputs of a config (no resources): also what the pack config and the in-cluster stack derive from. */
export function signingOutputsFor(config: PlatformConfig, region: string): SigningOutputs {
  const s = config.signing;
  if (!s || !config.registry) return { verification: { enabled: false } };
  const profileName = signingProfileName(config.clusterName, s);
  const profileArn = signingProfileArn("aws", region, config.accountId, profileName);
  const repositories = s.repositories ?? config.registry.repositories;
  return {
    profileName,
    profileArn,
    repositoryUrls: repositories.map((r) => `${registryHost(config.accountId, region)}/${r}`),
    verification: s.verification.enabled
      ? {
          enabled: true,
          verifierRoleArn: roleArn(config.accountId, verifierRoleName(config.clusterName)),
          trustedProfileArns: [profileArn, ...s.verification.additionalTrustedProfileArns],
          chartVersions: { kyverno: s.verification.kyvernoChartVersion, notationAws: s.verification.notationAwsChartVersion },
          ...(Object.keys(s.verification.extraValues.kyverno).length + Object.keys(s.verification.extraValues.notationAws).length > 0 ? { extraValues: s.verification.extraValues } : {}),
        }
      : { enabled: false },
  };
}

/** The Helm releases verification installs, justified for PSS-X01 (config `allowedReleases`). */
export const VERIFICATION_RELEASES: readonly NamedAllowance[] = [
  { name: "kyverno", justification: "Kyverno admission controller (upstream chart, pinned): enforces the image-signature ClusterPolicy; too large to write out (docs/signing.md)" },
  { name: "kyverno-notation-aws", justification: "kyverno-notation-aws verifier (upstream chart, pinned): runs the AWS Signer Notation plugin for Kyverno (docs/signing.md)" },
];

/** Pack config of signing: verification required (IMG-004), trusted profiles (IMG-005), the justified releases (PSS-X01). */
export function signingPackConfig(config: PlatformConfig, region: string): Partial<PackConfig> {
  const out = signingOutputsFor(config, region);
  if (!out.verification.enabled) return {};
  return { requireImageVerification: true, trustedSigningProfileArns: [...(out.verification.trustedProfileArns ?? [])], allowedReleases: [...VERIFICATION_RELEASES] };
}

/** What {@link composeSigning} needs from the AWS layer. */
export interface SigningInputs {
  readonly config: PlatformConfig;
  readonly region: string;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcProviderUrl: pulumi.Input<string>;
  /** The VPC's private subnets and endpoint SG: a private-only VPC gets a Signer endpoint for the verifier. */
  readonly network: { readonly vpcId: pulumi.Input<string>; readonly privateSubnetIds: pulumi.Input<string>[]; readonly endpointSecurityGroupId?: pulumi.Input<string> };
  readonly tags: Record<string, string>;
}

/** The Signer interface endpoint service suffix (`com.amazonaws.<region>.signer`). */
export const SIGNER_ENDPOINT_SERVICE = "signer";

/**
 * The AWS side of signing: the environment's signing profile with its signer policy, and (verification on)
 * the verifier's IRSA role. None when `signing` is not configured.
 */
export function composeSigning(inputs: SigningInputs): { profile: ImageSigningProfile; verifierRole?: ImageVerifierRole; outputs: Record<string, unknown> } | undefined {
  const { config, region, tags } = inputs;
  const s = config.signing;
  if (!s || !config.registry) return undefined;
  const out = signingOutputsFor(config, region);
  const name = config.clusterName;
  const profile = new ImageSigningProfile(`${name}-signing`, { profileName: out.profileName as string, signatureValidity: s.signatureValidity, tags }, { protect: config.protect });
  const repositories = s.repositories ?? config.registry.repositories;
  const verifierRole = out.verification.enabled
    ? new ImageVerifierRole(`${name}-image-verifier`, {
        roleName: verifierRoleName(name),
        oidcProviderArn: inputs.oidcProviderArn,
        oidcProviderUrl: inputs.oidcProviderUrl,
        repositoryArns: repositories.map((r) => repositoryArn("aws", region, config.accountId, r)),
        tags,
      })
    : undefined;
  // Private-only VPC (no NAT): the verifier's revocation checks (signer:GetRevocationStatus) need a Signer endpoint,
  // or every tenant pod is denied (the policy fails closed). Same shape as the Network component's endpoints.
  const endpointSg = inputs.network.endpointSecurityGroupId;
  if (out.verification.enabled && config.network.privateOnly && endpointSg) {
    new aws.ec2.VpcEndpoint(`${name}-${SIGNER_ENDPOINT_SERVICE}`, {
      vpcId: inputs.network.vpcId,
      serviceName: endpointServiceName(region, SIGNER_ENDPOINT_SERVICE),
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: inputs.network.privateSubnetIds,
      securityGroupIds: [endpointSg],
      policy: JSON.stringify(interfaceEndpointPolicy(SIGNER_ENDPOINT_SERVICE, config.accountId)),
      tags: { ...tags, Name: `${name}-${SIGNER_ENDPOINT_SERVICE}` },
    });
  }
  return { profile, verifierRole, outputs: { ...out, signerPolicyArn: profile.signerPolicy.arn } };
}

/** A pool as verification places its controllers (the system pool). */
export interface SystemPoolView {
  readonly labels: Record<string, string>;
  readonly taints: readonly PoolTaint[];
}

/**
 * The in-cluster side: {@link ImageVerification} for the tenant namespaces when the AWS stack's `signing`
 * output has verification on; undefined otherwise.
 */
export function composeImageVerification(
  environment: string,
  signing: SigningOutputs | undefined,
  tenantNamespaces: readonly string[],
  provider: k8s.Provider,
  systemPool: SystemPoolView,
  opts: pulumi.ComponentResourceOptions,
  deployerGroup?: string,
): ImageVerification | undefined {
  const v = signing?.verification;
  if (!v?.enabled || !v.verifierRoleArn || !v.chartVersions || !v.trustedProfileArns) return undefined;
  return new ImageVerification(
    `${environment}-image-verification`,
    {
      provider,
      tenantNamespaces,
      profileArns: v.trustedProfileArns,
      registryScopes: signing?.repositoryUrls,
      verifierRoleArn: v.verifierRoleArn,
      chartVersions: v.chartVersions,
      nodeSelector: systemPool.labels,
      tolerations: systemPool.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: taintEffect(t.effect) })),
      deployerGroup,
      extraValues: v.extraValues,
    },
    opts,
  );
}

/** EKS taint effects (NO_SCHEDULE) as Kubernetes spells them (NoSchedule). */
function taintEffect(effect: string): string {
  return ({ NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" } as Record<string, string>)[effect] ?? effect;
}
