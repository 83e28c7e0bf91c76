/** The tenant-scale program the preview benchmark records: a Kubernetes provider, the cluster's vpc-cni add-on and N tenants. */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { recordResources, type RecordedResource } from "../engine/record";
import { Tenant, type TenantArgs } from "../components/tenant";

/** Cluster the tenants' access entries point at. */
export const BENCH_CLUSTER = "bench";
/** Account id used in the tenants' IAM principal ARNs. */
export const BENCH_ACCOUNT = "123456789012";
/** Namespaces per tenant in every benchmark. */
export const NAMESPACES_PER_TENANT = 3;

/** Args of tenant `i`: three namespaces, one principal per role, every fourth tenant sensitive. */
export function benchTenantArgs(i: number, account = BENCH_ACCOUNT): TenantArgs {
  const name = `team-${i}`;
  return {
    name,
    namespaces: ["app", "jobs", "data"].slice(0, NAMESPACES_PER_TENANT).map((suffix) => `${name}-${suffix}`),
    pssVersion: "v1.33",
    tier: i % 4 === 0 ? "sensitive" : "standard",
    roles: {
      admin: [`arn:aws:iam::${account}:role/${name}-admins`],
      developer: [`arn:aws:iam::${account}:role/${name}-developers`],
      viewer: [`arn:aws:iam::${account}:role/${name}-viewers`],
    },
  };
}

/**
 * Register `count` tenants the way a platform does: one explicit Kubernetes provider, the vpc-cni add-on with
 * network policy enforcement (so NP-003 sees the cluster enforce policies), then the tenants.
 */
export function tenantProgram(count: number): void {
  const provider = new k8s.Provider("cluster", { kubeconfig: "apiVersion: v1\nkind: Config\n", enableServerSideApply: true });
  new aws.eks.Addon("vpc-cni", { addonName: "vpc-cni", clusterName: BENCH_CLUSTER, configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) });
  for (let i = 0; i < count; i++) new Tenant(`team-${i}`, { ...benchTenantArgs(i), clusterName: BENCH_CLUSTER, provider });
}

/** Record the tenant program under the mock runtime. */
export function recordTenantProgram(count: number): Promise<RecordedResource[]> {
  return recordResources(() => tenantProgram(count), { stack: "bench", config: { "aws:region": "eu-west-1" } });
}
