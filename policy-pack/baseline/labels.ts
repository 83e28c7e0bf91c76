/** The project's single label/tag/annotation prefix. Rename it here only. */
export const LABEL_PREFIX = "hardened-cluster.io/";

/** Label keys and values that tie components to rules. */
export const LABELS = {
  tenant: `${LABEL_PREFIX}tenant`,
  tier: `${LABEL_PREFIX}tier`,
  pool: `${LABEL_PREFIX}pool`,
  sgRole: `${LABEL_PREFIX}sg-role`,
  /** Role of the *source* SG of an ingress rule (`node`, `cluster`, …, or `self` for a self-reference). */
  sourceRole: `${LABEL_PREFIX}source-role`,
  /** Prefix of exemption tags/annotations: `hardened-cluster.io/exempt.<RULE-ID>: <justification>`. */
  exemptPrefix: `${LABEL_PREFIX}exempt.`,
} as const;

/** Tenant tiers. */
export const TIERS = ["standard", "sensitive"] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Security-group roles carried in the `sg-role` tag. `sensitive-node` / `sensitive-pods` are the sensitive pool's own
 * node SG and pod SG (audit W6): the port table documents the only traffic they exchange with the general pools.
 */
export const SG_ROLES = ["cluster", "node", "control-plane", "lb", "pods", "endpoint", "sensitive-node", "sensitive-pods"] as const;
export type SecurityGroupRole = (typeof SG_ROLES)[number];

/** Value of the pool label/taint on the sensitive node pool. */
export const SENSITIVE_POOL = "sensitive";

/** Pod Security Admission label keys (kubernetes/pod-security-admission api/constants.go). */
export const PSA_LABELS = {
  enforce: "pod-security.kubernetes.io/enforce",
  enforceVersion: "pod-security.kubernetes.io/enforce-version",
  audit: "pod-security.kubernetes.io/audit",
  auditVersion: "pod-security.kubernetes.io/audit-version",
  warn: "pod-security.kubernetes.io/warn",
  warnVersion: "pod-security.kubernetes.io/warn-version",
} as const;

/** Namespaces that belong to the platform and can never be tenants. */
export const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
