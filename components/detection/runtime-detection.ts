import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError } from "./args-error";

/** Args of GuardDuty EKS threat detection with findings routed to the alert topic. */
export interface RuntimeDetectionArgs {
  /** SNS topic for findings (AlertTopic.topicArn; its policy already lets EventBridge publish). */
  readonly topicArn: pulumi.Input<string>;
  /**
   * An existing detector to configure (GuardDuty allows one per account and region, e.g. one created by an
   * organisation's delegated admin). Omit to create one.
   */
  readonly detectorId?: pulumi.Input<string>;
  /** How often updated findings are exported; default `FIFTEEN_MINUTES`. */
  readonly findingPublishingFrequency?: "FIFTEEN_MINUTES" | "ONE_HOUR" | "SIX_HOURS";
  /** Lowest finding severity routed to the topic (GuardDuty: 1–3.9 low, 4–6.9 medium, 7+ high); default 4. */
  readonly minSeverity?: number;
  readonly tags?: Record<string, string>;
}

/** The detector features turned on, as data (the tests assert them). */
export const GUARDDUTY_EKS_FEATURES = [
  { name: "EKS_AUDIT_LOGS", status: "ENABLED" },
  { name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] },
] as const;

/** The EventBridge pattern that selects GuardDuty findings at or above `minSeverity`. */
export function guardDutyFindingPattern(minSeverity: number): string {
  return JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail: { severity: [{ numeric: [">=", minSeverity] }] } });
}

/** Throws a named-field error for bad args. */
export function validateRuntimeDetectionArgs(name: string, args: RuntimeDetectionArgs): void {
  const err = (field: string, problem: string, fix: string) => argError("RuntimeDetection", name, field, problem, fix);
  if (args.topicArn === undefined || args.topicArn === null) throw err("topicArn", "is missing", "pass AlertTopic.topicArn");
  const freq = args.findingPublishingFrequency;
  if (freq !== undefined && !["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"].includes(freq)) throw err("findingPublishingFrequency", `is ${JSON.stringify(freq)}`, "use FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS");
  if (args.minSeverity !== undefined && !(args.minSeverity >= 1 && args.minSeverity <= 10)) throw err("minSeverity", `is ${args.minSeverity}`, "use a severity between 1 and 10 (4 = medium and above)");
  if (typeof args.detectorId === "string" && !/^[0-9a-f]{32}$/.test(args.detectorId)) throw err("detectorId", `is ${JSON.stringify(args.detectorId)}, not a detector id`, "pass the 32-hex-character id from `aws guardduty list-detectors`, or omit it");
}

/**
 * GuardDuty with EKS audit-log monitoring and runtime monitoring (GuardDuty manages the EKS agent add-on),
 * and an EventBridge rule sending findings to the alert topic.
 */
export class RuntimeDetection extends pulumi.ComponentResource {
  readonly detectorId: pulumi.Output<string>;
  readonly detector?: aws.guardduty.Detector;
  readonly features: readonly aws.guardduty.DetectorFeature[];
  readonly findingsRule: aws.cloudwatch.EventRule;
  readonly findingsTarget: aws.cloudwatch.EventTarget;

  constructor(name: string, args: RuntimeDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
    validateRuntimeDetectionArgs(name, args);
    super("hardened-cluster:detection:RuntimeDetection", name, {}, opts);
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "detection" };
    if (args.detectorId === undefined) {
      this.detector = new aws.guardduty.Detector(`${name}-detector`, {
        enable: true,
        findingPublishingFrequency: args.findingPublishingFrequency ?? "FIFTEEN_MINUTES",
        tags,
      }, { parent: this });
      this.detectorId = this.detector.id;
    } else {
      this.detectorId = pulumi.output(args.detectorId);
    }
    this.features = GUARDDUTY_EKS_FEATURES.map((f) => new aws.guardduty.DetectorFeature(`${name}-${f.name.toLowerCase().replace(/_/g, "-")}`, {
      detectorId: this.detectorId,
      name: f.name,
      status: f.status,
      additionalConfigurations: "additionalConfigurations" in f ? f.additionalConfigurations.map((c) => ({ ...c })) : undefined,
    }, { parent: this }));
    this.findingsRule = new aws.cloudwatch.EventRule(`${name}-findings`, {
      description: "GuardDuty findings (EKS audit and runtime) to the security alert topic",
      eventPattern: guardDutyFindingPattern(args.minSeverity ?? 4),
      tags,
    }, { parent: this });
    this.findingsTarget = new aws.cloudwatch.EventTarget(`${name}-findings`, {
      rule: this.findingsRule.name,
      arn: args.topicArn,
    }, { parent: this });
    this.registerOutputs({ detectorId: this.detectorId, findingsRuleArn: this.findingsRule.arn });
  }
}
