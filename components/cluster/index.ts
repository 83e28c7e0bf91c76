import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { DEFAULT_PACK_CONFIG } from "../../policy-pack/core/config";
import { EncryptedLogGroup } from "../logs";
import { isWorldCidr } from "../network/cidr";
import { ClusterAddons, vpcCniConfiguration, type NetworkPolicyEnforcingMode } from "./addons";
import { VpcCniIdentity } from "./cni-identity";
import { CLUSTER_ADMIN_ACCESS_POLICY, CLUSTER_ROLE_POLICIES, roleNames, serviceTrustPolicy } from "./iam";
import { kubeconfigFor } from "./kubeconfig";
import { versionAtLeast } from "./version";

export { ClusterAddons, vpcCniConfiguration, type AddonSpec, type ClusterAddonsArgs, type NetworkPolicyEnforcingMode } from "./addons";
export { VpcCniIdentity, type VpcCniIdentityArgs } from "./cni-identity";
export { SystemNetworkPolicies } from "./system-network-policies";
export * from "./iam";
export { kubeconfigFor } from "./kubeconfig";
export { versionAtLeast, DEFAULT_KUBERNETES_VERSION, PLATFORM_MIN_KUBERNETES_VERSION, EKS_VERSION_CALENDAR, standardSupportVersions } from "./version";

/** The five control-plane log types (EKS-005). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** An IAM principal (owned outside the stack) granted cluster-admin through an EKS access entry. */
export interface ClusterAdmin {
  /** Short name used in resource names, e.g. `platform-oncall`. */
  readonly name: string;
  /** IAM role ARN (literal, so EKS-008 can compare it with `clusterAdminPrincipals`). */
  readonly principalArn: string;
}

/** Pinned versions of the networking add-ons created with the cluster. */
export interface ClusterAddonVersions {
  readonly vpcCni: string;
  readonly kubeProxy: string;
  readonly podIdentityAgent: string;
}

/** Arguments of {@link Cluster}. */
export interface ClusterArgs {
  /** EKS cluster name (literal; the log group is named after it, LOG-003). */
  readonly name: string;
  /** Kubernetes `major.minor`, at least 1.33 (EKS-007). */
  readonly version: string;
  /** AWS region of the cluster (literal: written into the exec-based kubeconfig's `aws eks get-token --region`). */
  readonly region: string;
  /** 12-digit AWS account id (literal: scopes the VPC CNI Pod Identity role's trust policy). */
  readonly accountId: string;
  /** Private subnets for the control-plane ENIs. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The Firewall's cluster SG (EKS adds its own cluster SG as well). */
  readonly securityGroupId: pulumi.Input<string>;
  /** Public endpoint: off unless explicitly enabled with CIDRs (never `/0`). */
  readonly publicAccess?: { readonly enabled: boolean; readonly cidrs: readonly string[] };
  /** Customer KMS key ARN for Secrets envelope encryption (EKS-004). Required. */
  readonly secretsKeyArn: pulumi.Input<string>;
  /** Customer KMS key ARN for the control-plane log group (LOG-001). Required. */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Control-plane log retention in days: a CloudWatch-accepted value of at least 365 (LOG-002). Default 365. */
  readonly logRetentionDays?: number;
  /**
   * Roles owned outside this stack granted cluster-admin through access entries. Their trust (MFA) cannot be seen
   * by the pack (EKS-009X, advisory): prefer `MfaAdminRole` (components/admin-access), which creates an MFA-gated role and its entry.
   */
  readonly admins: readonly ClusterAdmin[];
  /**
   * Pinned versions of the networking add-ons created with the cluster (VPC CNI, kube-proxy, Pod Identity
   * agent), like `v1.19.2-eksbuild.1`: never `latest`, so an upgrade is a reviewed change. Required.
   */
  readonly addonVersions: ClusterAddonVersions;
  /** Configure the VPC CNI for the separate pod subnets. Default true. */
  readonly customNetworking?: boolean;
  /**
   * Security groups for pods (`ENABLE_POD_ENI`): the sensitive tenants' pods get the sensitive pod SG through a
   * SecurityGroupPolicy (the cluster role already carries AmazonEKSVPCResourceController). Needs trunk-capable
   * (Nitro, non-`t`) instance types on the pools that run those pods. Default true.
   */
  readonly securityGroupsForPods?: boolean;
  /**
   * NetworkPolicy enforcement at pod start: `strict` (default, W5) or `standard`. Strict needs the
   * {@link SystemNetworkPolicies} (CoreDNS) in the in-cluster layer before CoreDNS starts.
   */
  readonly networkPolicyEnforcingMode?: NetworkPolicyEnforcingMode;
  /** Production: `deletionProtection` on the cluster. Default false. */
  readonly deletionProtection?: boolean;
  /** Production: `protect` on the cluster and its log group. Default false. */
  readonly protect?: boolean;
  /** AWS tags added to every resource the component creates (merged under the component's own tags). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * A hardened EKS cluster: private API endpoint (public only with explicit CIDRs), Secrets encrypted with a
 * customer KMS key, all five control-plane log types to a KMS-encrypted log group created first,
 * `authenticationMode: API` with explicit access entries and no implicit creator admin, a pinned version,
 * an OIDC provider (thumbprint from @pulumi/tls), pinned networking add-ons with NetworkPolicy enforcement,
 * and a Kubernetes provider built from a secret, exec-based kubeconfig.
 */
export class Cluster extends pulumi.ComponentResource {
  readonly cluster: aws.eks.Cluster;
  readonly clusterName: pulumi.Output<string>;
  /** Exec-based kubeconfig (JSON text), a secret output. */
  readonly kubeconfig: pulumi.Output<string>;
  /** Kubernetes provider for in-cluster resources (tenants, detection, registry). */
  readonly provider: k8s.Provider;
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly oidcProviderUrl: pulumi.Output<string>;
  readonly logGroup: EncryptedLogGroup;
  readonly addons: ClusterAddons;
  /** The security group EKS creates for the control plane (in addition to ours). */
  readonly eksManagedSecurityGroupId: pulumi.Output<string>;
  /** The VPC CNI's Pod Identity role (`kube-system/aws-node`). */
  readonly cniIdentity: VpcCniIdentity;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    validateClusterArgs(args);
    super("hardened-cluster:cluster:Cluster", name, {}, opts);
    const tags = { ...args.tags };
    const protect = args.protect === true;

