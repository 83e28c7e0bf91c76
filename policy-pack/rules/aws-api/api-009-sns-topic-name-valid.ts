import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:sns/topic:Topic"]);

/** API-009: SNS names within the API's length and character set. */
export const api009 = resourceRule({
  id: "API-009",
  name: "sns-topic-name-valid",
  description: "SNS topic names are 1-256 characters of letters, digits, - and _ (FIFO topics end in .fifo). An absent name is judged as Pulumi's auto-name (resource name + 8 characters), a namePrefix as prefix + 26.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "detection", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set name to at most 256 letters, digits, - and _ (append .fifo only for FIFO topics).",
  resourceTypes: ["aws:sns/topic:Topic"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
