/**
 * hardened-cluster: the public API a team imports (`import { Tenant, NodePool } from "hardened-cluster"`).
 *
 * Every export is a `pulumi.ComponentResource` that is safe with no options set and never emits a resource
 * the hardened-cluster policy pack rejects; bad args throw an Error naming the field and the fix before any
 * child resource is registered. Config schemas (zod) validate the same settings when they come from a stack
 * file, with named-field errors.
 *
 * - AWS infrastructure: {@link Network}, {@link Firewall}, {@link Cluster}, {@link NodePool}, {@link HardenedKey},
 *   {@link EncryptedLogGroup}, {@link Deployer} (in-VPC CodeBuild runner for the in-cluster stack of a private cluster),
 *   {@link MfaAdminRole} (cluster-admin role assumable only with a fresh MFA sign-in).
 * - Tenancy (in-cluster): {@link Tenant} (hardened namespaces, NetworkPolicies, quotas, RBAC, access entries) and
 *   {@link AdmissionMirror} (ValidatingAdmissionPolicies generated from the pack's rule data).
 * - Detection: {@link AlertTopic}, {@link AuditAlarms}, {@link ResourceExhaustionAlarms}, {@link RuntimeDetection}, {@link GuardDutyAgent}.
 * - Secrets on demand: {@link TenantSecretsAccess} (per-tenant reader role, key, Pod Identity associations),
 *   {@link TenantSecretProviders} (SecretProviderClass mounts), {@link SecretsStoreDriver} (CSI driver + AWS provider add-on).
 * - Supply chain: {@link Repository}, {@link TenantRegistry}, {@link ImageSigningProfile}, {@link ImageVerifierRole}, {@link ImageVerification}.
 */

// AWS infrastructure
export { Network, type NetworkArgs } from "./network";
export { Firewall, type FirewallArgs } from "./firewall";
export { Cluster, ClusterAddons, CONTROL_PLANE_LOG_TYPES, type ClusterArgs, type ClusterAdmin, type ClusterAddonVersions, type ClusterAddonsArgs, type AddonSpec } from "./cluster";
export { irsaTrustPolicy } from "./cluster/irsa";
export { NodePool, NodeRole, POOL_KINDS, labelsFor, taintsFor, type NodePoolArgs, type NodeRoleArgs, type PoolKind, type PoolTaint } from "./node-pool";
export { HardenedKey, keyPolicy, type HardenedKeyArgs, type KeyService } from "./kms";
export { EncryptedLogGroup, CLOUDWATCH_RETENTION_DAYS, type EncryptedLogGroupArgs } from "./logs";
export { Deployer, type DeployerArgs, type DeployerSource } from "./deployer";
export { MfaAdminRole, mfaAdminTrustPolicy, type MfaAdminRoleArgs } from "./admin-access";
export { SensitivePodSecurityGroups, type SensitivePodSecurityGroupsArgs } from "./node-pool/pod-security-group";
export { ClusterAutoscaler, ClusterAutoscalerIdentity, NodeTemplateTags, clusterAutoscalerPolicy, defaultAutoscalerImage, type ClusterAutoscalerArgs, type ClusterAutoscalerIdentityArgs, type NodeTemplateTagsArgs } from "./autoscaler";

// Tenancy
export {
  Tenant,
  tenantConfigSchema,
  tenantsConfigSchema,
  parseTenantConfig,
  parseTenantsConfig,
  type TenantArgs,
  type TenantCompute,
  type TenantEgressRule,
  type TenantPodSecurityWeakening,
  type TenantRoles,
  type TenantConfig,
  type TenantConfigInput,
  type TenantNamespaceObjects,
} from "./tenant";
export { AdmissionMirror, type AdmissionMirrorArgs } from "./admission";
export { TenantSecretsAccess, TenantSecretProviders, SecretsStoreDriver, secretsConfigSchema, tenantSecretsOptionSchema, type TenantSecretsAccessArgs, type TenantSecretProvidersArgs, type SecretsStoreDriverArgs, type SecretsConfig, type TenantSecretsOption, type TenantSecretsOptionInput } from "./secrets";

// Detection
export {
  AlertTopic,
  AuditAlarms,
  ResourceExhaustionAlarms,
  RuntimeDetection,
  GuardDutyAgent,
  detectionConfigSchema,
  parseDetectionConfig,
  type AlertTopicArgs,
  type AuditAlarmsArgs,
  type AuditSignalOverride,
  type ResourceExhaustionAlarmsArgs,
  type RuntimeDetectionArgs,
  type GuardDutyAgentArgs,
  type DetectionConfig,
} from "./detection";

// Pod Security data (the same objects the pack judges with): a container/pod security context that passes
// Pod Security Standards "restricted".
export { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../policy-pack/baseline/pss";

// Supply chain
export { Repository, TenantRegistry, registryConfigSchema, parseRegistryConfig, registryHost, type RepositoryArgs, type TenantRegistryArgs, type RegistryConfig } from "./registry";
export { ImageSigningProfile, ImageVerifierRole, ImageVerification, signerPolicyDocument, verifierPolicyDocument, type ImageSigningProfileArgs, type ImageVerifierRoleArgs, type ImageVerificationArgs, type SignatureValidity } from "./signing";

// Shared ingress: the AWS Load Balancer Controller (explicit objects), its Pod Identity role, per-tenant IngressClasses
export { LoadBalancerController, LoadBalancerControllerIdentity, TenantIngress, ingressClassName, LBC_VERSION, type LoadBalancerControllerArgs, type LoadBalancerControllerIdentityArgs, type TenantIngressArgs, type IngressScheme } from "./ingress";
