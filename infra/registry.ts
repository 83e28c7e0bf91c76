import type * as pulumi from "@pulumi/pulumi";
import { roleArn, roleNames } from "../components/cluster/iam";
import { HardenedKey } from "../components/kms";
import { TenantRegistry } from "../components/registry";
import type { PlatformConfig } from "./schema";

/** What the registry needs from the rest of the AWS layer. */
export interface RegistryInputs {
  readonly config: PlatformConfig;
  readonly region: string;
  /** The node role (the repository policy names it; its creation must come first). */
  readonly nodeRole: pulumi.Resource;
  /** The sensitive pool's own node role (W6): it pulls tenant images too. */
  readonly sensitiveNodeRole?: pulumi.Resource;
  readonly tags: Record<string, string>;
}

/**
 * The tenant image registry (AWS resources only): one hardened ECR repository per configured name,
 * encrypted with the configured key or a platform key, pull limited to the node role (plus configured
 * pullers) and push to the configured CI principals. None when `registry` is not configured.
 */
export function composeRegistry(inputs: RegistryInputs): TenantRegistry | undefined {
  const { config, region, tags } = inputs;
  const registry = config.registry;
  if (!registry) return undefined;
  const name = config.clusterName;
  const kmsKeyArn =
    registry.kmsKeyArn ??
    new HardenedKey(`${name}-registry`, {
      accountId: config.accountId,
      region,
      description: `${name}: tenant image repositories (ECR)`,
      services: ["ecr"],
      deletionWindowInDays: config.kms.deletionWindowInDays,
      protect: config.protect,
      tags,
    }).arn;
  return new TenantRegistry(
    `${name}-registry`,
    {
      repositories: registry.repositories,
      kmsKeyArn,
      // Literal (deterministic role name) so the policy is reviewable at preview; dependsOn orders creation.
      nodeRoleArns: [roleArn(config.accountId, roleNames.node(name)), ...(inputs.sensitiveNodeRole ? [roleArn(config.accountId, roleNames.sensitiveNode(name))] : [])],
      ciPushPrincipalArns: registry.ciPushPrincipalArns,
      extraPullPrincipalArns: registry.extraPullPrincipalArns,
      untaggedExpiryDays: registry.untaggedExpiryDays,
      keepImages: registry.keepImages,
      ephemeralTagPrefixes: registry.ephemeralTagPrefixes,
      enhancedScanning: registry.enhancedScanning,
      tags,
    },
    { dependsOn: [inputs.nodeRole, ...(inputs.sensitiveNodeRole ? [inputs.sensitiveNodeRole] : [])] },
  );
}
