import type * as pulumi from "@pulumi/pulumi";
import { ClusterAutoscaler, ClusterAutoscalerIdentity, NodeTemplateTags } from "../components/autoscaler";
import { roleNames } from "../components/cluster/iam";
import { POOL_KINDS, type NodePool, type PoolKind } from "../components/node-pool";
import type { InClusterContext } from "./in-cluster";
import { autoscalerImageFor } from "./schema-pools";
import type { PlatformConfig } from "./schema";

/**
 * What the in-cluster layer needs to run the autoscaler (the AWS stack's `autoscaler` output; literals only, so the
 * in-cluster stack reads it through a StackReference).
 */
export interface AutoscalerSpec {
  readonly clusterName: string;
  readonly region: string;
  readonly image: string;
  readonly kubernetesVersion: string;
}

/**
 * The autoscaler's AWS side (issue 20 part 5, R5), when `autoscaler.enabled`: its Pod Identity role and association,
 * and the node-template tags on every pool's Auto Scaling group (scale from zero: the sensitive pool's label and
 * taint). Returns the spec of the in-cluster part, or undefined when disabled.
 */
export function composeAutoscalerAws(config: PlatformConfig, region: string, cluster: pulumi.Input<string>, pools: Readonly<Record<PoolKind, NodePool>>, tags: Record<string, string>): AutoscalerSpec | undefined {
  if (!config.autoscaler.enabled) return undefined;
  const name = config.clusterName;
  new ClusterAutoscalerIdentity(`${name}-cluster-autoscaler`, { clusterName: name, cluster, roleName: roleNames.clusterAutoscaler(name), region, accountId: config.accountId, tags });
  for (const kind of POOL_KINDS) {
    new NodeTemplateTags(`${name}-${kind}-asg`, { clusterName: name, nodeGroup: pools[kind].nodeGroup, labels: pools[kind].labels, taints: pools[kind].taints });
  }
  return { clusterName: name, region, image: autoscalerImageFor(config)!, kubernetesVersion: config.kubernetesVersion };
}

/** Why the upstream image may run outside the tenant registry allowlist (stacks whose nodes reach registry.k8s.io). */
export const UPSTREAM_REGISTRY_JUSTIFICATION =
  "Platform add-on: the Kubernetes project's signed cluster-autoscaler release from registry.k8s.io, pinned to the cluster minor (and digest where known); tenants keep the ECR-only allowlist";

function isEcr(image: string): boolean {
  return /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//.test(image);
}

/** The autoscaler's in-cluster part (on the system pool), when the AWS stack enabled it. */
export function composeAutoscalerInCluster(ctx: InClusterContext): ClusterAutoscaler | undefined {
  const spec = ctx.autoscaler;
  if (!spec) return undefined;
  const system = ctx.pools.system;
  const effect = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" } as const;
  return new ClusterAutoscaler(
    `${ctx.environment}-cluster-autoscaler`,
    {
      ...spec,
      nodeSelector: { ...system.labels },
      tolerations: system.taints.map((t) => ({ key: t.key, value: t.value, effect: effect[t.effect] })),
      ...(isEcr(spec.image) ? {} : { registryExemption: UPSTREAM_REGISTRY_JUSTIFICATION }),
    },
    { provider: ctx.provider, dependsOn: ctx.dependsOn },
  );
}
