/**
 * The platform stack as this team sees it: the outputs it reads through a `StackReference` and the node
 * placement they imply. Offline, `hardened-cluster preview` answers the reference from
 * `.hardened-cluster/stack-outputs/<org>_<project>_<stack>.json`.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Platform stack outputs this program reads (a test checks the committed offline outputs have each). */
export const PLATFORM_OUTPUTS_READ = ["clusterName", "kubeconfig", "oidcProviderArn", "oidcProviderUrl", "pools", "region", "tenantNamespaces"] as const;

/** A node-group taint as the platform exports it (EKS spelling of the effect). */
export interface PoolTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** One node pool as the platform exports it. */
export interface PoolOutput {
  readonly labels: Record<string, string>;
  readonly taints: readonly PoolTaint[];
  readonly nodeGroupName: string;
}

/** The platform's `pools` output. */
export type PoolsOutput = Record<"system" | "general" | "sensitive", PoolOutput>;

/** Where a workload runs: the pool's labels as nodeSelector, a toleration per pool taint. */
export interface Placement {
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: k8s.types.input.core.v1.Toleration[];
}

const EFFECTS: Record<PoolTaint["effect"], string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };

/** Pool of a tenant tier: sensitive tenants get the dedicated, tainted `sensitive` pool; others `general`. */
export function poolForTier(tier: "standard" | "sensitive"): "general" | "sensitive" {
  return tier === "sensitive" ? "sensitive" : "general";
}

/** Select the pool's labels and tolerate each of its taints (EKS `NO_SCHEDULE` → Kubernetes `NoSchedule`). */
export function placementOn(pool: PoolOutput): Placement {
  return {
    nodeSelector: { ...pool.labels },
    tolerations: pool.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value ?? "", effect: EFFECTS[t.effect] })),
  };
}

/** Typed view of the platform stack's outputs. */
export interface Platform {
  readonly reference: pulumi.StackReference;
  readonly clusterName: pulumi.Output<string>;
  /** The admin kubeconfig (secret); the team's IAM principals authenticate through it with `aws eks get-token`. */
  readonly kubeconfig: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly oidcProviderUrl: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly pools: pulumi.Output<PoolsOutput>;
  /** Namespaces of the tenants the platform stack itself manages (a team stack must not reuse them). */
  readonly tenantNamespaces: pulumi.Output<string[]>;
}

/** Reference the platform stack `<org>/<project>/<stack>`; every read output is required (fails fast when missing). */
export function referencePlatform(stackName: string): Platform {
  const reference = new pulumi.StackReference("platform", { name: stackName });
  const read = <T>(key: (typeof PLATFORM_OUTPUTS_READ)[number]) => reference.requireOutput(key) as pulumi.Output<T>;
  return {
    reference,
    clusterName: read<string>("clusterName"),
    kubeconfig: pulumi.secret(read<string>("kubeconfig")),
    oidcProviderArn: read<string>("oidcProviderArn"),
    oidcProviderUrl: read<string>("oidcProviderUrl"),
    region: read<string>("region"),
    pools: read<PoolsOutput>("pools"),
    tenantNamespaces: read<string[]>("tenantNamespaces"),
  };
}

/** Namespaces of `mine` the platform already manages as another tenant's (empty when none). */
export function namespaceClashes(mine: readonly string[], platformManaged: readonly string[]): string[] {
  return mine.filter((ns) => platformManaged.includes(ns));
}
