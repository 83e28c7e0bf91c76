import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PackConfig } from "../../policy-pack/core/config";
import type { PodSubnet } from "../../components/network/eni-configs";
import type { PodEgressAllowance } from "../../components/firewall/egress-coverage";
import type { TenantConfig } from "../../components/tenant/config";
import type { ObservabilitySpec } from "../detection";
import type { SigningOutputs } from "../signing";
import { DEPLOYER_GROUP } from "../../components/deployer/rbac";
import type { AutoscalerSpec } from "../autoscaler";
import { ConfigError, keyOf } from "../config";
import { unreachableTenantEgress } from "../tenant-egress";
import type { InClusterContext, PoolView } from "../in-cluster";
import { unmatchedTenantSecrets, type TenantSecretsOutput } from "../secrets";
import type { IngressSpec } from "../ingress";
import { ingressIssues, type TenantIngressConfig } from "../schema-ingress";

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
  "tenantSecrets",
  "signing",
  "ingress",
  "autoscaler",
] as const;

/** One output name the in-cluster program reads. */
export type PlatformOutput = (typeof PLATFORM_OUTPUTS_READ)[number];

/**
 * Rebuild the in-cluster context from the AWS stack's outputs (StackReference). Literal shapes (pools, pod
 * subnets per AZ, pack config) are read with `getOutputDetails` so resources can be declared per AZ; the
 * kubeconfig stays secret. `tenants` come from the in-cluster stack's own config.
 */
export async function contextFromStack(platformStack: string, tenants: readonly TenantConfig[], ingressTenants: readonly TenantIngressConfig[] = []): Promise<InClusterContext> {
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
  // Optional output (absent when the AWS stack has secrets off): a tenant's secrets must be granted there.
  const secretsDetails = await ref.getOutputDetails("tenantSecrets");
  const tenantSecrets = (secretsDetails.value ?? undefined) as TenantSecretsOutput | undefined;
  const environment = await value<string>("environment");
  const unmatched = unmatchedTenantSecrets(tenants, tenantSecrets, platformStack, `stacks/Pulumi.${environment}.yaml`);
  if (unmatched.length > 0) throw new ConfigError(unmatched.map((u) => ({ key: keyOf(u.path), message: u.message, fix: u.fix })));
  // Likewise a tenant ingress declaration the AWS stack's controller, target ports or scheme allowance cannot serve.
  const exported = await value<Partial<IngressSpec>>("ingress");
  const ingressSpec = exported.enabled ? (exported as IngressSpec) : undefined;
  const allowance = { enabled: !!ingressSpec, targetPorts: ingressSpec?.targetPorts ?? [], internetFacingAllowed: !!ingressSpec?.internetFacingAllowed, privateOnly: !!ingressSpec?.privateOnly };
  const badIngress = ingressIssues(ingressTenants, tenants, allowance, ["ingress"], platformStack);
  if (badIngress.length > 0) throw new ConfigError(badIngress.map((u) => ({ key: keyOf(u.path), message: u.message, fix: u.fix })));
  const output = (name: PlatformOutput) => ref.requireOutput(name) as pulumi.Output<string>;
  const kubeconfig = output("kubeconfig").apply((k) => pulumi.secret(String(k)));
  const provider = new k8s.Provider("platform", { kubeconfig, enableServerSideApply: true });
  return {
    environment,
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
    tenantSecrets,
    signing: await value<SigningOutputs>("signing"),
    // This program runs as the in-VPC deployer (split layout).
    deployerGroup: DEPLOYER_GROUP,
    ingress: { spec: ingressSpec, tenants: ingressTenants },
    autoscaler: autoscalerFrom(await value<AutoscalerSpec | { enabled: false }>("autoscaler")),
  };
}

/** The AWS stack's `autoscaler` output: the spec, or `{enabled: false}` when the autoscaler is off. */
function autoscalerFrom(value: AutoscalerSpec | { enabled: false }): AutoscalerSpec | undefined {
  return "image" in value ? value : undefined;
}
