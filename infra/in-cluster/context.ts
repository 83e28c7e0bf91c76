import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PackConfig } from "../../policy-pack/core/config";
import type { PodSubnet } from "../../components/network/eni-configs";
import type { PodEgressAllowance } from "../../components/firewall/egress-coverage";
import type { TenantConfig } from "../../components/tenant/config";
import type { ObservabilitySpec } from "../detection";
import type { AutoscalerSpec } from "../autoscaler";
import { ConfigError, keyOf } from "../config";
import { unreachableTenantEgress } from "../tenant-egress";
import type { InClusterContext, PoolView } from "../in-cluster";

/**
 * The AWS stack outputs the in-cluster program reads. The offline stand-ins in
 * `.hardened-cluster/stack-outputs/*.json` carry exactly these keys (a test keeps them in step).
 */
export const PLATFORM_OUTPUTS_READ = [
  "environment",
  "region",
  "clusterName",
  "kubeconfig",
  "oidcProviderArn",
  "oidcProviderUrl",
  "pools",
  "securityGroups",
  "podSubnets",
  "corednsVersion",
  "policyConfig",
  "observability",
  "podEgress",
  "autoscaler",
] as const;

/** One output name the in-cluster program reads. */
export type PlatformOutput = (typeof PLATFORM_OUTPUTS_READ)[number];

/**
 * Rebuild the in-cluster context from the AWS stack's outputs (StackReference). Literal shapes (pools, pod
 * subnets per AZ, pack config) are read with `getOutputDetails` so resources can be declared per AZ; the
 * kubeconfig stays secret. `tenants` come from the in-cluster stack's own config.
 */
export async function contextFromStack(platformStack: string, tenants: readonly TenantConfig[]): Promise<InClusterContext> {
  const ref = new pulumi.StackReference(platformStack);
  const value = async <T>(name: PlatformOutput): Promise<T> => {
    const details = await ref.getOutputDetails(name);
    const v = details.value ?? details.secretValue;
    if (v === undefined) throw new Error(`hardened-cluster:platformStack ${platformStack} has no output "${name}"; run the AWS stack first`);
    return v as T;
  };
  // Before any in-cluster resource: an allowlist the AWS stack's pod SG drops is a config error of this stack.
  const unreachable = unreachableTenantEgress(tenants, await value<PodEgressAllowance[]>("podEgress"), platformStack);
  if (unreachable.length > 0) throw new ConfigError(unreachable.map((u) => ({ key: keyOf(u.path), message: u.message, fix: u.fix })));
  const output = (name: PlatformOutput) => ref.requireOutput(name) as pulumi.Output<string>;
  const kubeconfig = output("kubeconfig").apply((k) => pulumi.secret(String(k)));
  const provider = new k8s.Provider("platform", { kubeconfig, enableServerSideApply: true });
  return {
    environment: await value<string>("environment"),
    region: await value<string>("region"),
    clusterName: output("clusterName"),
    provider,
    oidcProviderArn: output("oidcProviderArn"),
    oidcProviderUrl: output("oidcProviderUrl"),
    pools: await value<Record<"system" | "general" | "sensitive", PoolView>>("pools"),
    podSecurityGroupId: (await value<Record<string, string>>("securityGroups")).pods,
    sensitivePodSecurityGroupId: (await value<Record<string, string>>("securityGroups")).sensitivePods,
    podSubnets: await value<PodSubnet[]>("podSubnets"),
    corednsVersion: await value<string>("corednsVersion"),
    dependsOn: [],
    tenants,
    policyConfig: await value<Partial<PackConfig>>("policyConfig"),
    observability: await value<ObservabilitySpec>("observability"),
    autoscaler: autoscalerFrom(await value<AutoscalerSpec | { enabled: false }>("autoscaler")),
  };
}

/** The AWS stack's `autoscaler` output: the spec, or `{enabled: false}` when the autoscaler is off. */
function autoscalerFrom(value: AutoscalerSpec | { enabled: false }): AutoscalerSpec | undefined {
  return "image" in value ? value : undefined;
}
