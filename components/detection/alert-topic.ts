import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_ID, KMS_ARN, REGION, argError, isLiteral } from "./args-error";

/** Args of the KMS-encrypted SNS topic that receives every security alarm and finding. */
export interface AlertTopicArgs {
  /** Account that owns the topic (key policy and topic policy conditions). */
  readonly accountId: string;
  /** AWS region name, e.g. `eu-west-1` (literal, validated; the topic lives in the provider's region: keep them equal). */
  readonly region: string;
  /**
   * Customer-managed key for the topic. Its policy must let `cloudwatch.amazonaws.com` and
   * `events.amazonaws.com` call `kms:GenerateDataKey*`/`kms:Decrypt`. Omit it to create a dedicated key
   * (rotation on, 30-day deletion window, those grants). AWS-managed `alias/aws/sns` cannot be used:
   * CloudWatch and EventBridge cannot publish to topics encrypted with it.
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** E-mail subscribers (each must confirm the subscription). Default none. */
  readonly emailEndpoints?: readonly string[];
  /** HTTPS webhook subscribers (e.g. an incident tool). Default none. */
  readonly httpsEndpoints?: readonly string[];
  /** Topic name; default `<component name>`. */
  readonly topicName?: string;
  /** AWS tags of the topic and of the key it creates (`hardened-cluster.io/component: detection` added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Throws a named-field error for bad args. */
export function validateAlertTopicArgs(name: string, args: AlertTopicArgs): void {
  const err = (field: string, problem: string, fix: string) => argError("AlertTopic", name, field, problem, fix);
  if (!ACCOUNT_ID.test(String(args.accountId ?? ""))) throw err("accountId", `is ${JSON.stringify(args.accountId)}, not a 12-digit account id`, "pass the account id from stack config");
  if (!REGION.test(String(args.region ?? ""))) throw err("region", `is ${JSON.stringify(args.region)}, not a region name`, "pass e.g. \"eu-west-1\"");
  if (isLiteral(args.kmsKeyArn)) {
    if (args.kmsKeyArn.includes("alias/aws/")) throw err("kmsKeyArn", "is an AWS-managed key alias", "omit kmsKeyArn (a customer key is created) or pass a customer-managed key ARN");
    if (!KMS_ARN.test(args.kmsKeyArn)) throw err("kmsKeyArn", `is ${JSON.stringify(args.kmsKeyArn)}, not a KMS key ARN`, "pass arn:aws:kms:<region>:<account>:key/<id>");
  }
  (args.emailEndpoints ?? []).forEach((e, i) => {
    if (!EMAIL.test(e)) throw err(`emailEndpoints[${i}]`, `is ${JSON.stringify(e)}, not an e-mail address`, "list addresses like secops@example.com");
  });
  (args.httpsEndpoints ?? []).forEach((u, i) => {
    if (!/^https:\/\/[^\s/]+/.test(u)) throw err(`httpsEndpoints[${i}]`, `is ${JSON.stringify(u)}, not an https:// URL`, "use an https:// endpoint (plain http would leak alerts)");
  });
}

/** The key policy of the topic key: account root administers, CloudWatch alarms and EventBridge encrypt. */
export function topicKeyPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountRootAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "AlarmAndEventPublishersEncrypt",
        Effect: "Allow",
        Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  });
}

/** The topic policy: the owner account manages it; CloudWatch alarms and EventBridge publish; TLS only. */
export function alertTopicPolicy(topicArn: string, accountId: string): string {
  const sameAccount = { StringEquals: { "aws:SourceAccount": accountId } };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwnerManages",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
        Resource: topicArn,
      },
      { Sid: "CloudWatchAlarmsPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: topicArn, Condition: sameAccount },
      { Sid: "EventBridgePublish", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: topicArn, Condition: sameAccount },
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: topicArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ],
  });
}

/**
 * The security alert topic: SNS encrypted with a customer KMS key, a topic policy that lets CloudWatch
 * alarms and EventBridge (GuardDuty findings) publish, and the configured subscriptions. The single
 * TopicPolicy lives here because a topic has one policy document (two would overwrite each other).
 */
export class AlertTopic extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly topicArn: pulumi.Output<string>;
  /** The key created for the topic, when `kmsKeyArn` was not given. */
  readonly key?: aws.kms.Key;
  readonly policy: aws.sns.TopicPolicy;
  readonly subscriptions: aws.sns.TopicSubscription[];

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAlertTopicArgs(name, args);
    super("hardened-cluster:detection:AlertTopic", name, {}, opts);
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "detection" };
    let keyArn: pulumi.Input<string>;
    if (args.kmsKeyArn !== undefined) {
      keyArn = args.kmsKeyArn;
    } else {
      this.key = new aws.kms.Key(`${name}-key`, {
        description: `Encrypts the ${name} security alert topic`,
        enableKeyRotation: true,
        policy: topicKeyPolicy(args.accountId),
        tags,
      }, { parent: this });
      keyArn = this.key.arn;
    }
    this.topic = new aws.sns.Topic(name, { name: args.topicName ?? name, kmsMasterKeyId: keyArn, tags }, { parent: this });
    this.topicArn = this.topic.arn;
    this.policy = new aws.sns.TopicPolicy(`${name}-policy`, {
      arn: this.topic.arn,
      policy: this.topic.arn.apply((arn) => alertTopicPolicy(arn, args.accountId)),
    }, { parent: this });
    this.subscriptions = [
      ...(args.emailEndpoints ?? []).map((endpoint, i) => new aws.sns.TopicSubscription(`${name}-email-${i}`, { topic: this.topic.arn, protocol: "email", endpoint }, { parent: this })),
      ...(args.httpsEndpoints ?? []).map((endpoint, i) => new aws.sns.TopicSubscription(`${name}-https-${i}`, { topic: this.topic.arn, protocol: "https", endpoint }, { parent: this })),
    ];
    this.registerOutputs({ topicArn: this.topicArn, keyArn });
  }
}
