import { LABEL_PREFIX } from "../baseline/labels";

/** An allowlist entry that must say why it exists. */
export interface Justified {
  readonly justification: string;
}

/** What an exemption matches: one resource by URN, by type+name, or every object in a namespace. */
export type ExemptionMatch = { readonly urn: string } | { readonly type: string; readonly name: string } | { readonly namespace: string };

/** A time-boxed, justified exemption of resources from one rule (pack config `exemptions`). */
export interface Exemption extends Justified {
  readonly match: ExemptionMatch;
  /** ISO date (YYYY-MM-DD) after which the exemption is ignored. */
  readonly expires: string;
  readonly approvedBy?: string;
}

/** An extra security-group ingress row beyond the port table (e.g. a webhook port). */
export interface ExtraPort extends Justified {
  readonly name: string;
  readonly protocol: "tcp" | "udp" | "icmp";
  readonly fromPort: number;
  readonly toPort: number;
}

/** A world-open listener allowed on an `lb` security group. */
export interface PublicIngress extends Justified {
  readonly port: number;
  readonly protocol: "tcp" | "udp";
}

/** An egress destination beyond the port table (e.g. a corporate proxy), justified. */
export interface EgressAllowance extends Justified {
  readonly name: string;
  readonly protocol: "tcp" | "udp";
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
}

/** A named allowlist entry (platform role, Helm release, external service, launch template, ...). */
export interface NamedAllowance extends Justified {
  readonly name: string;
}

