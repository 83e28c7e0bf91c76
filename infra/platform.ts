import * as pulumi from "@pulumi/pulumi";
import { Cluster, ClusterAddons, roleArn, roleNames } from "../components/cluster";
import { SystemNetworkPolicies, type AddonAgent } from "../components/cluster/system-network-policies";
import { Deployer } from "../components/deployer";
import { Firewall } from "../components/firewall";
import { HardenedKey } from "../components/kms";
import { Network } from "../components/network";
import { NodePool, NodeRole, POOL_KINDS, type PoolKind } from "../components/node-pool";
import { poolIsolation } from "./pools";
import { composeAutoscalerAws } from "./autoscaler";
import { PodNetworking } from "../components/network/eni-configs";
import { cloudwatchAgentRoleName, composeDetection } from "./detection";
import { composeInCluster, type InClusterComposer, type InClusterContext } from "./in-cluster";
import { needsRuntimeMonitoringEndpoint, platformS3Buckets } from "./network";
import { podEgressFor } from "./tenant-egress";
import { composeRegistry } from "./registry";
import { adminRolesFor, composeAdminAccess } from "./admin-access";
import { composeSecretsAccess } from "./secrets";
import { composeSigning, signingOutputsFor } from "./signing";
import { composeIngressAws } from "./ingress";
import { clusterAdminsFor, deployerCidrsFor, enabledAddonPorts, packConfigFor } from "./policy-config";
import { guardDutyEnabled, type PlatformConfig } from "./schema";

/** Everything the platform registers, for composition and stack outputs. */
export interface Platform {
  /** Context for the in-cluster layer (also what a StackReference reconstructs). */
  readonly context: InClusterContext;
  /** Where the in-cluster layer runs: in this stack, or in the in-cluster stack run by the deployer. */
  readonly inClusterLayer: "same-stack" | "deployer";
  readonly outputs: Record<string, unknown>;
}

/**
 * Compose the AWS layer (keys → network → firewall → cluster → node pools → CoreDNS → deployer). With the
 * deployer enabled the API is private and unreachable from where this stack runs, so the in-cluster layer
 * (ENIConfigs, then `inCluster`) is left to the in-cluster stack (infra/in-cluster) that the deployer runs
 * inside the VPC; otherwise it is composed here. Registers resources; call only after the config validated.
 */
