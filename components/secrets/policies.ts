/**
 * The IAM documents of a tenant's secrets reader, as literals so previews and the pack judge them:
 * - trust: only EKS Pod Identity (`pods.eks.amazonaws.com`, `sts:AssumeRole` + `sts:TagSession`), only for this
 *   account (`aws:SourceAccount`), this cluster and the tenant's namespaces and ServiceAccount (the session tags
 *   EKS Pod Identity sets: `eks-cluster-arn`, `kubernetes-namespace`, `kubernetes-service-account`);
 * - read: `secretsmanager:GetSecretValue` + `DescribeSecret` on `…:secret:<prefix>/<tenant>/*` only;
 * - decrypt: the tenant key's policy names the reader for `kms:Decrypt` through Secrets Manager (`kms:ViaService`);
 *   the reader has no KMS identity policy, so no other key (whose policy names only its own reader and defers
 *   everyone else to IAM) lets it decrypt;
 * - key policy of the tenant key: the account administers it; the reader decrypts through Secrets Manager; the
 *   account's principals may use it through Secrets Manager only as their IAM policies allow (writers).
 */
import { KEY_ADMIN_ACTIONS } from "../kms/policy";
import { POD_IDENTITY_PRINCIPAL } from "../cluster/iam";
import { clusterArn, tenantSecretArnPattern } from "./names";

/** Secrets Manager actions ASCP calls to mount a secret. */
export const SECRET_READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"] as const;

/** Where a tenant's reader lives. */
export interface TenantSecretsScope {
  readonly accountId: string;
  readonly region: string;
  readonly partition?: string;
  readonly clusterName: string;
  readonly prefix: string;
  readonly tenant: string;
  readonly namespaces: readonly string[];
  readonly serviceAccount: string;
}

/** Trust policy of a tenant's reader role (Pod Identity, this account and cluster, the tenant's namespaces and ServiceAccount). */
export function readerTrustPolicy(scope: TenantSecretsScope): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EksPodIdentityForTenantServiceAccount",
        Effect: "Allow",
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": scope.accountId,
            "aws:RequestTag/eks-cluster-arn": clusterArn(scope),
            "aws:RequestTag/kubernetes-namespace": [...scope.namespaces],
            "aws:RequestTag/kubernetes-service-account": scope.serviceAccount,
          },
        },
      },
    ],
  });
}

/** Identity policy: read only the tenant's secrets. */
export function readerSecretsPolicy(scope: TenantSecretsScope): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "ReadTenantSecrets", Effect: "Allow", Action: [...SECRET_READ_ACTIONS], Resource: tenantSecretArnPattern(scope) }],
  });
}

/** Key policy of a tenant's secrets key. */
export function tenantKeyPolicy(args: { accountId: string; region: string; partition?: string; readerRoleArn: string }): string {
  const partition = args.partition ?? "aws";
  const root = `arn:${partition}:iam::${args.accountId}:root`;
  const via = { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com`, "kms:CallerAccount": args.accountId };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
      { Sid: "TenantReaderDecrypt", Effect: "Allow", Principal: { AWS: args.readerRoleArn }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: via } },
      {
        Sid: "SecretWritersViaSecretsManager",
        Effect: "Allow",
        Principal: { AWS: root },
        Action: ["kms:Encrypt", "kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: via },
      },
    ],
  });
}
