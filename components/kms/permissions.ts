/**
 * What each platform key must and must not allow, as a table of simulated requests. The tests run every row
 * through `@cloud-copilot/iam-simulate` against the key policy the stack really renders (issue 15, item 4), so
 * a policy change that breaks a row fails before `pulumi up`. The table describes the key policies of
 * {@link keyPolicy}; it is data, not an evaluator.
 */
import { autoscalingServiceLinkedRoleArn, type KeyService } from "./policy";

/** Expected decision of one row. */
export type KeyDecision =
  /** The request must be allowed as given. */
  | "allowed"
  /** The request must be denied as given. */
  | "denied";

/** One simulated request against a key. */
export interface KeyPermissionCase {
  /** What the row proves, in one sentence. */
  readonly why: string;
  /** Caller: an IAM role ARN, or a service principal such as `logs.eu-west-1.amazonaws.com`. */
  readonly principal: string;
  readonly action: string;
  /** Request context keys (e.g. `kms:GrantIsForAWSResource`, `kms:ViaService`). */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * The caller is an account administrator whose IAM policy allows `kms:*` on `*`: only what the key policy's
   * account-root statements delegate to IAM can then be allowed.
   */
  readonly iamAdmin?: boolean;
  readonly expect: KeyDecision;
}

/** Which platform key a table describes. */
export type PlatformKey = "logs" | "secrets" | "ebs";

/** The services each platform key serves (as `infra/platform.ts` creates them). */
export const PLATFORM_KEY_SERVICES: Readonly<Record<PlatformKey, readonly KeyService[]>> = { logs: ["logs"], secrets: ["eks"], ebs: ["ebs"] };