    const role = new aws.iam.Role(`${name}-cluster`, { name: roleNames.cluster(args.name), assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", undefined, ["sts:TagSession"]), tags }, { parent: this });
    const attachments = CLUSTER_ROLE_POLICIES.map(
      (arn) => new aws.iam.RolePolicyAttachment(`${name}-cluster-${arn.split("/").pop()}`, { role: role.name, policyArn: arn }, { parent: this }),
    );

    // Created first and depended on: otherwise EKS creates it unencrypted with no retention (LOG-003).
    this.logGroup = new EncryptedLogGroup(
      `${name}-control-plane`,
      { name: `/aws/eks/${args.name}/cluster`, kmsKeyArn: args.logsKeyArn, retentionInDays: args.logRetentionDays, protect, tags },
      { parent: this },
    );

    const publicAccess = args.publicAccess?.enabled === true;
    this.cluster = new aws.eks.Cluster(
      name,
      {
        name: args.name,
        version: args.version,
        roleArn: role.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          securityGroupIds: [args.securityGroupId],
          endpointPrivateAccess: true,
          endpointPublicAccess: publicAccess,
          ...(publicAccess ? { publicAccessCidrs: [...(args.publicAccess?.cidrs ?? [])] } : {}),
        },
        encryptionConfig: { provider: { keyArn: args.secretsKeyArn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        bootstrapSelfManagedAddons: false,
        deletionProtection: args.deletionProtection === true,
        upgradePolicy: { supportType: "STANDARD" },
        tags,
      },
      { parent: this, protect, dependsOn: [this.logGroup.logGroup, ...attachments] },
    );
    this.clusterName = this.cluster.name;
    this.eksManagedSecurityGroupId = this.cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId);

    for (const admin of args.admins) {
      const entry = new aws.eks.AccessEntry(`${name}-${admin.name}`, { clusterName: this.cluster.name, principalArn: admin.principalArn, type: "STANDARD", tags }, { parent: this });
      new aws.eks.AccessPolicyAssociation(
        `${name}-${admin.name}-admin`,
        { clusterName: this.cluster.name, principalArn: admin.principalArn, policyArn: CLUSTER_ADMIN_ACCESS_POLICY, accessScope: { type: "cluster" } },
        { parent: this, dependsOn: [entry] },
      );
    }

    const issuer = this.cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");
    const certificate = tls.getCertificateOutput({ url: issuer }, { parent: this });
    const oidc = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      {
        url: issuer,
        clientIdLists: ["sts.amazonaws.com"],
        thumbprintLists: certificate.certificates.apply((certs) => [certs[certs.length - 1].sha1Fingerprint]),
        tags,
      },
      { parent: this },
    );
    this.oidcProviderArn = oidc.arn;
    this.oidcProviderUrl = oidc.url;

    this.cniIdentity = new VpcCniIdentity(`${name}-vpc-cni`, { roleName: roleNames.vpcCni(args.name), accountId: args.accountId, tags }, { parent: this });
    this.addons = new ClusterAddons(
      `${name}-network`,
      {
        clusterName: this.cluster.name,
        addons: [
          // The agent first: the CNI's credentials come from it.
          { name: "eks-pod-identity-agent", version: args.addonVersions.podIdentityAgent },
          {
            name: "vpc-cni",
            version: args.addonVersions.vpcCni,
            configurationValues: vpcCniConfiguration(args.customNetworking !== false, args.networkPolicyEnforcingMode ?? "strict", args.securityGroupsForPods !== false),
            podIdentityAssociations: [this.cniIdentity.association],
            after: ["eks-pod-identity-agent"],
            dependsOn: [this.cniIdentity.attachment],
          },
          { name: "kube-proxy", version: args.addonVersions.kubeProxy },
        ],
        tags,
      },
      { parent: this },
    );

    this.kubeconfig = pulumi.secret(kubeconfigFor(this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority.data, args.region));
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false }, { parent: this });

    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, oidcProviderArn: this.oidcProviderArn, oidcProviderUrl: this.oidcProviderUrl });
  }
}


