import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cidrSubnet } from "../components/network/cidr";
import { LBC_VERSION, LoadBalancerController, LoadBalancerControllerIdentity, TenantIngress } from "../components/ingress";
import { ec2Description } from "../components/firewall/description";
import { ruleTags, sgTags } from "../components/firewall/tags";
import type { TenantConfig } from "../components/tenant/config";
import { DEPLOYER_GROUP } from "../components/deployer/rbac";
import type { PoolView } from "./in-cluster";
import type { IngressAllowance, TenantIngressConfig } from "./schema-ingress";
import type { PlatformConfig } from "./schema";
import type * as k8s from "@pulumi/kubernetes";

/** Port-table row of the load balancers' traffic to pods (target type ip). */
export const LB_TARGETS_ROW = "lb-targets";
/** Add-on name of the controller in `addonPorts` (its webhook port from the cluster SG, row `addon:<name>`). */
export const LBC_ADDON = "aws-load-balancer-controller";

/**
 * What the AWS stack hands to the layer that creates the in-cluster objects (exported as the `ingress` stack
 * output; the in-cluster stack reads it through its StackReference).
 */
export interface IngressSpec extends IngressAllowance {
  readonly version: string;
  readonly clusterName: string;
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's primary CIDR (the API server's webhook calls come from its cross-account ENIs there). */
  readonly vpcCidr: string;
  /** Client CIDRs of internal load balancers (the VPC plus `ingress.clientCidrs`): IngressClassParams inboundCIDRs. */
  readonly internalClientCidrs: readonly string[];
  /** Subnets load balancers forward from, by scheme: the tenants' NetworkPolicies admit exactly these. */
  readonly sourceCidrs: { readonly internal: readonly string[]; readonly internetFacing: readonly string[] };
  /** The backend security group the controller attaches to every load balancer (`--backend-security-group`). */
  readonly backendSecurityGroupId: pulumi.Input<string>;
  readonly roleArn: pulumi.Input<string>;
  readonly replicas: number;
  /** Split layout: the deployer's Kubernetes group (it gets a Role in the controller's namespace). */
  readonly deployerGroup?: string;
}

/** The controller's Pod Identity role name. */
export function lbControllerRoleName(clusterName: string): string {
  return `${clusterName}-lb-controller`;
}

/** Subnet CIDRs by scheme, in the Network component's layout (node subnets: eighths 0..2; public: eighth 6 quartered). */
function sourceCidrsOf(config: PlatformConfig): IngressSpec["sourceCidrs"] {
  const azs = config.network.availabilityZones;
  const internal = azs.map((_, i) => cidrSubnet(config.network.cidr, 3, i));
  const natCount = config.network.singleNatGateway ? 1 : azs.length;
  const internetFacing = config.network.privateOnly ? [] : azs.slice(0, natCount).map((_, i) => cidrSubnet(cidrSubnet(config.network.cidr, 3, 6), 2, i));
  return { internal, internetFacing };
}

/** What the AWS layer needs from the rest of the platform to set up ingress. */
export interface IngressAwsInputs {
  readonly config: PlatformConfig;
  readonly clusterName: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  readonly podSecurityGroupId: pulumi.Input<string>;
  /** Resources the Pod Identity association waits for (the cluster's add-ons: the Pod Identity agent). */
  readonly dependsOn: pulumi.Resource[];
  readonly tags: Record<string, string>;
}

/**
 * The AWS side of the shared ingress (every layout): the controller's Pod Identity role with the upstream policy,
 * the backend security group (role `lb`) every load balancer carries, and the pod-SG rules from it on
 * `ingress.targetPorts` (row `lb-targets`; the backend SG's egress mirrors them). Returns the spec the in-cluster
 * objects are built from, or undefined while `ingress.enabled` is false.
 */