/** An IAM role of the account that is not named by any key policy, holding `kms:*` in IAM. */
export function accountAdminArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/account-admin`;
}

/** Rows every key shares: the account root administers the key but cannot use it or grant itself use. */
function keyAdministration(accountId: string): KeyPermissionCase[] {
  const admin = accountAdminArn(accountId);
  return [
    { why: "an account administrator can manage the key (aliases)", principal: admin, iamAdmin: true, action: "kms:CreateAlias", expect: "allowed" },
    { why: "an account administrator can manage the key (rotation)", principal: admin, iamAdmin: true, action: "kms:EnableKeyRotation", expect: "allowed" },
    { why: "an account administrator can schedule deletion (30-day window)", principal: admin, iamAdmin: true, action: "kms:ScheduleKeyDeletion", expect: "allowed" },
    { why: "key administration does not include decryption", principal: admin, iamAdmin: true, action: "kms:Decrypt", expect: "denied" },
    { why: "key administration does not include encryption", principal: admin, iamAdmin: true, action: "kms:GenerateDataKey", expect: "denied" },
  ];
}

/** Stack-specific principals of a key table. */
export interface KeyTableOptions {
  /** `kms.clusterCreatorArns` of the stack: when set, only those roles may create grants on the secrets key. */
  readonly clusterCreatorArns?: readonly string[];
  /** The key's `usePrincipalArns` (the EKS cluster role for the secrets key). */
  readonly keyUsers?: readonly string[];
}

/** The table for one platform key. */
export function keyPermissionTable(key: PlatformKey, accountId: string, region: string, opts: KeyTableOptions = {}): KeyPermissionCase[] {
  const clusterCreatorArns = opts.clusterCreatorArns ?? [];
  const admin = accountAdminArn(accountId);
  const rows = keyAdministration(accountId);
  switch (key) {
    case "logs": {
      const logs = `logs.${region}.amazonaws.com`;
      rows.push(
        { why: "an account administrator cannot create a grant for itself (no kms:Create*)", principal: admin, iamAdmin: true, action: "kms:CreateGrant", expect: "denied" },
        // The encryption-context condition itself is checked by the test (the simulator cannot take that key).
        { why: "CloudWatch Logs cannot use the key without the log-group encryption context", principal: logs, action: "kms:GenerateDataKey", expect: "denied" },
        { why: "CloudWatch Logs cannot decrypt without the log-group encryption context", principal: logs, action: "kms:Decrypt", expect: "denied" },
        { why: "another region's CloudWatch Logs is not trusted", principal: "logs.us-east-1.amazonaws.com", action: "kms:GenerateDataKey", expect: "denied" },
      );
      return rows;
    }
    case "ebs": {
      const slr = autoscalingServiceLinkedRoleArn(accountId);
      rows.push(
        { why: "an account administrator cannot create an unconditioned grant", principal: admin, iamAdmin: true, action: "kms:CreateGrant", expect: "denied" },
        { why: "EC2 may create grants for volumes attached by account principals", principal: admin, iamAdmin: true, action: "kms:CreateGrant", context: { "kms:GrantIsForAWSResource": "true" }, expect: "allowed" },
        { why: "Auto Scaling creates the grant for the instances it launches", principal: slr, action: "kms:CreateGrant", context: { "kms:GrantIsForAWSResource": "true" }, expect: "allowed" },
        { why: "Auto Scaling cannot create a grant outside an AWS resource", principal: slr, action: "kms:CreateGrant", expect: "denied" },
        { why: "Auto Scaling encrypts new volumes", principal: slr, action: "kms:Encrypt", expect: "allowed" },
        { why: "Auto Scaling decrypts volumes it attaches", principal: slr, action: "kms:Decrypt", expect: "allowed" },
        { why: "Auto Scaling generates data keys for volumes", principal: slr, action: "kms:GenerateDataKeyWithoutPlaintext", expect: "allowed" },
        { why: "Auto Scaling cannot administer the key", principal: slr, action: "kms:ScheduleKeyDeletion", expect: "denied" },
      );
      return rows;
    }
    case "secrets": {
      for (const user of opts.keyUsers ?? []) {
        rows.push(
          { why: "the EKS cluster role encrypts Secrets through EKS", principal: user, action: "kms:Encrypt", context: { "kms:ViaService": `eks.${region}.amazonaws.com` }, expect: "allowed" },
          { why: "the EKS cluster role decrypts Secrets through EKS", principal: user, action: "kms:Decrypt", context: { "kms:ViaService": `eks.${region}.amazonaws.com` }, expect: "allowed" },
          { why: "the EKS cluster role cannot decrypt outside EKS", principal: user, action: "kms:Decrypt", expect: "denied" },
          { why: "no GrantIsForAWSResource statement on the secrets key (EKS does not support it, N10)", principal: user, action: "kms:CreateGrant", context: { "kms:GrantIsForAWSResource": "true" }, expect: "denied" },
        );
      }
      if (clusterCreatorArns.length > 0) {
        rows.push(
          { why: "an account administrator that does not create the cluster cannot create a grant", principal: admin, iamAdmin: true, action: "kms:CreateGrant", expect: "denied" },
          ...clusterCreatorArns.map((arn): KeyPermissionCase => ({ why: "the eks:CreateCluster caller can create the grant EKS needs (no GrantIsForAWSResource: not supported for CreateCluster)", principal: arn, action: "kms:CreateGrant", expect: "allowed" })),
          ...clusterCreatorArns.map((arn): KeyPermissionCase => ({ why: "the eks:CreateCluster caller can describe the key", principal: arn, action: "kms:DescribeKey", expect: "allowed" })),
          ...clusterCreatorArns.map((arn): KeyPermissionCase => ({ why: "the eks:CreateCluster caller cannot decrypt", principal: arn, action: "kms:Decrypt", expect: "denied" })),
        );
      } else {
        rows.push({ why: "without clusterCreatorArns, the eks:CreateCluster caller (an IAM-delegated account principal) can create the grant EKS needs", principal: admin, iamAdmin: true, action: "kms:CreateGrant", expect: "allowed" });
      }
      return rows;
    }
  }
}
