import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError, isLiteral } from "./args-error";

/** Args of the resource-exhaustion (DoS) alarms of one cluster. */
export interface ResourceExhaustionAlarmsArgs {
  /** EKS cluster name (literal: it is the alarms' `ClusterName` dimension). */
  readonly clusterName: string;
  /** `amazon-cloudwatch-observability` add-on version, e.g. `v4.1.0-eksbuild.1` (pinned, never latest). */
  readonly addonVersion: string;
  /** IRSA role for the CloudWatch agent (needs CloudWatchAgentServerPolicy); omit when the node role has it. */
  readonly serviceAccountRoleArn?: pulumi.Input<string>;
  /**
   * Ship container stdout/stderr with Fluent Bit. Default false: the agent would create
   * `/aws/containerinsights/<cluster>/application` itself, unencrypted and without retention (LOG-001/002).
   */
  readonly containerLogs?: boolean;
  /** SNS topic for the alarms (AlertTopic.topicArn). */
  readonly topicArn: pulumi.Input<string>;
  /** Node CPU utilisation (%) that alarms; default 80. */
  readonly cpuThresholdPercent?: number;
  /** Node memory utilisation (%) treated as memory pressure; default 90. */
  readonly memoryThresholdPercent?: number;
  /** Consecutive one-minute datapoints above the threshold before alarming; default 5 (5 minutes). */
  readonly minutes?: number;
  /** AWS tags of the alarms (`hardened-cluster.io/component: detection` is added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** One node-level alarm definition (data; the tests assert it). */
export interface NodeAlarmSpec {
  readonly name: string;
  readonly metricName: "node_cpu_utilization" | "node_memory_utilization";
  readonly threshold: number;
  readonly description: string;
}

/** CloudWatch namespace Container Insights publishes to. */
export const CONTAINER_INSIGHTS_NAMESPACE = "ContainerInsights";
/** The managed add-on that installs the CloudWatch agent with Container Insights. */
export const OBSERVABILITY_ADDON = "amazon-cloudwatch-observability";

/**
 * Alarm specs for the node metrics. Container Insights publishes `node_*` metrics with the dimension sets
 * {ClusterName} and {ClusterName, InstanceId, NodeName}; there is no node-group dimension, so a per-pool
 * alarm cannot be expressed. We alarm on {ClusterName} with the `Maximum` statistic: each node sends its
 * own datapoint under that dimension set, so the alarm fires when the hottest node of any pool crosses
 * the threshold (the pool is read from the node's `eks.amazonaws.com/nodegroup` label when triaging).
 */
export function nodeAlarmSpecs(cpuThreshold = 80, memoryThreshold = 90): NodeAlarmSpec[] {
  return [
    { name: "node-cpu-high", metricName: "node_cpu_utilization", threshold: cpuThreshold, description: `A node's CPU utilisation stayed above ${cpuThreshold}% (possible resource exhaustion / DoS; check quotas and limits).` },
    { name: "node-memory-pressure", metricName: "node_memory_utilization", threshold: memoryThreshold, description: `A node's memory utilisation stayed above ${memoryThreshold}% (memory pressure: evictions and OOM kills follow).` },
  ];
}

/** Throws a named-field error for bad args. */
export function validateResourceAlarmsArgs(name: string, args: ResourceExhaustionAlarmsArgs): void {
  const err = (field: string, problem: string, fix: string) => argError("ResourceExhaustionAlarms", name, field, problem, fix);
  if (!isLiteral(args.clusterName) || !/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(args.clusterName)) throw err("clusterName", `is ${JSON.stringify(args.clusterName)}`, "pass the literal EKS cluster name");
  if (!isLiteral(args.addonVersion) || !/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(args.addonVersion)) {
    throw err("addonVersion", `is ${JSON.stringify(args.addonVersion)}, not a pinned add-on version`, "pin a version listed by `aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability`, e.g. v4.1.0-eksbuild.1");
  }
  if (args.topicArn === undefined || args.topicArn === null) throw err("topicArn", "is missing", "pass AlertTopic.topicArn");
  for (const field of ["cpuThresholdPercent", "memoryThresholdPercent"] as const) {
    const v = args[field];
    if (v !== undefined && !(v > 0 && v < 100)) throw err(field, `is ${v}`, "use a percentage between 1 and 99");
  }
  if (args.minutes !== undefined && !(Number.isInteger(args.minutes) && args.minutes >= 1 && args.minutes <= 60)) throw err("minutes", `is ${args.minutes}`, "use an integer between 1 and 60");
}

/**
 * Container Insights as a managed add-on plus node CPU and memory-pressure alarms (S3 DoS guidance).
 */
export class ResourceExhaustionAlarms extends pulumi.ComponentResource {
  readonly addon: aws.eks.Addon;
  readonly alarms: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;
  /** Log group the agent writes performance events to; pre-create it encrypted with retention (logs component). */
  readonly performanceLogGroupName: string;

  constructor(name: string, args: ResourceExhaustionAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    validateResourceAlarmsArgs(name, args);
    super("hardened-cluster:detection:ResourceExhaustionAlarms", name, {}, opts);
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "detection" };
    this.performanceLogGroupName = `/aws/containerinsights/${args.clusterName}/performance`;
    this.addon = new aws.eks.Addon(`${name}-observability`, {
      clusterName: args.clusterName,
      addonName: OBSERVABILITY_ADDON,
      addonVersion: args.addonVersion,
      serviceAccountRoleArn: args.serviceAccountRoleArn,
      configurationValues: JSON.stringify({ containerLogs: { enabled: args.containerLogs ?? false } }),
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "PRESERVE",
      tags,
    }, { parent: this });
    const minutes = args.minutes ?? 5;
    const alarms: Record<string, aws.cloudwatch.MetricAlarm> = {};
    for (const spec of nodeAlarmSpecs(args.cpuThresholdPercent, args.memoryThresholdPercent)) {
      alarms[spec.name] = new aws.cloudwatch.MetricAlarm(`${name}-${spec.name}`, {
        name: `${args.clusterName}-${spec.name}`,
        alarmDescription: spec.description,
        namespace: CONTAINER_INSIGHTS_NAMESPACE,
        metricName: spec.metricName,
        dimensions: { ClusterName: args.clusterName },
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: spec.threshold,
        period: 60,
        evaluationPeriods: minutes,
        datapointsToAlarm: minutes,
        treatMissingData: "missing",
        alarmActions: [args.topicArn],
        tags,
      }, { parent: this, dependsOn: [this.addon] });
    }
    this.alarms = alarms;
    this.registerOutputs({ addonArn: this.addon.arn, performanceLogGroupName: this.performanceLogGroupName });
  }
}
