import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PodSubnet } from "../../components/network/eni-configs";
import type { InClusterContext, PoolView } from "../in-cluster";

/**
 * Rebuild the in-cluster context from the AWS stack's outputs (StackReference). Literal shapes (pools, pod
 * subnets per AZ) are read with `getOutputDetails` so resources can be declared per AZ; the kubeconfig stays
 * secret.
 */
export async function contextFromStack(platformStack: string): Promise<InClusterContext> {
  const ref = new pulumi.StackReference(platformStack);
  const value = async <T>(name: string): Promise<T> => {
    const details = await ref.getOutputDetails(name);
    const v = details.value ?? details.secretValue;
    if (v === undefined) throw new Error(`hardened-cluster:platformStack ${platformStack} has no output "${name}"; run the AWS stack first`);
    return v as T;
  };
  const kubeconfig = ref.requireOutput("kubeconfig").apply((k) => pulumi.secret(String(k)));
  const provider = new k8s.Provider("platform", { kubeconfig, enableServerSideApply: true });
  return {
    environment: await value<string>("environment").catch(() => pulumi.getStack()),
    region: await value<string>("region"),
    clusterName: ref.requireOutput("clusterName") as pulumi.Output<string>,
    provider,
    oidcProviderArn: ref.requireOutput("oidcProviderArn") as pulumi.Output<string>,
    oidcProviderUrl: ref.requireOutput("oidcProviderUrl") as pulumi.Output<string>,
    pools: await value<Record<"system" | "general" | "sensitive", PoolView>>("pools"),
    podSecurityGroupId: (await value<Record<string, string>>("securityGroups")).pods,
    podSubnets: await value<PodSubnet[]>("podSubnets"),
    corednsVersion: await value<string>("corednsVersion"),
    dependsOn: [],
  };
}
