import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PACK_CONFIG } from "../../policy-pack/core/config";
import { AUTOSCALING_ROLE_MODES, AUTOSCALING_SERVICE_LINKED_ROLE, autoscalingServiceLinkedRoleArn, keyPolicy, type AutoscalingRoleMode, type KeyService } from "./policy";
import { ACCOUNT_ID } from "../detection/args-error";

export {
  keyPolicy,
  autoscalingServiceLinkedRoleArn,
  AUTOSCALING_SERVICE_LINKED_ROLE,
  AUTOSCALING_ROLE_MODES,
  type AutoscalingRoleMode,
  KEY_ADMIN_ACTIONS,
  KEY_USE_ACTIONS,
  type KeyService,
  type KeyPolicyInput,
} from "./policy";


/** Arguments of {@link HardenedKey}. */
export interface HardenedKeyArgs {
  /** What the key protects (shown in the console). */
  readonly description: string;
  /** 12-digit AWS account id (from config; no caller-identity look-up). */
  readonly accountId: string;
  /** AWS region of the key, e.g. `eu-west-1`. */
  readonly region: string;
  /** Services that encrypt with the key (adds their scoped statements). */
  readonly services: readonly KeyService[];
  /**
   * IAM role ARNs allowed to use the key; literals (deterministic role names) keep the policy reviewable. Default
   * none (then `services` must name a user).
   */
  readonly usePrincipalArns?: readonly string[];
  /** `eks` keys: the roles that call `eks:CreateCluster` (see `KeyPolicyInput.clusterCreatorArns`). Default: account root. */
  readonly clusterCreatorArns?: readonly string[];
  /** `ebs` keys: create, import or assume the Auto Scaling service-linked role. Default `create`. */
  readonly autoscalingRole?: AutoscalingRoleMode;
  /** Days before a scheduled deletion completes; at least 30 (KMS-002). Default 30. */
  readonly deletionWindowInDays?: number;
  /** Production: `protect` and `retainOnDelete` on the key. Default false. */
  readonly protect?: boolean;
  /** AWS tags of the key (`Name` is set to the resource name). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * A customer-managed symmetric KMS key with yearly rotation, a 30-day deletion window, no lockout
 * bypass and a least-privilege key policy (KMS-001…003), plus an `alias/<name>` alias.
 */
export class HardenedKey extends pulumi.ComponentResource {
  /** The key. */
  readonly key: aws.kms.Key;
  /** The Auto Scaling service-linked role (`ebs` keys in `create`/`import` mode); the key depends on it. */
  readonly autoscalingRole?: aws.iam.ServiceLinkedRole;
  /** ARN of the key, for `encryptionConfig`, `kmsKeyId` and friends. */
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: HardenedKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    validateKeyArgs(args);
    super("hardened-cluster:kms:HardenedKey", name, {}, opts);
    const protect = args.protect === true;
    const slrMode = args.autoscalingRole ?? "create";
    if (args.services.includes("ebs") && slrMode !== "existing") {
      this.autoscalingRole = new aws.iam.ServiceLinkedRole(
        `${name}-autoscaling-slr`,
        { awsServiceName: "autoscaling.amazonaws.com" },
        { parent: this, retainOnDelete: true, ...(slrMode === "import" ? { import: autoscalingServiceLinkedRoleArn(args.accountId) } : {}) },
      );
    }
    this.key = new aws.kms.Key(
      name,
      {
        description: args.description,
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        policy: keyPolicy(args),
        tags: { ...args.tags, Name: name },
      },
      { parent: this, protect, retainOnDelete: protect, dependsOn: this.autoscalingRole ? [this.autoscalingRole] : [] },
    );
    new aws.kms.Alias(name, { name: `alias/${name}`, targetKeyId: this.key.keyId }, { parent: this });
    this.arn = this.key.arn;
    this.registerOutputs({ arn: this.arn });
  }
}

function validateKeyArgs(args: HardenedKeyArgs): void {
  if (!ACCOUNT_ID.test(args.accountId)) throw new Error(`HardenedKey: accountId "${args.accountId}" must be a 12-digit AWS account id`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) throw new Error(`HardenedKey: region "${args.region}" is not an AWS region name (e.g. eu-west-1)`);
  if (args.services.length === 0 && (args.usePrincipalArns ?? []).length === 0) {
    throw new Error("HardenedKey: services and usePrincipalArns are both empty; name at least one user of the key");
  }
  if (args.autoscalingRole !== undefined && !(AUTOSCALING_ROLE_MODES as readonly string[]).includes(args.autoscalingRole)) {
    throw new Error(`HardenedKey: autoscalingRole "${args.autoscalingRole}" must be one of ${AUTOSCALING_ROLE_MODES.join(", ")} (import or existing when the account already has ${AUTOSCALING_SERVICE_LINKED_ROLE})`);
  }
  for (const arn of args.clusterCreatorArns ?? []) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) throw new Error(`HardenedKey: clusterCreatorArns entry "${arn}" must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
  }
  const window = args.deletionWindowInDays ?? 30;
  if (!Number.isInteger(window) || window < DEFAULT_PACK_CONFIG.minDeletionWindowDays || window > 30) {
    throw new Error(`HardenedKey: deletionWindowInDays ${window} must be an integer between ${DEFAULT_PACK_CONFIG.minDeletionWindowDays} and 30`);
  }
}
