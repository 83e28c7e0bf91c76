import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PackConfig } from "../policy-pack/core/config";
import { AdmissionMirror } from "../components/admission";
import { ClusterAddons } from "../components/cluster/addons";
import { DeployerRbac } from "../components/deployer/rbac";
import { GuardDutyAgent, ResourceExhaustionAlarms } from "../components/detection";
import { SystemNetworkPolicies, type AddonAgent } from "../components/cluster/system-network-policies";
import { PodNetworking, type PodSubnet } from "../components/network/eni-configs";
import type { PoolTaint } from "../components/node-pool";
import { Tenant, type TenantConfig } from "../components/tenant";
import type { ObservabilitySpec } from "./detection";
import { composeSecretsInCluster, type TenantSecretsOutput } from "./secrets";
import { composeImageVerification, type SigningOutputs } from "./signing";
import { composeIngressInCluster, type IngressSpec } from "./ingress";
import type { TenantIngressConfig } from "./schema-ingress";
import { sensitivePodSecurity } from "./pools-in-cluster";
import { composeAutoscalerInCluster, type AutoscalerSpec } from "./autoscaler";

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
  /** The sensitive tenants' pod SG (security groups for pods, audit W6). */
  readonly sensitivePodSecurityGroupId: pulumi.Input<string>;
  readonly podSubnets: readonly PodSubnet[];
  /** Pinned CoreDNS add-on version (the in-cluster stack creates CoreDNS after the ENIConfigs). */
  readonly corednsVersion: string;
  /** Resources the in-cluster layer must wait for (node pools, CoreDNS); empty across a StackReference. */
  readonly dependsOn: pulumi.Resource[];
  /** Validated tenants of this environment (from the stack file of the program that creates them). */
  readonly tenants: readonly TenantConfig[];
  /** The pack config the platform stack exports (`policyConfig`): the admission mirror enforces the same values. */
  readonly policyConfig: Partial<PackConfig>;
  /**
   * Split layout: the observability add-on (and, with GuardDuty on, the GuardDuty agent add-on) to create after
   * the ENIConfigs (the AWS stack's `observability`).
   */
  readonly observability?: ObservabilitySpec;
  /** Per-tenant secrets granted by the AWS layer (its `tenantSecrets` output); absent when the feature is off. */
  readonly tenantSecrets?: TenantSecretsOutput;
  /** The AWS stack's `signing` output: with verification on, tenant images are verified (ImageVerification). */
  readonly signing?: SigningOutputs;
  /** Split layout: the in-VPC deployer's Kubernetes group (layers it keeps up to date grant it their kinds). */
  readonly deployerGroup?: string;
  /** Shared ingress: the AWS stack's `ingress` spec (absent while the controller is off) and the tenants' declarations. */
  readonly ingress?: { readonly spec?: IngressSpec; readonly tenants: readonly TenantIngressConfig[] };
  /** The Cluster Autoscaler to run (the AWS stack's `autoscaler`), when enabled. */
  readonly autoscaler?: AutoscalerSpec;
}

/** A composer of in-cluster resources; returns extra stack outputs (e.g. `tenantNamespaces`). */
export type InClusterComposer = (ctx: InClusterContext) => Record<string, unknown>;

/**
 * The platform's own in-cluster bootstrap for the split (deployer) layout: the deployer's scoped RBAC
 * (components/deployer/rbac.ts), ENIConfigs for the pod subnets (VPC CNI custom networking) and CoreDNS's
 * strict-mode NetworkPolicies (W5), then CoreDNS, the observability add-on and the GuardDuty agent add-on,
 * which only become healthy once pods can get IPs (audit B3) and their policies are programmed.
 * In the same-stack layout the AWS layer creates ENIConfigs, the system policies and CoreDNS itself, in that
 * order, around the node pools, and the observability and GuardDuty agent add-ons after the pools.
 */
