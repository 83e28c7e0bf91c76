import { main } from "./program";

/** Stack outputs a team stack consumes through a StackReference (kubeconfig is a secret). */
const outputs = main();

export const clusterName = outputs.clusterName;
export const kubeconfig = outputs.kubeconfig;
export const oidcProviderArn = outputs.oidcProviderArn;
export const oidcProviderUrl = outputs.oidcProviderUrl;
export const region = outputs.region;
export const vpcId = outputs.vpcId;
export const privateSubnetIds = outputs.privateSubnetIds;
export const podSubnets = outputs.podSubnets;
export const corednsVersion = outputs.corednsVersion;
export const securityGroups = outputs.securityGroups;
export const pools = outputs.pools;
export const podEgress = outputs.podEgress;
export const kmsKeys = outputs.kmsKeys;
export const deployer = outputs.deployer;
export const environment = outputs.environment;
export const inClusterLayer = outputs.inClusterLayer;
export const policyConfig = outputs.policyConfig;
export const detection = outputs.detection;
export const registry = outputs.registry;
export const signing = outputs.signing;
export const tenantNamespaces = outputs.tenantNamespaces ?? [];
export const tenants = outputs.tenants ?? {};
export const admissionPolicies = outputs.admissionPolicies ?? [];
export const observability = outputs.observability;
/** Per-tenant secrets: prefix, add-on version and each granted tenant's reader role and key (the in-cluster stack reads it). */
export const tenantSecrets = outputs.tenantSecrets;
export const tenantSecretMounts = outputs.tenantSecretMounts ?? {};
