import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError, isLiteral } from "./args-error";
import { auditSignals, type AuditSignal } from "./audit-signals";
import { MAX_FILTER_PATTERN_LENGTH, parseFilterPattern } from "./filter-pattern";

/** Per-signal tuning: threshold and window. */
export type AuditSignalOverride = Partial<Pick<AuditSignal, "threshold" | "period" | "evaluationPeriods">>;

/** Args of the audit-log alarms on one EKS cluster. */
export interface AuditAlarmsArgs {
  /** EKS cluster name (literal: it names the metrics and alarms). */
  readonly clusterName: string;
  /**
   * The cluster's control-plane log group; pass the LogGroup's `name` output so the filters wait for it.
   * Default `/aws/eks/<clusterName>/cluster`. A literal must be exactly that name.
   */
  readonly logGroupName?: pulumi.Input<string>;
  /** SNS topic that receives the alarms (AlertTopic.topicArn). */
  readonly topicArn: pulumi.Input<string>;
  /** CloudWatch metric namespace; default `HardenedCluster/EKSAudit/<clusterName>`. */
  readonly metricNamespace?: string;
  /** Roles whose bindings alarm; default `DEFAULT_PRIVILEGED_ROLES`. */
  readonly privilegedRoles?: readonly string[];
  /** Namespaces whose NetworkPolicy changes do not alarm; default `DEFAULT_PLATFORM_NAMESPACES`. */
  readonly platformNamespaces?: readonly string[];
  /**
   * Tune thresholds/periods by signal name (`secret-change`, `auth-failures`, ...). Default none (the built-in
   * thresholds).
   */
  readonly overrides?: Readonly<Record<string, AuditSignalOverride>>;
  /** AWS tags of the metric filters and alarms (`hardened-cluster.io/component: detection` is added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;

/** The effective signal set for `args`; throws a named-field error for any bad arg. */
export function resolveAuditSignals(name: string, args: AuditAlarmsArgs): AuditSignal[] {
  const err = (field: string, problem: string, fix: string) => argError("AuditAlarms", name, field, problem, fix);
  if (!isLiteral(args.clusterName) || !CLUSTER_NAME.test(args.clusterName)) {
    throw err("clusterName", `is ${JSON.stringify(args.clusterName)}, not an EKS cluster name`, "pass the literal cluster name (letters, digits, - and _; max 100)");
  }
  const expectedGroup = `/aws/eks/${args.clusterName}/cluster`;
  if (isLiteral(args.logGroupName) && args.logGroupName !== expectedGroup) {
    throw err("logGroupName", `is ${JSON.stringify(args.logGroupName)}; EKS writes audit logs only to ${expectedGroup}`, `pass ${JSON.stringify(expectedGroup)} (or the LogGroup's name output)`);
  }
  if (args.topicArn === undefined || args.topicArn === null || (isLiteral(args.topicArn) && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+$/.test(args.topicArn))) {
    throw err("topicArn", `is ${JSON.stringify(args.topicArn)}, not an SNS topic ARN`, "pass AlertTopic.topicArn");
  }
  (args.privilegedRoles ?? []).forEach((r, i) => {
    if (!/^[^"\\\s]+$/.test(r)) throw err(`privilegedRoles[${i}]`, `is ${JSON.stringify(r)}`, "list role names without quotes or spaces");
  });
  if (args.privilegedRoles && args.privilegedRoles.length === 0) throw err("privilegedRoles", "is empty, so no binding would alarm", "omit it for the defaults or list at least cluster-admin");
  (args.platformNamespaces ?? []).forEach((n, i) => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n)) throw err(`platformNamespaces[${i}]`, `is ${JSON.stringify(n)}, not a namespace name`, "use DNS-1123 labels");
  });
  const base = auditSignals({ privilegedRoles: args.privilegedRoles, platformNamespaces: args.platformNamespaces });
  const known = new Set(base.map((s) => s.name));
  for (const [signal, o] of Object.entries(args.overrides ?? {})) {
    const at = `overrides.${signal}`;
    if (!known.has(signal)) throw err(at, "names no audit signal", `use one of ${[...known].join(", ")}`);
    if (o.threshold !== undefined && !(Number.isInteger(o.threshold) && o.threshold >= 1)) throw err(`${at}.threshold`, `is ${o.threshold}`, "use an integer >= 1");
    if (o.period !== undefined && !(o.period === 10 || o.period === 30 || (Number.isInteger(o.period) && o.period >= 60 && o.period % 60 === 0))) {
      throw err(`${at}.period`, `is ${o.period}; CloudWatch accepts 10, 30 or a multiple of 60 seconds`, "use e.g. 300");
    }
    if (o.evaluationPeriods !== undefined && !(Number.isInteger(o.evaluationPeriods) && o.evaluationPeriods >= 1)) throw err(`${at}.evaluationPeriods`, `is ${o.evaluationPeriods}`, "use an integer >= 1");
  }
  const signals = base.map((s) => ({ ...s, ...(args.overrides?.[s.name] ?? {}) }));
  for (const s of signals) {
    parseFilterPattern(s.pattern);
    if (s.pattern.length > MAX_FILTER_PATTERN_LENGTH) {
      const field = s.name === "privileged-binding" ? "privilegedRoles" : s.name === "tenant-networkpolicy-change" ? "platformNamespaces" : "overrides";
      throw err(field, `makes the ${s.name} filter pattern ${s.pattern.length} characters (CloudWatch max ${MAX_FILTER_PATTERN_LENGTH})`, "shorten the list");
    }
  }
  return signals;
}

