/**
 * Names shared by the per-tenant secrets feature (components, config checks and the pack's `secrets` rules):
 * where a tenant's secrets live in Secrets Manager (`<prefix>/<tenant>/…`), the EKS add-on that installs the
 * Secrets Store CSI driver with the AWS provider (ASCP), and the Kubernetes names the platform creates.
 */
import { SECRET_PATH_SEGMENT, tenantOfSecretName } from "../../policy-pack/baseline/secrets";

export { SECRET_PATH_SEGMENT, tenantOfSecretName };

/**
 * The EKS add-on of the Secrets Store CSI driver and the AWS Secrets and Configuration Provider (generally
 * available as an AWS add-on since November 2025; it installs both DaemonSets in `kube-system`).
 */
export const SECRETS_STORE_ADDON = "aws-secrets-store-csi-driver-provider";

/** Pod label `app` of the two DaemonSets the add-on runs (upstream charts' `app` label). */
export const SECRETS_STORE_POD_APPS = ["secrets-store-csi-driver", "secrets-store-csi-driver-provider-aws"] as const;

/** Namespace the add-on installs into. */
export const SECRETS_STORE_NAMESPACE = "kube-system";

/** Name of the platform NetworkPolicy that lets the driver and provider pods out in strict mode. */
export const SECRETS_STORE_POLICY_NAME = "hardened-cluster-secrets-store";

export { POD_IDENTITY_AGENT } from "../cluster/agent-egress";

/** Default name of the ServiceAccount a tenant's pods run as to read their secrets. */
export const DEFAULT_SECRETS_SERVICE_ACCOUNT = "secrets-reader";

/** `metadata.name` of a tenant's SecretProviderClass (one per tenant namespace). */
export const SECRET_PROVIDER_CLASS_NAME = "tenant-secrets";

/** The Pulumi type token of a SecretProviderClass (secrets-store.csi.x-k8s.io/v1). */
export const SECRET_PROVIDER_CLASS_TYPE = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";

/** IAM role name of a tenant's secrets reader (at most 64 characters; the config check enforces it). */
export function tenantSecretsRoleName(clusterName: string, tenant: string): string {
  return `${clusterName}-${tenant}-secrets`;
}

/** The longest IAM role name AWS accepts. */
export const IAM_ROLE_NAME_MAX = 64;

/** The name prefix of a tenant's secrets: `<prefix>/<tenant>/`. */
export function tenantSecretPrefix(prefix: string, tenant: string): string {
  return `${prefix}${SECRET_PATH_SEGMENT}${tenant}${SECRET_PATH_SEGMENT}`;
}

/** The ARN pattern of every secret of a tenant (Secrets Manager appends `-XXXXXX` to the name, so the pattern ends in `*`). */
export function tenantSecretArnPattern(args: { partition?: string; region: string; accountId: string; prefix: string; tenant: string }): string {
  return `arn:${args.partition ?? "aws"}:secretsmanager:${args.region}:${args.accountId}:secret:${tenantSecretPrefix(args.prefix, args.tenant)}*`;
}

/** The ARN of an EKS cluster (the `eks-cluster-arn` session tag EKS Pod Identity sets). */
export function clusterArn(args: { partition?: string; region: string; accountId: string; clusterName: string }): string {
  return `arn:${args.partition ?? "aws"}:eks:${args.region}:${args.accountId}:cluster/${args.clusterName}`;
}
