import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PACK_CONFIG } from "../../policy-pack/core/config";

/** Retention values CloudWatch Logs accepts (0 = never expire is refused here, LOG-002). */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Arguments of {@link EncryptedLogGroup}. */
export interface EncryptedLogGroupArgs {
  /** Log group name, e.g. `/aws/eks/<cluster>/cluster`. */
  readonly name: string;
  /** Customer KMS key ARN; the key policy must allow `logs.<region>.amazonaws.com` (LOG-001). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention in days, a CloudWatch-accepted value of at least 365 (LOG-002). Default 365. */
  readonly retentionInDays?: number;
  /** Production: `protect` the group. Default false. */
  readonly protect?: boolean;
  /** AWS tags of the log group. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** A CloudWatch log group encrypted with a customer key and with bounded retention (LOG-001, LOG-002). */
export class EncryptedLogGroup extends pulumi.ComponentResource {
  /** The log group; resources that must be created after it `dependsOn` this (LOG-003). */
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: EncryptedLogGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const retention = args.retentionInDays ?? DEFAULT_PACK_CONFIG.minRetentionDays;
    if (!args.name) throw new Error("EncryptedLogGroup: name is required");
    if (!args.kmsKeyArn) throw new Error(`EncryptedLogGroup ${args.name}: kmsKeyArn is required (LOG-001); pass a HardenedKey's arn`);
    if (!(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(retention) || retention < DEFAULT_PACK_CONFIG.minRetentionDays) {
      throw new Error(
        `EncryptedLogGroup ${args.name}: retentionInDays ${retention} must be one of ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= DEFAULT_PACK_CONFIG.minRetentionDays).join(", ")}`,
      );
    }
    super("hardened-cluster:logs:EncryptedLogGroup", name, {}, opts);
    this.logGroup = new aws.cloudwatch.LogGroup(
      name,
      { name: args.name, kmsKeyId: args.kmsKeyArn, retentionInDays: retention, tags: { ...args.tags } },
      { parent: this, protect: args.protect === true },
    );
    this.name = this.logGroup.name;
    this.arn = this.logGroup.arn;
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
