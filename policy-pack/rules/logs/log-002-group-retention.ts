import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { LOG_TYPES } from "./types";

/** LOG-002: explicit retention of at least config minRetentionDays. */
export const log002 = nativeResourceRule({
  id: "LOG-002",
  name: "log-group-retention",
  description: "CloudWatch log groups must set retentionInDays ≥ config minRetentionDays (0 = never expire only with allowNeverExpire).",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["logs", "aws"],
  seed: ["S1 §5.10", "S3"],
  upstream: "@pulumi/aws cloudwatch.LogGroup retentionInDays (1…3653, 0)",
  remediation: "Set retentionInDays: 365.",
  resourceTypes: [LOG_TYPES.logGroup],
  check(resource, report, config) {
    const days = fieldReader(resource.props, report)("retentionInDays");
    if (days === UNKNOWN) return;
    const fix = { remediation: `Set retentionInDays: ${Math.max(365, config.minRetentionDays)}.` };
    if (days === undefined || days === null) return report({ message: "retentionInDays is absent: logs are kept forever implicitly", ...fix });
    if (typeof days !== "number") return report({ message: `retentionInDays = ${JSON.stringify(days)} is not a number`, ...fix });
    if (days === 0) {
      if (!config.allowNeverExpire) report({ message: "retentionInDays = 0 (never expire) while config allowNeverExpire is false", ...fix });
      return;
    }
    if (days < config.minRetentionDays) report({ message: `retentionInDays = ${days} is below config minRetentionDays ${config.minRetentionDays}`, ...fix });
  },
});
