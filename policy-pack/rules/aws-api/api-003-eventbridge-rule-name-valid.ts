import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:cloudwatch/eventRule:EventRule"]);

/** API-003: EventBridge names within the API's length and character set. */
export const api003 = resourceRule({
  id: "API-003",
  name: "eventbridge-rule-name-valid",
  description: "EventBridge rule names are 1-64 characters of letters, digits and ._- (an auto-name counts Pulumi's 8 appended characters).",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "detection", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set name to at most 64 characters of letters, digits and ._- (or shorten the resource name so the auto-name fits).",
  resourceTypes: ["aws:cloudwatch/eventRule:EventRule"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