/** Settings shared by the rules. Every key has a default that makes the pack useful with no config. */
export interface PackConfig {
  /** Office/VPN CIDRs trusted for the public API endpoint, NodePorts and lb listeners. */
  readonly trustedCidrs: readonly string[];
  /** Security groups owned elsewhere that may reach NodePorts (e.g. a shared ALB). */
  readonly trustedSecurityGroupIds: readonly string[];
  /** Security-group ids that are load balancers (for `ec2.SecurityGroupRule`, which has no tags). */
  readonly lbSecurityGroupIds: readonly string[];
  /** Ports an `lb` security group may accept from `trustedCidrs`. */
  readonly lbListenerPorts: readonly number[];
  /** World-open listeners allowed on `lb` security groups. */
  readonly publicIngressAllowlist: readonly PublicIngress[];
  /** Extra port-table rows (webhooks, health checks), each justified. */
  readonly extraPorts: readonly ExtraPort[];
  /**
   * Pod ports load balancers (SG role `lb`) may reach on the pod SG: the declared ingress target ports. The
   * port-table row `lb-targets` covers exactly these ports (none by default), never its whole 1-65535 envelope.
   */
  readonly lbTargetPorts: readonly number[];
  /**
   * How nodes and pods reach AWS APIs and registries: `endpoints` (VPC endpoints; no internet egress) or `nat`
   * (HTTPS to 0.0.0.0/0 through the NAT gateway is then a documented destination).
   */
  readonly awsApiPath: "endpoints" | "nat";
  /** Egress destinations of node and pod SGs beyond the port table, each justified. */
  readonly extraEgress: readonly EgressAllowance[];
  /** `eks` (managed control plane) or `self-managed`: selects port-table rows. */
  readonly controlPlane: "eks" | "self-managed";
  /** Allow a public API endpoint at all (EKS-003 still restricts its CIDRs). */
  readonly allowPublicEndpoint: boolean;
  /** Lowest accepted Kubernetes minor, e.g. `1.33`. */
  readonly minKubernetesVersion: string;
  /** IAM principals allowed cluster-admin access policies. */
  readonly clusterAdminPrincipals: readonly string[];
  /** EKS-009: longest `aws:MultiFactorAuthAge` a cluster-admin role's trust policy may admit, in seconds. */
  readonly adminMfaMaxAgeSeconds: number;
  /** EKS-009: cluster-admin principals (ARN or role name in `name`) exempt from the MFA check, each justified (EKS-009X reports them). */
  readonly mfaExemptAdminPrincipals: readonly NamedAllowance[];
  /** Root device names a launch template must map explicitly. */
  readonly rootDeviceNames: readonly string[];
  /** Require a customer KMS key (not the AWS-managed EBS key) on node volumes. */
  readonly requireCustomerKey: boolean;
  /** Launch template ids managed outside this stack, each justified. */
  readonly externalLaunchTemplates: readonly NamedAllowance[];
  /** Node label/taint key that marks pools. */
  readonly poolLabelKey: string;
  /** Allowed node-group AMI type prefixes. */
  readonly allowedAmiTypes: readonly string[];
  /** Allowed custom image ids (or `resolve:ssm:` prefixes) for `CUSTOM` AMI types. */
  readonly allowedImageIds: readonly string[];
  readonly maxRotationDays: number;
  readonly minDeletionWindowDays: number;
  readonly allowTagExclusions: boolean;
  readonly allowAwsManagedKey: boolean;
  readonly allowNeverExpire: boolean;
  readonly minRetentionDays: number;
  /** Tenant namespaces owned by other stacks. */
  readonly tenantNamespaces: readonly string[];
  /** Sensitive tenant namespaces owned by other stacks. */
  readonly sensitiveNamespaces: readonly string[];
  /** Regular expression for namespace names that must be tenants (empty = none). */
  readonly tenantNamePattern: string;
  readonly allowLatestPssVersion: boolean;
  /** Name of a NetworkPolicy-enforcing CNI other than the VPC CNI (e.g. `calico`); empty = require vpc-cni. */
  readonly networkPolicyProvider: string;
  /** Extra ResourceQuota keys required beyond the compute five. */
  readonly requiredQuotaKeys: readonly string[];
  /** Operator/CI roles exempt from the RBAC rules, each justified. */
  readonly platformRoles: readonly NamedAllowance[];
  readonly podSecurityExemptNamespaces: readonly string[];
  readonly baselineOnlyNamespaces: readonly string[];
  /** Pod Security Standards version when a namespace does not pin one, e.g. `v1.33`. */
  readonly podSecurityVersion: string;
  /** Helm v3 Releases allowed (they are opaque to the pack), each justified. */
  readonly allowedReleases: readonly NamedAllowance[];
  /** `namespace/name` of Services allowed to be external, each justified. */
  readonly allowedExternalServices: readonly NamedAllowance[];
  /** Glob patterns of allowed image registries. */
  readonly allowedRegistries: readonly string[];
  /** Require GuardDuty EKS protection features (set in prod). */
  readonly requireGuardDuty: boolean;
  /** Tenant workloads must run in a namespace covered by an enforcing image-signature verification policy (IMG-004). */
  readonly requireImageVerification: boolean;
  /** Tenant namespaces whose verification policy lives in another stack (e.g. the platform's in-cluster stack). */
  readonly verifiedNamespaces: readonly string[];
  /** Signing profile ARNs a Notation trust policy may trust (IMG-005); empty = any well-formed signing profile ARN. */
  readonly trustedSigningProfileArns: readonly string[];
  /** The stack deploys into a new account: service-linked roles named by key policies must be created by the stack (ORD-003 mandatory). */
  readonly freshAccount: boolean;
  /** Honour exemptions carried by the resource (`hardened-cluster.io/exempt.<RULE-ID>` tag/annotation). */
  readonly allowResourceExemptions: boolean;
  /**
   * Namespaces whose objects may exempt themselves by annotation even when `allowResourceExemptions` is
   * false (the platform opts a namespace in; manifest authors cannot).
   */
  readonly resourceExemptionNamespaces: readonly string[];
  /** Longest an exemption may run: `expires` at most this many days after today. */
  readonly maxExemptionDays: number;
  /** Justified, expiring exemptions from this rule. */
  readonly exemptions: readonly Exemption[];
}

