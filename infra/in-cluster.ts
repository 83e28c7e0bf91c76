import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterAddons } from "../components/cluster/addons";
import { PodNetworking, type PodSubnet } from "../components/network/eni-configs";
import type { PoolTaint } from "../components/node-pool";

/** A pool as the in-cluster layer sees it: the labels to select it and the taints to tolerate. */
export interface PoolView {
  readonly labels: Record<string, string>;
  readonly taints: readonly PoolTaint[];
}

/**
 * What the AWS layer hands to the in-cluster layer (tenants, detection, registry), either directly (same
 * stack) or through a StackReference (the in-cluster stack run by the deployer).
 */
export interface InClusterContext {
  readonly environment: string;
  readonly region: string;
  readonly clusterName: pulumi.Input<string>;
  /** Kubernetes provider built from the cluster's secret kubeconfig. */
  readonly provider: k8s.Provider;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcProviderUrl: pulumi.Input<string>;
  readonly pools: Readonly<Record<"system" | "general" | "sensitive", PoolView>>;
  readonly podSecurityGroupId: pulumi.Input<string>;
  readonly podSubnets: readonly PodSubnet[];
  /** Pinned CoreDNS add-on version (the in-cluster stack creates CoreDNS after the ENIConfigs). */
  readonly corednsVersion: string;
  /** Resources the in-cluster layer must wait for (node pools, CoreDNS); empty across a StackReference. */
  readonly dependsOn: pulumi.Resource[];
}

/** A composer of in-cluster resources; returns extra stack outputs (e.g. `tenantNamespaces`). */
export type InClusterComposer = (ctx: InClusterContext) => Record<string, unknown>;

/**
 * The platform's own in-cluster bootstrap for the split (deployer) layout: ENIConfigs for the pod subnets
 * (VPC CNI custom networking), then CoreDNS, which only becomes healthy once pods can get IPs.
 * In the same-stack layout the AWS layer creates both itself, in that order, before the node pools.
 */
export function bootstrapInCluster(ctx: InClusterContext): pulumi.Resource[] {
  const pods = new PodNetworking(`${ctx.environment}-pod-networking`, { podSubnets: ctx.podSubnets, podSecurityGroupId: ctx.podSecurityGroupId }, { provider: ctx.provider, dependsOn: ctx.dependsOn });
  const dns = new ClusterAddons(`${ctx.environment}-dns`, { clusterName: ctx.clusterName, addons: [{ name: "coredns", version: ctx.corednsVersion }] }, { dependsOn: [pods] });
  return [pods, dns];
}

/**
 * Extension point: tenants, detection and registry are wired here by the lead (this module does not import
 * them). `ctx.dependsOn` holds what they must wait for.
 */
export const composeInCluster: InClusterComposer = () => ({});

/** The in-cluster stack's body: bootstrap (ENIConfigs, CoreDNS), then `extra` after it. */
export function runInClusterStack(ctx: InClusterContext, extra: InClusterComposer = composeInCluster): Record<string, unknown> {
  const ready = bootstrapInCluster(ctx);
  return extra({ ...ctx, dependsOn: [...ctx.dependsOn, ...ready] });
}
