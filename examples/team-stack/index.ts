/**
 * The risk team's stack on the hardened-cluster platform:
 *   platform outputs (StackReference) → Kubernetes provider → Tenant → workload identity → workload.
 * Run it offline with `hardened-cluster preview --program examples/team-stack --stack dev` (see README.md).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
// A team installing the package writes: import { Tenant } from "hardened-cluster";
import { Tenant } from "../../components";
import { readTeamConfig } from "./config";
import { WorkloadIdentity } from "./identity";
import { namespaceClashes, placementOn, poolForTier, referencePlatform } from "./platform";
import { ecrImage, Workload } from "./workload";

const config = readTeamConfig();
const platform = referencePlatform(config.platformStack);
// A namespace belongs to one tenant: refuse the ones the platform stack already manages.
platform.tenantNamespaces.apply((managed) => {
  const clashes = namespaceClashes(config.tenant.namespaces, managed);
  if (clashes.length > 0) {
    throw new Error(`config ${pulumi.getProject()}:tenant.namespaces: ${clashes.join(", ")} already belong to a tenant of ${config.platformStack}: pick other names`);
  }
});
const tags = { team: config.tenant.name, "managed-by": "pulumi" };

const provider = new k8s.Provider("platform-cluster", { kubeconfig: platform.kubeconfig, enableServerSideApply: true });

const tenant = new Tenant(config.tenant.name, { ...config.tenant, clusterName: platform.clusterName, provider });

const identity = new WorkloadIdentity(`${config.tenant.name}-${config.app.name}`, {
  mode: config.identity,
  clusterName: platform.clusterName,
  namespace: config.app.namespace,
  serviceAccount: config.app.name,
  accountId: config.accountId,
  region: config.region,
  parameterPath: config.app.parameterPath,
  oidcProviderArn: platform.oidcProviderArn,
  oidcProviderUrl: platform.oidcProviderUrl,
  tags,
});

const pool = poolForTier(config.tenant.tier ?? "standard");
const workload = new Workload(
  config.app.name,
  {
    app: config.app,
    image: ecrImage(config.accountId, config.region, config.app.repository, config.app.tag, config.app.digest),
    placement: platform.pools.apply((pools) => placementOn(pools[pool])),
    serviceAccountAnnotations: identity.serviceAccountAnnotations,
    provider,
    insecure: config.insecureWorkload,
  },
  { dependsOn: [tenant] },
);

/** Namespaces of the tenant. */
export const namespaces = tenant.config.namespaces;
/** Kubernetes groups the tenant's IAM principals are mapped to. */
export const groups = tenant.groups;
/** Node pool the workload runs on. */
export const nodePool = config.insecureWorkload ? "unpinned" : pool;
/** IAM role of the workload's ServiceAccount. */
export const workloadRoleArn = identity.role.arn;
/** In-cluster address of the workload. */
export const serviceHost = workload.service.metadata.apply((m) => `${m.name}.${m.namespace}.svc.cluster.local`);