/** The defaults every rule sees when pack config is silent. */
export const DEFAULT_PACK_CONFIG: PackConfig = {
  trustedCidrs: [],
  trustedSecurityGroupIds: [],
  lbSecurityGroupIds: [],
  lbListenerPorts: [443],
  publicIngressAllowlist: [],
  extraPorts: [],
  lbTargetPorts: [],
  awsApiPath: "endpoints",
  extraEgress: [],
  controlPlane: "eks",
  allowPublicEndpoint: false,
  minKubernetesVersion: "1.33",
  clusterAdminPrincipals: [],
  adminMfaMaxAgeSeconds: 3600,
  mfaExemptAdminPrincipals: [],
  rootDeviceNames: ["/dev/xvda"],
  requireCustomerKey: true,
  externalLaunchTemplates: [],
  poolLabelKey: `${LABEL_PREFIX}pool`,
  allowedAmiTypes: ["AL2023_", "BOTTLEROCKET_"],
  allowedImageIds: [],
  maxRotationDays: 365,
  minDeletionWindowDays: 30,
  allowTagExclusions: false,
  allowAwsManagedKey: false,
  allowNeverExpire: false,
  minRetentionDays: 365,
  tenantNamespaces: [],
  sensitiveNamespaces: [],
  tenantNamePattern: "",
  allowLatestPssVersion: false,
  networkPolicyProvider: "",
  requiredQuotaKeys: [],
  platformRoles: [],
  podSecurityExemptNamespaces: ["kube-system"],
  baselineOnlyNamespaces: [],
  podSecurityVersion: "v1.33",
  allowedReleases: [],
  allowedExternalServices: [],
  allowedRegistries: ["*.dkr.ecr.*.amazonaws.com"],
  requireGuardDuty: false,
  requireImageVerification: false,
  verifiedNamespaces: [],
  trustedSigningProfileArns: [],
  freshAccount: false,
  allowResourceExemptions: true,
  resourceExemptionNamespaces: [],
  maxExemptionDays: 365,
  exemptions: [],
};

/** Merge user-supplied config over the defaults (unknown keys are ignored here; the schema rejects them). */
export function resolveConfig(partial: Partial<PackConfig> | undefined): PackConfig {
  const merged: Record<string, unknown> = { ...DEFAULT_PACK_CONFIG };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (value !== undefined && key in DEFAULT_PACK_CONFIG) merged[key] = value;
  }
  return merged as unknown as PackConfig;
}

const justified = (properties: Record<string, unknown>, required: string[]) => ({
  type: "object",
  properties: { ...properties, justification: { type: "string", minLength: 20 } },
  required: [...required, "justification"],
});

const strings = { type: "array", items: { type: "string" } };
const namedAllowances = { type: "array", items: justified({ name: { type: "string" } }, ["name"]) };

