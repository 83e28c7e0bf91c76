/**
 * Least-privilege KMS key policies, built as plain JSON (no credentialed look-ups).
 * The account root may administer the key but not use it: the administration statement lists its actions
 * one by one (no `kms:Create*`, which would include `kms:CreateGrant`, and so a way for any IAM principal
 * allowed `kms:CreateGrant` to grant itself `kms:Decrypt`). Root may create grants only for AWS resources
 * (`kms:GrantIsForAWSResource`, EBS keys), except on a secrets key, where EKS needs the `eks:CreateCluster`
 * caller to hold an unconditioned `kms:CreateGrant` (see {@link KeyPolicyInput.clusterCreatorArns}). Only the named
 * services and principals may encrypt and decrypt, each scoped by condition.
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
  /**
   * `eks` keys only: the IAM roles that call `eks:CreateCluster` (the identity running `pulumi up`). EKS needs
   * that caller to hold `kms:CreateGrant` and `kms:DescribeKey` on the key, and documents that
   * `kms:GrantIsForAWSResource` "is not supported for the CreateCluster action". Named here, only these roles
   * get the unconditioned grant; omitted, the account root gets it (IAM policies then decide who may call it).
   */
  readonly clusterCreatorArns?: readonly string[];
}

/**
 * Key management actions for the account root, listed explicitly: no data-plane use and no `kms:CreateGrant`
 * (a wildcard such as `kms:Create*` would include it). `kms:PutKeyPolicy` stays so the key can never become
 * unmanageable (KMS-003).
 */
export const KEY_ADMIN_ACTIONS = [
  "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias",
  "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:PutKeyPolicy", "kms:UpdateKeyDescription",
  "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:RotateKeyOnDemand",
  "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListKeyRotations", "kms:ListResourceTags", "kms:RevokeGrant",
  "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
] as const;

/** Data-plane actions granted to users of the key. */
export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"] as const;

/** Service-linked role of EC2 Auto Scaling, which launches managed-node-group instances with encrypted volumes. */
export const AUTOSCALING_SERVICE_LINKED_ROLE = "AWSServiceRoleForAutoScaling";

/** ARN of the Auto Scaling service-linked role in an account. */
export function autoscalingServiceLinkedRoleArn(accountId: string, partition = "aws"): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/${AUTOSCALING_SERVICE_LINKED_ROLE}`;
}

/**
 * How an EBS key gets the Auto Scaling service-linked role its policy names (KMS rejects a policy naming a role
 * that does not exist, so a fresh account needs it created first):
 * - `create` (default): create it (`aws.iam.ServiceLinkedRole`); fails with "has been taken" if the account has it.
 * - `import`: adopt the account's existing role into the stack (`pulumi up` imports it instead of creating it).
 * - `existing`: leave it unmanaged; the account already has it (e.g. another stack or an earlier Auto Scaling group).
 * The role is never deleted with the stack (`retainOnDelete`): other Auto Scaling groups of the account use it.
 */
export const AUTOSCALING_ROLE_MODES = ["create", "import", "existing"] as const;
/** One of {@link AUTOSCALING_ROLE_MODES}. */
export type AutoscalingRoleMode = (typeof AUTOSCALING_ROLE_MODES)[number];

const GRANT_FOR_AWS_RESOURCE = { Bool: { "kms:GrantIsForAWSResource": "true" } } as const;

/** Build the key policy document as a JSON string. */
export function keyPolicy(input: KeyPolicyInput): string {
  const partition = input.partition ?? "aws";
  const root = `arn:${partition}:iam::${input.accountId}:root`;
  const statements: object[] = [
    { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
  ];
  if (input.services.includes("eks")) {
    const creators = [...new Set(input.clusterCreatorArns ?? [])];
    statements.push({
      Sid: "EksCreateClusterCaller",
      Effect: "Allow",
      Principal: { AWS: creators.length > 0 ? creators : root },
      Action: ["kms:CreateGrant", "kms:DescribeKey"],
      Resource: "*",
    });
  }
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
    // The role must exist when the key is created (KMS rejects a policy naming an unknown principal with
    // MalformedPolicyDocumentException): HardenedKey creates or imports it first (`autoscalingRole`).
    const asg = autoscalingServiceLinkedRoleArn(input.accountId, partition);
    statements.push(
      // EC2 creates grants when an IAM principal of the account attaches an encrypted volume; nothing else may.
      { Sid: "EbsGrantsForAccountPrincipals", Effect: "Allow", Principal: { AWS: root }, Action: "kms:CreateGrant", Resource: "*", Condition: GRANT_FOR_AWS_RESOURCE },
      { Sid: "EbsViaAutoScaling", Effect: "Allow", Principal: { AWS: asg }, Action: [...KEY_USE_ACTIONS], Resource: "*" },
      { Sid: "EbsGrantsForAwsResources", Effect: "Allow", Principal: { AWS: asg }, Action: "kms:CreateGrant", Resource: "*", Condition: GRANT_FOR_AWS_RESOURCE },
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
  // No GrantIsForAWSResource statement on an EKS key: EKS does not support that condition (N10).
  const grantsForUsers = !input.services.includes("eks");
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
    );
    if (grantsForUsers) {
      statements.push({
        Sid: "KeyUseGrants",
        Effect: "Allow",
        Principal: { AWS: users },
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: "*",
        Condition: GRANT_FOR_AWS_RESOURCE,
      });
    }
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