export function composeIngressAws(inputs: IngressAwsInputs): IngressSpec | undefined {
  const { config, tags } = inputs;
  if (!config.ingress.enabled) return undefined;
  const name = config.clusterName;
  const identity = new LoadBalancerControllerIdentity(`${name}-lb-controller`, { clusterName: inputs.clusterName, accountId: config.accountId, roleName: lbControllerRoleName(name), tags }, { dependsOn: inputs.dependsOn });
  const sgName = `${name}-lb-backend`;
  const backend = new aws.ec2.SecurityGroup(sgName, { vpcId: inputs.vpcId, description: "Load balancer backend SG of the AWS Load Balancer Controller: reaches pods on the declared target ports", tags: sgTags(sgName, "lb", tags) });
  for (const port of config.ingress.targetPorts) {
    const description = ec2Description(`Load balancers to pods on declared target port ${port} (target type ip)`);
    new aws.vpc.SecurityGroupIngressRule(`${name}-pods-in-${LB_TARGETS_ROW}-tcp-${port}`, {
      securityGroupId: inputs.podSecurityGroupId,
      referencedSecurityGroupId: backend.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description,
      tags: ruleTags("pods", "lb", LB_TARGETS_ROW, tags),
    });
    new aws.vpc.SecurityGroupEgressRule(`${name}-lb-out-${LB_TARGETS_ROW}-tcp-${port}`, {
      securityGroupId: backend.id,
      referencedSecurityGroupId: inputs.podSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description,
      tags: ruleTags("lb", "pods", LB_TARGETS_ROW, tags),
    });
  }
  return {
    enabled: true,
    version: LBC_VERSION,
    clusterName: name,
    vpcId: inputs.vpcId,
    vpcCidr: config.network.cidr,
    targetPorts: config.ingress.targetPorts,
    internetFacingAllowed: config.ingress.internetFacing !== undefined,
    privateOnly: config.network.privateOnly,
    internalClientCidrs: [...new Set([config.network.cidr, ...config.ingress.clientCidrs])],
    sourceCidrs: sourceCidrsOf(config),
    backendSecurityGroupId: backend.id,
    roleArn: identity.roleArn,
    replicas: config.ingress.replicas,
    ...(config.deployer?.enabled ? { deployerGroup: DEPLOYER_GROUP } : {}),
  };
}

/** Kubernetes tolerations of a pool's EKS taints. */
function tolerationsOf(pool: PoolView): k8s.types.input.core.v1.Toleration[] {
  const effect = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" } as const;
  return pool.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: effect[t.effect] }));
}

/**
 * The in-cluster side: the controller on the system pool, then one TenantIngress per declared tenant (internal
 * unless justified; its NetworkPolicy admits the subnets of its scheme on its declared ports). Returns the
 * `ingressClasses` stack output (tenant → IngressClass name).
 */
export function composeIngressInCluster(
  spec: IngressSpec | undefined,
  declarations: readonly TenantIngressConfig[],
  tenants: readonly TenantConfig[],
  ctx: { readonly environment: string; readonly region: string; readonly provider: k8s.Provider; readonly pools: Readonly<Record<"system", PoolView>> },
  opts: pulumi.ComponentResourceOptions,
): Record<string, unknown> {
  if (!spec?.enabled) return {};
  const controller = new LoadBalancerController(
    `${ctx.environment}-lb-controller`,
    {
      clusterName: spec.clusterName,
      region: ctx.region,
      vpcId: spec.vpcId,
      backendSecurityGroupId: spec.backendSecurityGroupId,
      apiServerCidrs: spec.vpcCidr ? [spec.vpcCidr] : [],
      replicas: spec.replicas,
      deployerGroup: spec.deployerGroup,
      nodeSelector: { ...ctx.pools.system.labels },
      tolerations: tolerationsOf(ctx.pools.system),
      provider: ctx.provider,
    },
    opts,
  );
  const classes: Record<string, string> = {};
  for (const d of declarations) {
    const tenant = tenants.find((t) => t.name === d.tenant);
    if (!tenant) continue; // validated before any resource (ingressIssues)
    const ingress = new TenantIngress(
      `${d.tenant}-ingress`,
      {
        tenant: d.tenant,
        namespaces: tenant.namespaces,
        ports: d.ports,
        scheme: d.scheme,
        justification: d.justification,
        sourceCidrs: d.scheme === "internet-facing" ? spec.sourceCidrs.internetFacing : spec.sourceCidrs.internal,
        clientCidrs: d.scheme === "internet-facing" ? ["0.0.0.0/0"] : spec.internalClientCidrs,
        provider: ctx.provider,
      },
      { ...opts, dependsOn: [...((opts.dependsOn as pulumi.Resource[]) ?? []), controller] },
    );
    classes[d.tenant] = ingress.ingressClassName;
  }
  return { ingressClasses: classes };
}
