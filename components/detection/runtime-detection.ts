import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError } from "./args-error";
import { GuardDutyAgent, validateGuardDutyAgentArgs } from "./guardduty-agent";

/** Args of GuardDuty EKS threat detection with findings routed to the alert topic. */
export interface RuntimeDetectionArgs {
  /** SNS topic for findings (AlertTopic.topicArn; its policy already lets EventBridge publish). */
  readonly topicArn: pulumi.Input<string>;
  /**
   * An existing detector to configure (GuardDuty allows one per account and region, e.g. one created by an
   * organisation's delegated admin, or an earlier stack): `aws guardduty list-detectors` prints its id. Omit to
   * create one; creating a second detector in the same account and region fails (N6).
   */
  readonly detectorId?: pulumi.Input<string>;
  /**
   * The cluster whose GuardDuty security agent this component installs as the managed `aws-guardduty-agent`
   * EKS add-on (manual agent management, R2): GuardDuty's automated management would create its own
   * `guardduty-data` VPC endpoint with its own security group, which a locked-down node/pod egress cannot reach.
   * The platform's Network creates that endpoint in its endpoint security group instead.
   * Omit when the cluster's pods cannot get IPs yet (e.g. VPC CNI custom networking whose ENIConfigs another
   * stack creates); create the add-on later, where they can, with {@link GuardDutyAgent}.
   */
  readonly agent?: {
    readonly clusterName: pulumi.Input<string>;
    /** Pinned add-on version, e.g. `v1.12.1-eksbuild.2` (`aws eks describe-addon-versions --addon-name aws-guardduty-agent`). */
    readonly addonVersion: string;
    /** Resources the agent waits for (node pools, the guardduty-data endpoint). */
    readonly dependsOn?: readonly pulumi.Resource[];
  };
  /** How often updated findings are exported; default `FIFTEEN_MINUTES`. */
  readonly findingPublishingFrequency?: "FIFTEEN_MINUTES" | "ONE_HOUR" | "SIX_HOURS";
  /** Lowest finding severity routed to the topic (GuardDuty: 1–3.9 low, 4–6.9 medium, 7+ high); default 4. */
  readonly minSeverity?: number;
  /** Prefix of the findings rule's explicit name (e.g. the cluster name); default the component name. */
  readonly ruleNamePrefix?: string;
  /**
   * AWS tags of the detector features, rule and agent (`hardened-cluster.io/component: detection` is added). Default
   * `{}`.
   */
  readonly tags?: Record<string, string>;
}

/**
 * The detector features turned on, as data (the tests assert them). Runtime monitoring with the agent managed
 * by us (`EKS_ADDON_MANAGEMENT` disabled): {@link RuntimeDetection} (or a later {@link GuardDutyAgent}) installs
 * the `aws-guardduty-agent` add-on.
 */
export const GUARDDUTY_EKS_FEATURES = [
  { name: "EKS_AUDIT_LOGS", status: "ENABLED" },
  { name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }] },
] as const;

/** EventBridge rule names are at most 64 characters (`[.\-_A-Za-z0-9]+`, EventBridge PutRule API reference). */
export const EVENT_RULE_NAME_MAX = 64;

/**
 * Explicit name of the findings rule (N4): `<prefix>-gd-findings`, cut to {@link EVENT_RULE_NAME_MAX}. An
 * autoname (`<name>-` plus 7 random characters) passed 64 characters for cluster names over 37 characters.
 */
export function findingsRuleName(prefix: string): string {
  const suffix = "-gd-findings";
  return `${prefix.slice(0, EVENT_RULE_NAME_MAX - suffix.length)}${suffix}`;
}

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
  if (args.agent !== undefined) validateGuardDutyAgentArgs(name, args.agent, "RuntimeDetection", "agent.");
  if (args.ruleNamePrefix !== undefined && !/^[.\-_A-Za-z0-9]+$/.test(args.ruleNamePrefix)) throw err("ruleNamePrefix", `is ${JSON.stringify(args.ruleNamePrefix)}`, "use letters, digits, '.', '-' and '_' (EventBridge rule names)");
}

/**
 * GuardDuty with EKS audit-log monitoring and runtime monitoring, the security agent installed by us as the
 * managed `aws-guardduty-agent` EKS add-on (after the runtime-monitoring feature; left out when `agent` is
 * omitted, see {@link GuardDutyAgent}), and an EventBridge rule
 * with an explicit name (at most 64 characters) sending findings to the alert topic.
 */
export class RuntimeDetection extends pulumi.ComponentResource {
  readonly detectorId: pulumi.Output<string>;
  readonly detector?: aws.guardduty.Detector;
  readonly features: readonly aws.guardduty.DetectorFeature[];
  readonly findingsRule: aws.cloudwatch.EventRule;
  /** The GuardDuty security agent add-on, when `agent` was passed. */
  readonly agentAddon?: aws.eks.Addon;
  readonly agent?: GuardDutyAgent;
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
    if (args.agent) {
      this.agent = new GuardDutyAgent(`${name}-agent`, { clusterName: args.agent.clusterName, addonVersion: args.agent.addonVersion, tags }, { parent: this, dependsOn: [...this.features, ...(args.agent.dependsOn ?? [])] });
      this.agentAddon = this.agent.addon;
    }
    this.findingsRule = new aws.cloudwatch.EventRule(`${name}-findings`, {
      name: findingsRuleName(args.ruleNamePrefix ?? name),
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
