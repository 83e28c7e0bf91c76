/**
 * The actionable points of the hardening guidance (seeds S0–S4) and what makes each true: the pack's rules
 * that enforce it and the components that satisfy it by default. `docs/traceability.md` is generated from
 * this table plus the rule registry and the test tree.
 */
export interface GuidancePoint {
  readonly id: string;
  readonly topic: string;
  /** Seed reference, e.g. `S1 §5.4.1`. */
  readonly seed: string;
  readonly point: string;
  readonly rules: readonly string[];
  /** Components (exported names) that make the point true with no options set. */
  readonly components: readonly string[];
}

export const GUIDANCE_POINTS: readonly GuidancePoint[] = [
  { id: "G01", topic: "threat model", seed: "S0", point: "Only necessary services are exposed to external attack (API server, kubelet, etcd).", rules: ["EKS-001", "EKS-002", "EKS-003", "SG-001", "SG-002"], components: ["Cluster", "Firewall"] },
  { id: "G02", topic: "port table", seed: "S1 §5.4.1", point: "Block every port outside the documented Kubernetes port table; NodePorts only from trusted sources.", rules: ["SG-001", "SG-004", "SG-005", "SG-007", "SG-008", "SG-009", "SG-010"], components: ["Firewall"] },
  { id: "G03", topic: "etcd", seed: "S1 §5.4.5", point: "etcd is reachable only from the API servers and its contents are encrypted with a customer key.", rules: ["SG-003", "EKS-004", "EKS-004S", "KMS-001", "KMS-002", "KMS-003"], components: ["Cluster", "HardenedKey", "Firewall"] },
  { id: "G04", topic: "kubelet", seed: "S1 §5.4.6", point: "The kubelet API (10250) is reachable only from the control plane.", rules: ["SG-006"], components: ["Firewall"] },
  { id: "G05", topic: "API access", seed: "S1 §5.4.2", point: "Control API access: API authentication mode, no implicit or leftover cluster-admin.", rules: ["EKS-006", "EKS-008", "RBAC-007", "RBAC-008", "RBAC-010"], components: ["Cluster", "Tenant"] },
  { id: "G06", topic: "RBAC pitfalls", seed: "S2", point: "pods/exec, pods/attach and pods/portforward bypass segmentation; escalate/bind/impersonate and wildcard roles grant too much.", rules: ["RBAC-001", "RBAC-002", "RBAC-003", "RBAC-004", "RBAC-009"], components: ["Tenant", "AdmissionMirror"] },
  { id: "G07", topic: "pod-create escalation", seed: "S2, S3", point: "Identities that create pods can read every secret their pods can mount; service accounts must not create pods.", rules: ["RBAC-005", "RBAC-006"], components: ["Tenant"] },
  { id: "G08", topic: "service accounts", seed: "S2", point: "Default service accounts are over-permissive: do not automount their tokens.", rules: ["SA-001", "SA-002", "SA-003", "RBAC-007"], components: ["Tenant"] },
  { id: "G09", topic: "NET_RAW and capabilities", seed: "S2", point: "Raw sockets (NET_RAW) are on by default: drop ALL capabilities, add none beyond NET_BIND_SERVICE.", rules: ["PSS-B04", "PSS-R06"], components: ["Tenant"] },
  { id: "G10", topic: "pod security", seed: "S1 §5.4", point: "No privileged containers, host namespaces, hostPath or host ports; run as non-root with seccomp.", rules: ["PSS-B01", "PSS-B02", "PSS-B03", "PSS-B05", "PSS-B06", "PSS-B07", "PSS-B08", "PSS-B09", "PSS-B10", "PSS-B11", "PSS-B12", "PSS-R01", "PSS-R02", "PSS-R03", "PSS-R04", "PSS-R05", "PSS-R07", "PSS-X01", "NS-001", "NS-002"], components: ["Tenant", "AdmissionMirror"] },
  { id: "G11", topic: "node metadata (IMDS)", seed: "S1 §5.9", point: "Limit metadata discovery: IMDSv2 required with hop limit 1 so pods cannot fetch node credentials.", rules: ["NODE-001", "NODE-003", "NODE-003S"], components: ["NodePool"] },
  { id: "G12", topic: "node hardening", seed: "S1 §5.3", point: "Hardened, patched hosts without direct access; encrypted node volumes.", rules: ["NODE-002", "NODE-004", "NODE-007", "NODE-008", "NODE-008S", "EKS-007"], components: ["NodePool", "Cluster"] },
  { id: "G13", topic: "sensitive workloads", seed: "S1 §5.6", point: "Sensitive workloads run on dedicated, tainted node pools.", rules: ["NODE-005", "NODE-006", "SVC-001"], components: ["NodePool", "Tenant", "AdmissionMirror"] },
  {
    id: "G13a",
    topic: "sensitive pool isolation",
    seed: "S1 §5.6",
    point: "The dedicated sensitive nodes are isolated beyond scheduling: their own node IAM role, node security group and pod security group, exchanging with the general pools only the port-table rows that name them.",
    rules: ["NODE-009", "NODE-010", "SG-001", "SG-010"],
    components: ["NodePool", "NodeRole", "Firewall", "SensitivePodSecurityGroups"],
  },
  {
    id: "G13b",
    topic: "sensitive pool capacity",
    seed: "S1 §5.6",
    point: "The dedicated sensitive nodes exist when sensitive pods need them: pool sizes are honoured and scaled (from zero) by a least-privilege Cluster Autoscaler.",
    rules: ["NODE-011"],
    components: ["ClusterAutoscaler", "ClusterAutoscalerIdentity", "NodeTemplateTags", "NodePool"],
  },
  { id: "G14", topic: "namespaces as soft tenancy", seed: "S1 §5.1, S4", point: "Namespaces are not security boundaries: label tenants, avoid default, isolate with network policies and quotas.", rules: ["NS-003", "NS-004", "NP-001", "NP-002", "NP-003", "NP-004"], components: ["Tenant"] },
  { id: "G15", topic: "resource exhaustion", seed: "S3, S4", point: "Quotas and default limits per namespace prevent denial of service.", rules: ["QT-001", "QT-002", "QT-003", "QT-004", "RES-001"], components: ["Tenant", "ResourceExhaustionAlarms"] },
  { id: "G16", topic: "traffic interception", seed: "S0, S2", point: "No externalIPs (CVE-2020-8554) and no internet-facing services from sensitive tenants.", rules: ["SVC-001", "SVC-002"], components: ["Tenant", "AdmissionMirror"] },
  { id: "G17", topic: "trusted registries", seed: "S1 §5.13, S3", point: "Images come from approved, scanned registries with immutable, versioned tags; stale images are removed.", rules: ["IMG-001", "IMG-002", "IMG-003", "ECR-001", "ECR-002", "ECR-003", "ECR-004"], components: ["Repository", "TenantRegistry", "AdmissionMirror"] },
  { id: "G18", topic: "secrets", seed: "S1 §5.12", point: "Secrets encrypted at rest with HSM-backed customer keys; read only by those who need them.", rules: ["EKS-004", "KMS-001", "RBAC-005"], components: ["Cluster", "HardenedKey", "Tenant"] },
  { id: "G19", topic: "audit logging", seed: "S1 §5.10", point: "Audit logs enabled, encrypted and retained.", rules: ["EKS-005", "LOG-001", "LOG-002", "LOG-003"], components: ["Cluster", "EncryptedLogGroup"] },
  { id: "G20", topic: "monitoring and alerts", seed: "S3, S1 §5.10", point: "Alert on secret changes, command execution in containers, authorization failures; runtime threat detection.", rules: ["LOG-004", "GD-001"], components: ["AuditAlarms", "RuntimeDetection", "AlertTopic"] },
  {
    id: "G21",
    topic: "deployability",
    seed: "S1 §5.1",
    point: "Automated policies flag builds with issues before they deploy: a hardened stack must also apply: names, descriptions, ARNs, CIDRs and enums within the AWS API limits, and resources created in the order the APIs need (role permissions before use, ENIConfigs before pods, service-linked roles before key policies, principals before access entries).",
    rules: ["API-001", "API-002", "API-003", "API-004", "API-005", "API-006", "API-007", "API-008", "API-009", "API-010", "API-011", "API-012", "ORD-001", "ORD-002", "ORD-003", "ORD-004"],
    components: ["Firewall", "Cluster", "NodePool", "HardenedKey", "Deployer", "ResourceExhaustionAlarms"],
  },
  {
    id: "G23",
    topic: "MFA for administrators",
    seed: "S1 §5.4, §5.4.4",
    point: "Multi-factor authentication is used for all administrative access: cluster-admin is a role only named people can assume, with a fresh MFA sign-in and a short session, alarmed on every assume; external admins whose trust cannot be seen are flagged.",
    rules: ["EKS-009", "EKS-009X", "EKS-008"],
    components: ["MfaAdminRole", "Cluster"],
  },
  {
    id: "G18A",
    topic: "secrets on demand",
    seed: "S1 §5.12",
    point: "Pull secrets on demand from a key manager/vault, least privilege: each tenant's pods read only their own Secrets Manager prefix, decrypted only with the tenant's own KMS key, mounted by the Secrets Store CSI driver with the tenant's Pod Identity role.",
    rules: ["SEC-001", "SEC-002"],
    components: ["TenantSecretsAccess", "TenantSecretProviders", "SecretsStoreDriver", "AdmissionMirror"],
  },
  {
    id: "G22",
    topic: "signed images",
    seed: "S1 §5.1, §5.1.1, §5.13",
    point:
      "Only deploy images signed with a trusted key; reject containers that are not properly signed: an AWS Signer (Notation) profile per environment signs in CI, and in tenant namespaces an enforcing, fail-closed verification policy admits only images signed by that profile.",
    rules: ["IMG-004", "IMG-005", "IMG-006"],
    components: ["ImageSigningProfile", "ImageVerifierRole", "ImageVerification"],
  },
  {
    id: "G25",
    topic: "shared ingress",
    seed: "S1 §5.4.1, S1 §5.7",
    point: "A well-defined ingress policy: tenants are reached only through the platform's load balancers (internal unless justified), on the ports they declared, from the load balancers' subnets; the controller runs with its own least-privilege identity.",
    rules: ["ING-001", "ING-002", "SG-001", "NP-004"],
    components: ["LoadBalancerController", "LoadBalancerControllerIdentity", "TenantIngress", "Firewall"],
  },
];
