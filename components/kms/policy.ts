/**
 * Least-privilege KMS key policies, built as plain JSON (no credentialed look-ups).
 * The account root may administer the key but not use it; only the named services and principals
 * may encrypt and decrypt, each scoped by condition.
 */

/** AWS services a hardened key can serve. */
export type KeyService = "logs" | "eks" | "ebs" | "codebuild" | "alerts" | "ecr";

/** Inputs of a key policy: everything is a literal so previews are decisive. */
export interface KeyPolicyInput {
  readonly accountId: string;
  readonly region: string;
  readonly partition?: string;
  readonly services: readonly KeyService[];
  /** IAM role ARNs that may use the key (e.g. the EKS cluster role, the deployer role). */
  readonly usePrincipalArns?: readonly string[];
}

/** Key management actions for the account root (no data-plane use). */
export const KEY_ADMIN_ACTIONS = [
  "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
  "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
  "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
] as const;

/** Data-plane actions granted to users of the key. */
export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"] as const;

/** Build the key policy document as a JSON string. */
export function keyPolicy(input: KeyPolicyInput): string {
  const partition = input.partition ?? "aws";
  const root = `arn:${partition}:iam::${input.accountId}:root`;
  const statements: object[] = [
    { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
  ];
  if (input.services.includes("logs")) {
    statements.push({
      Sid: "CloudWatchLogs",
      Effect: "Allow",
      Principal: { Service: `logs.${input.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${input.region}:${input.accountId}:log-group:*` } },
    });
  }
  if (input.services.includes("ebs")) {
    const asg = `arn:${partition}:iam::${input.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    statements.push(
      {
        Sid: "EbsViaAutoScaling",
        Effect: "Allow",
        Principal: { AWS: asg },
        Action: [...KEY_USE_ACTIONS],
        Resource: "*",
      },
      {
        Sid: "EbsGrantsForAwsResources",
        Effect: "Allow",
        Principal: { AWS: asg },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    );
  }
  if (input.services.includes("alerts")) {
    // CloudWatch alarms and EventBridge (GuardDuty findings) publish to the KMS-encrypted alert topic.
    statements.push({
      Sid: "AlertPublishers",
      Effect: "Allow",
      Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
    });
  }
  if (input.services.includes("ecr")) {
    // ECR encrypts image layers with grants it creates on behalf of callers in this account only.
    statements.push({
      Sid: "EcrViaService",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant", "kms:RetireGrant"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": `ecr.${input.region}.amazonaws.com`, "kms:CallerAccount": input.accountId } },
    });
  }
  const users = [...new Set(input.usePrincipalArns ?? [])];
  if (users.length > 0) {
    const via = input.services
      .filter((s) => s !== "logs" && s !== "alerts")
      .map((s) => `${s === "ebs" ? "ec2" : s}.${input.region}.amazonaws.com`);
    statements.push(
      {
        Sid: "KeyUse",
        Effect: "Allow",
        Principal: { AWS: users },
        Action: [...KEY_USE_ACTIONS],
        Resource: "*",
        ...(via.length > 0 ? { Condition: { StringEquals: { "kms:ViaService": via } } } : {}),
      },
      {
        Sid: "KeyUseGrants",
        Effect: "Allow",
        Principal: { AWS: users },
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    );
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
