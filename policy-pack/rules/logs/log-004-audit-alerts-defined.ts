import { quietGet, UNKNOWN } from "../../core/fields";
import type { StackResource } from "../../core/rule";
import { nativeStackRule } from "../../core/native";
import { cannotVerify } from "../../core/unknowns";
import { EKS_LOG_GROUP, LOG_TYPES } from "./types";

/** One audit signal that needs a metric filter plus an alarm. */
interface Signal {
  readonly id: string;
  readonly what: string;
  /** Every alternative must appear in the union of the alarmed filters' patterns. */
  readonly needs: readonly string[];
}

/** The three alert signals (S3: CommandExecutionInContainer, SecretChangeDetected; S1 §5.10 authz failures). */
export const AUDIT_SIGNALS: readonly Signal[] = [
  { id: "exec", what: "exec/attach/portforward (objectRef.subresource)", needs: ["objectRef.subresource", "exec", "attach", "portforward"] },
  { id: "secrets", what: "Secret changes (objectRef.resource = secrets, verb create/update/patch/delete)", needs: ["objectRef.resource", "secrets", "verb"] },
  { id: "authz", what: "authorization failures (responseStatus.code 401/403)", needs: ["responseStatus.code", "401", "403"] },
];

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Filters on `group` that have an alarm on their metric. */
function alarmedPatterns(group: StackResource, resources: readonly StackResource[]): string[] {
  const groupName = quietGet(group.props, "name");
  const alarms = resources.filter((r) => r.type === LOG_TYPES.alarm);
  const out: string[] = [];
  for (const f of resources) {
    if (f.type !== LOG_TYPES.metricFilter) continue;
    const onGroup = (f.propertyDependencies.logGroupName ?? []).includes(group.urn) || (groupName !== UNKNOWN && quietGet(f.props, "logGroupName") === groupName);
    if (!onGroup) continue;
    const metric = str(quietGet(f.props, "metricTransformation.name"));
    const ns = str(quietGet(f.props, "metricTransformation.namespace"));
    const alarmed = alarms.some(
      (a) =>
        Object.values(a.propertyDependencies).some((deps) => deps.includes(f.urn)) ||
        (metric !== undefined && quietGet(a.props, "metricName") === metric && quietGet(a.props, "namespace") === ns),
    );
    const pattern = str(quietGet(f.props, "pattern"));
    if (alarmed && pattern) out.push(pattern);
  }
  return out;
}

/** LOG-004: metric filters with alarms for exec, Secret changes and authorization failures on the EKS log group. */
export const log004 = nativeStackRule({
  id: "LOG-004",
  name: "audit-alerts-defined",
  description: "The EKS log group needs metric filters with alarms for exec/attach/portforward, Secret changes and 401/403 responses.",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["logs", "aws"],
  seed: ["S3", "S1 §5.10"],
  upstream: "@pulumi/aws cloudwatch.LogMetricFilter, cloudwatch.MetricAlarm",
  remediation: "Create a LogMetricFilter (logGroupName = the EKS log group, pattern over the audit JSON) and a MetricAlarm on its metricTransformation.name/namespace for each signal (use the component's alert set).",
  resourceTypes: [LOG_TYPES.logGroup, LOG_TYPES.metricFilter, LOG_TYPES.alarm],
  check(resources, report) {
    for (const group of resources) {
      if (group.type !== LOG_TYPES.logGroup) continue;
      const name = quietGet(group.props, "name");
      if (name === UNKNOWN) {
        // It may be an EKS control-plane group: never a silent pass.
        report({ urn: group.urn, ...cannotVerify(`name of log group ${group.name} (an EKS control-plane log group needs audit alarms)`) });
        continue;
      }
      if (typeof name !== "string" || !EKS_LOG_GROUP.test(name)) continue;
      const patterns = alarmedPatterns(group, resources).join("\n");
      for (const signal of AUDIT_SIGNALS) {
        const missing = signal.needs.filter((n) => !patterns.includes(n));
        if (missing.length === 0) continue;
        report({
          urn: group.urn,
          message: `log group ${name} has no alarmed metric filter for ${signal.what} (pattern lacks ${missing.join(", ")})`,
        });
      }
    }
  },
});