function validateClusterArgs(args: ClusterArgs): void {
  if (!/^[a-zA-Z][a-zA-Z0-9-]{0,99}$/.test(args.name)) throw new Error(`Cluster: name "${args.name}" must start with a letter and use letters, digits and hyphens`);
  if (args.networkPolicyEnforcingMode !== undefined && !["strict", "standard"].includes(args.networkPolicyEnforcingMode)) {
    throw new Error(`Cluster: networkPolicyEnforcingMode "${args.networkPolicyEnforcingMode}" must be strict or standard`);
  }
  if (!/^\d+\.\d+$/.test(args.version) || !versionAtLeast(args.version, DEFAULT_PACK_CONFIG.minKubernetesVersion)) {
    throw new Error(`Cluster: version "${args.version}" must be a major.minor of at least ${DEFAULT_PACK_CONFIG.minKubernetesVersion} (EKS-007)`);
  }
  if (!args.secretsKeyArn) throw new Error("Cluster: secretsKeyArn is required: Secrets are envelope-encrypted with a customer KMS key (EKS-004); pass a HardenedKey's arn");
  if (typeof args.secretsKeyArn === "string" && /alias\/aws\//.test(args.secretsKeyArn)) {
    throw new Error("Cluster: secretsKeyArn names an AWS-managed key; pass a customer-managed key ARN (EKS-004)");
  }
  if (!args.logsKeyArn) throw new Error("Cluster: logsKeyArn is required (control-plane logs are KMS-encrypted, LOG-001)");
  if (args.publicAccess?.enabled) {
    if (args.publicAccess.cidrs.length === 0) throw new Error("Cluster: publicAccess.cidrs is empty; EKS would open the API to 0.0.0.0/0. List office/VPN CIDRs or disable public access");
    for (const cidr of args.publicAccess.cidrs) {
      if (isWorldCidr(cidr)) throw new Error(`Cluster: publicAccess.cidrs contains ${cidr}; the API must never be open to the world (EKS-003)`);
    }
  }
  const names = new Set<string>();
  for (const admin of args.admins) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(admin.principalArn)) throw new Error(`Cluster: admins ${admin.name}.principalArn "${admin.principalArn}" must be an IAM role ARN`);
    if (names.has(admin.name)) throw new Error(`Cluster: admins lists ${admin.name} twice`);
    names.add(admin.name);
  }
}