/**
 * CloudWatch Logs metric filters on the EKS audit log plus one alarm per signal (see audit-signals.ts),
 * all notifying the alert topic. Satisfies LOG-004 by construction.
 */
export class AuditAlarms extends pulumi.ComponentResource {
  /** The signals as deployed (after overrides). */
  readonly signals: readonly AuditSignal[];
  readonly metricFilters: Readonly<Record<string, aws.cloudwatch.LogMetricFilter>>;
  readonly alarms: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;

  constructor(name: string, args: AuditAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    const signals = resolveAuditSignals(name, args);
    super("hardened-cluster:detection:AuditAlarms", name, {}, opts);
    this.signals = signals;
    const namespace = args.metricNamespace ?? `HardenedCluster/EKSAudit/${args.clusterName}`;
    const logGroupName = args.logGroupName ?? `/aws/eks/${args.clusterName}/cluster`;
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "detection" };
    const filters: Record<string, aws.cloudwatch.LogMetricFilter> = {};
    const alarms: Record<string, aws.cloudwatch.MetricAlarm> = {};
    for (const s of signals) {
      filters[s.name] = new aws.cloudwatch.LogMetricFilter(`${name}-${s.name}`, {
        name: `${args.clusterName}-${s.name}`,
        logGroupName,
        pattern: s.pattern,
        metricTransformation: { name: s.metricName, namespace, value: "1", defaultValue: "0", unit: "Count" },
      }, { parent: this });
      alarms[s.name] = new aws.cloudwatch.MetricAlarm(`${name}-${s.name}`, {
        name: `${args.clusterName}-${s.name}`,
        alarmDescription: s.description,
        namespace,
        metricName: s.metricName,
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: s.threshold,
        period: s.period,
        evaluationPeriods: s.evaluationPeriods,
        treatMissingData: "notBreaching",
        alarmActions: [args.topicArn],
        tags,
      }, { parent: this, dependsOn: [filters[s.name]] });
    }
    this.metricFilters = filters;
    this.alarms = alarms;
    this.registerOutputs({ alarmArns: Object.fromEntries(Object.entries(alarms).map(([k, a]) => [k, a.arn])) });
  }
}