export function buildPlatform(config: PlatformConfig, region: string, inCluster: InClusterComposer = composeInCluster): Platform {
  const name = config.clusterName;
  const protect = config.protect;
  const tags = { ...config.tags, "hardened-cluster.io/environment": config.environment, "hardened-cluster.io/cluster": name };
  const base = { accountId: config.accountId, region, protect, deletionWindowInDays: config.kms.deletionWindowInDays, tags };
  const deployerEnabled = config.deployer?.enabled === true;

  const logsKey = new HardenedKey(`${name}-logs`, {
    ...base,
    description: `${name}: CloudWatch Logs (control plane, flow logs, deployer)`,
    services: deployerEnabled ? ["logs", "codebuild"] : ["logs"],
    usePrincipalArns: deployerEnabled ? [roleArn(config.accountId, roleNames.deployer(name))] : [],
  });
  const secretsKey = new HardenedKey(`${name}-secrets`, {
    ...base,
    description: `${name}: Kubernetes Secrets envelope encryption`,
    services: ["eks"],
    usePrincipalArns: [roleArn(config.accountId, roleNames.cluster(name))],
    clusterCreatorArns: config.kms.clusterCreatorArns,
  });
  const ebsKey = new HardenedKey(`${name}-ebs`, { ...base, description: `${name}: node EBS volumes`, services: ["ebs"], autoscalingRole: config.kms.autoscalingServiceLinkedRole });

  const network = new Network(name, {
    cidr: config.network.cidr,
    podCidr: config.network.podCidr,
    availabilityZones: config.network.availabilityZones,
    privateOnly: config.network.privateOnly,
    singleNatGateway: config.network.singleNatGateway,
    deployerSubnets: deployerEnabled,
    region,
    accountId: config.accountId,
    flowLogKmsKeyArn: logsKey.arn,
    flowLogRetentionDays: config.logRetentionDays,
    protect,
    clusterName: name,
    s3Buckets: platformS3Buckets(config),
    runtimeMonitoring: needsRuntimeMonitoringEndpoint(config),
    tags,
  });

  const addonPorts = enabledAddonPorts(config);
  const firewall = new Firewall(name, {
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    podCidr: network.podCidr,
    apiCidrs: [...config.endpoint.privateAccessCidrs, ...deployerCidrsFor(config)],
    addonPorts,
    awsApis: config.network.privateOnly ? { mode: "endpoints" } : { mode: "nat" },
    endpointSecurityGroupId: network.endpointSecurityGroupId,
    s3PrefixListId: network.s3PrefixListId,
    extraEgress: config.extraEgress,
    tags,
  });

  const cluster = new Cluster(name, {
    name,
    version: config.kubernetesVersion,
    region,
    accountId: config.accountId,
    subnetIds: network.privateSubnetIds,
    securityGroupId: firewall.clusterSecurityGroupId,
    publicAccess: { enabled: config.endpoint.publicAccess, cidrs: config.endpoint.publicAccessCidrs },
    secretsKeyArn: secretsKey.arn,
    logsKeyArn: logsKey.arn,
    logRetentionDays: config.logRetentionDays,
    admins: clusterAdminsFor(config),
    addonVersions: { vpcCni: config.addons.vpcCni, kubeProxy: config.addons.kubeProxy, podIdentityAgent: config.addons.podIdentityAgent },
    deletionProtection: config.environment === "prod",
    protect,
    tags,
  });

  // Same-stack layout: the API is reachable from here, so ENIConfigs exist before any node starts and CoreDNS
  // follows the pools. Split layout: the in-cluster stack (run by the deployer) creates both.
  const sameStack = !deployerEnabled;
  const podNetworking = sameStack
    ? new PodNetworking(`${name}-pod-networking`, { podSubnets: network.podSubnetsByAz, podSecurityGroupId: firewall.podSecurityGroupId }, { provider: cluster.provider, dependsOn: [cluster.addons] })
    : undefined;
  // Strict NetworkPolicy mode (W5): CoreDNS's own policy exists before any node (and so CoreDNS) starts.
  // Strict mode (W5): the observability operator and the GuardDuty agent (after the pools) need their policies too.
  const addonAgents: AddonAgent[] = ["cloudWatch", ...(guardDutyEnabled(config) ? (["guardDuty"] as const) : [])];
  const systemPolicies = sameStack ? new SystemNetworkPolicies(`${name}-system-netpol`, { addonAgents }, { provider: cluster.provider, dependsOn: [cluster.addons] }) : undefined;

  const nodeRole = new NodeRole(`${name}-node`, { roleName: roleNames.node(name), ssmAccess: config.nodeSsmAccess, ssmJustification: config.nodeSsmJustification, tags });
  // W6: the sensitive pool has its own role, node SG and pod SG (components/node-pool/isolation.ts, NODE-009/010).
  const isolation = poolIsolation(name, config, nodeRole, firewall, tags);
  const pools = {} as Record<PoolKind, NodePool>;
  for (const kind of POOL_KINDS) {
    const pool = config.nodePools[kind];
    const identity = isolation[kind];
    pools[kind] = new NodePool(
      `${name}-${kind}`,
      {
        clusterName: cluster.clusterName,
        kind,
        nodeRoleArn: identity.role.arn,
        subnetIds: network.privateSubnetIds,
        securityGroupIds: [identity.nodeSecurityGroupId],
        ebsKmsKeyArn: ebsKey.arn,
        instanceTypes: pool.instanceTypes,
        minSize: pool.minSize,
        maxSize: pool.maxSize,
        desiredSize: pool.desiredSize,
        amiType: pool.amiType,
        diskSizeGiB: pool.diskSizeGiB,
        metadataHopLimit: pool.metadataHopLimit,
        capacityType: pool.capacityType,
        nodeRolePolicies: identity.role.attachments,
        autoscaled: config.autoscaler.enabled,
        tags,
      },
      { dependsOn: [cluster.addons, ...(podNetworking ? [podNetworking] : []), ...(systemPolicies ? [systemPolicies] : [])] },
    );
  }
  const autoscaler = composeAutoscalerAws(config, region, cluster.clusterName, pools, tags);
  const coredns = sameStack
    ? new ClusterAddons(
        `${name}-dns`,
        { clusterName: cluster.clusterName, addons: [{ name: "coredns", version: config.addons.coredns, dependsOn: systemPolicies ? [systemPolicies] : [] }], tags },
        { dependsOn: Object.values(pools) },
      )
    : undefined;

  // AWS-only layers, in every environment: detection after the pools (the observability add-on needs nodes),
  // the registry once the node role it grants pulls to exists.
  const detection = composeDetection({ config, region, cluster, logsKeyArn: logsKey.arn, nodePools: Object.values(pools), observabilityIn: sameStack ? "this-stack" : "in-cluster-stack", tags });
  const registry = composeRegistry({ config, region, nodeRole, sensitiveNodeRole: isolation.sensitive.role, tags });
  // MFA-gated cluster-admin roles (AWS layer in every environment), alarmed on each assume.
  composeAdminAccess({ config, region, cluster: cluster.cluster, alertTopicArn: detection.topic.topicArn, tags });
  // Per-tenant secrets: reader roles, keys and Pod Identity associations (after the Pod Identity agent add-on).
  const tenantSecrets = composeSecretsAccess({ config, region, clusterName: cluster.clusterName, tags, dependsOn: [cluster.addons] });
  const signing = composeSigning({ config, region, oidcProviderArn: cluster.oidcProviderArn, oidcProviderUrl: cluster.oidcProviderUrl, network, tags });
  const ingress = composeIngressAws({ config, clusterName: cluster.clusterName, vpcId: network.vpcId, podSecurityGroupId: firewall.podSecurityGroupId, dependsOn: [cluster.addons], tags });

  let deployer: Deployer | undefined;
  if (config.deployer?.enabled) {
    deployer = new Deployer(`${name}-deployer`, {
      clusterName: name,
      cluster: cluster.cluster,
      region,
      accountId: config.accountId,
      roleName: roleNames.deployer(name),
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      subnetIds: network.deployerSubnetIds,
      clusterSecurityGroupId: firewall.clusterSecurityGroupId,
      awsApis:
        config.network.privateOnly && network.endpointSecurityGroupId && network.s3PrefixListId
          ? { mode: "endpoints", endpointSecurityGroupId: network.endpointSecurityGroupId, s3PrefixListId: network.s3PrefixListId }
          : { mode: "nat" },
      kmsKeyArn: logsKey.arn,
      source: { type: config.deployer.sourceType, location: config.deployer.sourceLocation, programDir: config.deployer.programDir, version: config.deployer.sourceVersion },
      stack: config.deployer.stack,
      backendUrl: config.deployer.backendUrl,
      accessTokenSecretArn: config.deployer.accessTokenSecretArn,
      secretsProviderKeyArn: config.deployer.secretsProviderKeyArn,
      image: config.deployer.image,
      observabilityRoleArn: roleArn(config.accountId, cloudwatchAgentRoleName(name)),
      protectedPrincipalArns: [...adminRolesFor(config).map((a) => a.roleArn), ...config.admins.map((a) => a.roleArn)],
      bootstrapClusterAdmin: config.deployer.bootstrapClusterAdmin,
      logRetentionDays: config.logRetentionDays,
      protect,
      tags,
    });
  }

  const poolOutputs = Object.fromEntries(POOL_KINDS.map((k) => [k, { labels: pools[k].labels, taints: pools[k].taints, nodeGroupName: pools[k].nodeGroup.nodeGroupName }])) as Record<
    PoolKind,
    { labels: Record<string, string>; taints: NodePool["taints"]; nodeGroupName: pulumi.Output<string> }
  >;
  const context: InClusterContext = {
    environment: config.environment,
    region,
    clusterName: cluster.clusterName,
    provider: cluster.provider,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcProviderUrl: cluster.oidcProviderUrl,
    pools: poolOutputs,
    podSecurityGroupId: firewall.podSecurityGroupId,
    sensitivePodSecurityGroupId: firewall.sensitivePodSecurityGroupId,
    podSubnets: network.podSubnetsByAz,
    corednsVersion: config.addons.coredns,
    dependsOn: [...Object.values(pools), ...(coredns ? [coredns] : [])],
    tenants: config.tenants,
    policyConfig: packConfigFor(config),
    tenantSecrets,
    signing: signingOutputsFor(config, region),
    ingress: { spec: ingress, tenants: config.ingress.tenants },
    autoscaler,
  };
  const inClusterLayer = sameStack ? "same-stack" : "deployer";
  const inClusterOutputs = sameStack ? inCluster(context) : {};

  return {
    context,
    inClusterLayer,
    outputs: {
      inClusterLayer,
      environment: config.environment,
      clusterName: cluster.clusterName,
      kubeconfig: cluster.kubeconfig,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcProviderUrl: cluster.oidcProviderUrl,
      region,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      podSubnets: network.podSubnetsByAz,
      corednsVersion: config.addons.coredns,
      securityGroups: {
        cluster: firewall.clusterSecurityGroupId,
        node: firewall.nodeSecurityGroupId,
        pods: firewall.podSecurityGroupId,
        sensitiveNode: firewall.sensitiveNodeSecurityGroupId,
        sensitivePods: firewall.sensitivePodSecurityGroupId,
        eksManaged: cluster.eksManagedSecurityGroupId,
      },
      pools: poolOutputs,
      // What the shared pod SG lets out to CIDRs: the in-cluster stack checks its tenants' egress allowlists against it.
      podEgress: podEgressFor(config),
      // The MFA-gated cluster-admin roles (docs/deploy.md, break-glass): config name -> role ARN.
      adminRoles: Object.fromEntries(adminRolesFor(config).map((a) => [a.name, a.roleArn])),
      kmsKeys: { logs: logsKey.arn, secrets: secretsKey.arn, ebs: ebsKey.arn },
      deployer: deployer ? { projectName: deployer.project.name, roleArn: deployer.roleArn, callerPolicy: deployer.callerPolicy } : undefined,
      policyConfig: packConfigFor(config),
      detection: {
        alertTopicArn: detection.topic.topicArn,
        auditAlarms: detection.auditAlarms.signals.map((s) => s.name),
        guardDutyDetectorId: detection.runtime?.detectorId,
      },
      registry: registry ? { repositoryUrls: registry.repositoryUrls } : undefined,
      // The signing profile and verification settings (always an object: the in-cluster stack reads it).
      signing: signing?.outputs ?? signingOutputsFor(config, region),
      // Split layout: the in-cluster stack creates the observability add-on after the ENIConfigs (B3).
      observability: detection.observability,
      tenantSecrets,
      // Shared ingress (split layout: the in-cluster stack installs the controller and the tenants' classes from it).
      ingress: ingress ?? { enabled: false },
      // The Cluster Autoscaler's in-cluster part (split layout: created by the in-cluster stack); absent when disabled.
      autoscaler: autoscaler ?? { enabled: false },
      ...inClusterOutputs,
    },
  };
}