/** JSON-Schema fragments of every shared key, attached to each policy's `configSchema`. */
export const PACK_CONFIG_SCHEMA: Record<string, Record<string, unknown>> = {
  trustedCidrs: { ...strings, description: "Office/VPN CIDRs trusted for the public API endpoint, NodePorts and lb listeners." },
  trustedSecurityGroupIds: { ...strings, description: "Security groups owned elsewhere that may reach NodePorts." },
  lbSecurityGroupIds: { ...strings, description: "Security-group ids that are load balancers." },
  lbListenerPorts: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 } },
  publicIngressAllowlist: {
    type: "array",
    items: justified({ port: { type: "integer" }, protocol: { enum: ["tcp", "udp"] } }, ["port", "protocol"]),
  },
  extraPorts: {
    type: "array",
    items: justified(
      {
        name: { type: "string" },
        protocol: { enum: ["tcp", "udp", "icmp"] },
        fromPort: { type: "integer" },
        toPort: { type: "integer" },
      },
      ["name", "protocol", "fromPort", "toPort"],
    ),
  },
  lbTargetPorts: {
    type: "array",
    items: { type: "integer", minimum: 1, maximum: 65535 },
    description: "Pod ports load balancers (SG role lb) may reach on the pod SG (port-table row lb-targets): the declared ingress target ports.",
  },
  awsApiPath: { enum: ["endpoints", "nat"], description: "endpoints (no internet egress) or nat (HTTPS to 0.0.0.0/0 through the NAT gateway allowed for node and pod SGs)." },
  extraEgress: {
    type: "array",
    items: justified(
      { name: { type: "string" }, protocol: { enum: ["tcp", "udp"] }, fromPort: { type: "integer" }, toPort: { type: "integer" }, cidr: { type: "string" } },
      ["name", "protocol", "fromPort", "toPort", "cidr"],
    ),
  },
  controlPlane: { enum: ["eks", "self-managed"] },
  allowPublicEndpoint: { type: "boolean" },
  minKubernetesVersion: { type: "string", pattern: "^1\\.[0-9]+$" },
  clusterAdminPrincipals: strings,
  adminMfaMaxAgeSeconds: { type: "integer", minimum: 60, maximum: 129600, description: "EKS-009: longest aws:MultiFactorAuthAge a cluster-admin role's trust policy may admit (seconds)." },
  mfaExemptAdminPrincipals: { ...namedAllowances, description: "EKS-009: cluster-admin principals (ARN or role name) exempt from the MFA trust check, each justified." },
  rootDeviceNames: strings,
  requireCustomerKey: { type: "boolean" },
  externalLaunchTemplates: namedAllowances,
  poolLabelKey: { type: "string" },
  allowedAmiTypes: strings,
  allowedImageIds: strings,
  maxRotationDays: { type: "integer", minimum: 90, maximum: 2560 },
  minDeletionWindowDays: { type: "integer", minimum: 7, maximum: 30 },
  allowTagExclusions: { type: "boolean" },
  allowAwsManagedKey: { type: "boolean" },
  allowNeverExpire: { type: "boolean" },
  minRetentionDays: { type: "integer", minimum: 1 },
  tenantNamespaces: strings,
  sensitiveNamespaces: strings,
  tenantNamePattern: { type: "string" },
  allowLatestPssVersion: { type: "boolean" },
  networkPolicyProvider: { type: "string" },
  requiredQuotaKeys: strings,
  platformRoles: namedAllowances,
  podSecurityExemptNamespaces: strings,
  baselineOnlyNamespaces: strings,
  podSecurityVersion: { type: "string", pattern: "^(latest|v1\\.[0-9]+)$" },
  allowedReleases: namedAllowances,
  allowedExternalServices: namedAllowances,
  allowedRegistries: strings,
  requireGuardDuty: { type: "boolean" },
  requireImageVerification: { type: "boolean", description: "Tenant workloads must run in a namespace covered by an enforcing image-signature verification policy (IMG-004)." },
  verifiedNamespaces: { ...strings, description: "Tenant namespaces verified by a policy in another stack." },
  trustedSigningProfileArns: { ...strings, description: "Signing profile ARNs Notation trust policies may trust (IMG-005)." },
  freshAccount: { type: "boolean", description: "The stack deploys into a new account: a key policy naming a service-linked role the stack does not create is a mandatory ORD-003 violation (advisory otherwise)." },
  allowResourceExemptions: { type: "boolean" },
  resourceExemptionNamespaces: { ...strings, description: "Namespaces the platform lets exempt their own objects by annotation." },
  maxExemptionDays: { type: "integer", minimum: 1, maximum: 3650, description: "Longest an exemption may run, in days from today." },
  exemptions: {
    type: "array",
    items: justified(
      {
        match: { type: "object" },
        expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
        approvedBy: { type: "string" },
      },
      ["match", "expires"],
    ),
  },
};
