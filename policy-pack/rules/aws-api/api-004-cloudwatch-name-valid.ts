import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:cloudwatch/metricAlarm:MetricAlarm"]);

/** API-004: CloudWatch names within the API's length and character set. */
export const api004 = resourceRule({
  id: "API-004",
  name: "cloudwatch-name-valid",
  description: "CloudWatch log group names are 1-512 characters of letters, digits and ._-/# (not starting with aws/); metric filter names have no : or *; alarm names are 1-255 printable characters. An absent name is judged as Pulumi's auto-name (resource name + 8 characters), a namePrefix as prefix + 26.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "logs", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set the log group name to letters, digits and ._-/# (at most 512), metric filter names without : or *, alarm names of at most 255 printable characters.",
  resourceTypes: ["aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:cloudwatch/metricAlarm:MetricAlarm"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