export function bootstrapInCluster(ctx: InClusterContext): pulumi.Resource[] {
  const rbac = new DeployerRbac(`${ctx.environment}-deployer-rbac`, { provider: ctx.provider });
  const pods = new PodNetworking(`${ctx.environment}-pod-networking`, { podSubnets: ctx.podSubnets, podSecurityGroupId: ctx.podSecurityGroupId }, { provider: ctx.provider, dependsOn: ctx.dependsOn });
  // The VPC CNI runs in strict mode (W5): CoreDNS needs its own policy before it starts.
  // ... and so do the observability operator and the GuardDuty agent, created below.
  const addonAgents: AddonAgent[] = [...(ctx.observability ? (["cloudWatch"] as const) : []), ...(ctx.observability?.guardDutyAgent ? (["guardDuty"] as const) : [])];
  const system = new SystemNetworkPolicies(`${ctx.environment}-system-netpol`, { addonAgents }, { provider: ctx.provider, dependsOn: ctx.dependsOn });
  // Per add-on dependsOn: a component's dependsOn does not reach the add-on resource itself.
  const dns = new ClusterAddons(`${ctx.environment}-dns`, { clusterName: ctx.clusterName, addons: [{ name: "coredns", version: ctx.corednsVersion, dependsOn: [pods, system] }] }, { dependsOn: [pods, system] });
  const { guardDutyAgent: agentSpec, ...observabilitySpec } = ctx.observability ?? {};
  const observability = ctx.observability ? new ResourceExhaustionAlarms(`${ctx.observability.clusterName}-resources`, observabilitySpec as ObservabilitySpec, { dependsOn: [pods, system] }) : undefined;
  // The GuardDuty agent DaemonSet needs pod IPs and, in strict mode, its egress policy (SystemNetworkPolicies).
  const agent = agentSpec ? new GuardDutyAgent(`${agentSpec.clusterName}-guardduty-agent`, agentSpec, { dependsOn: [pods, system] }) : undefined;
  return [rbac, pods, system, dns, ...(observability ? [observability] : []), ...(agent ? [agent] : [])];
}

/**
 * The platform's in-cluster layer: the AdmissionMirror (ValidatingAdmissionPolicies bound to every tenant
 * namespace, from the same rule data and pack config as the pack), then one Tenant per configured tenant
 * (namespaces with PSA labels, NetworkPolicies, quota, limits, roles, the default SA patch, and the EKS
 * access entries of its principals). Everything waits for `ctx.dependsOn` (node pools, CoreDNS).
 * Returns the `tenantNamespaces`, `tenants` and `admissionPolicies` stack outputs.
 */
export const composeInCluster: InClusterComposer = (ctx) => {
  const opts = { dependsOn: ctx.dependsOn };
  const mirror = new AdmissionMirror(`${ctx.environment}-admission`, { config: ctx.policyConfig, provider: ctx.provider }, opts);
  const verification = composeImageVerification(ctx.environment, ctx.signing, ctx.tenants.flatMap((t) => t.namespaces), ctx.provider, ctx.pools.system, opts, ctx.deployerGroup);
  // Tenants come after the admission policies (and signature verification) so nothing lands in a tenant namespace unchecked.
  const tenantOpts = { dependsOn: [...ctx.dependsOn, mirror, ...(verification ? [verification] : [])] };
  const tenants = ctx.tenants.map((t) => new Tenant(t.name, { ...t, clusterName: ctx.clusterName, provider: ctx.provider }, tenantOpts));
  const secrets = composeSecretsInCluster({ ...ctx, dependsOn: ctx.dependsOn, tenantResources: [mirror, ...tenants] });
  // The load balancer controller and each declared tenant's IngressClass, after the tenants' namespaces.
  const ingress = composeIngressInCluster(ctx.ingress?.spec, ctx.ingress?.tenants ?? [], ctx.tenants, ctx, { dependsOn: [...tenantOpts.dependsOn, ...tenants] });
  sensitivePodSecurity(ctx, tenants);
  composeAutoscalerInCluster(ctx);
  return {
    ...secrets,
    ...ingress,
    tenantNamespaces: tenants.flatMap((t) => t.config.namespaces),
    tenants: Object.fromEntries(tenants.map((t) => [t.config.name, { tier: t.config.tier, namespaces: t.config.namespaces, groups: t.groups }])),
    admissionPolicies: mirror.policyNames,
    ...(verification ? { imageVerificationPolicy: verification.policyName } : {}),
  };
};

/** The in-cluster stack's body: bootstrap (ENIConfigs, CoreDNS), then `extra` after it. */
export function runInClusterStack(ctx: InClusterContext, extra: InClusterComposer = composeInCluster): Record<string, unknown> {
  const ready = bootstrapInCluster(ctx);
  return extra({ ...ctx, dependsOn: [...ctx.dependsOn, ...ready] });
}
