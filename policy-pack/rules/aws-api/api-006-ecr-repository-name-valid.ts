import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:ecr/repository:Repository"]);

/** API-006: ECR names within the API's length and character set. */
export const api006 = resourceRule({
  id: "API-006",
  name: "ecr-repository-name-valid",
  description: "ECR repository names are 2-256 characters: lowercase segments of [a-z0-9] joined by single . _ or -, separated by /. An absent name is judged as Pulumi's auto-name (resource name + 8 characters), a namePrefix as prefix + 26.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "ecr", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set name to lowercase segments such as team/app-name (2-256 characters, no leading, trailing or doubled separators).",
  resourceTypes: ["aws:ecr/repository:Repository"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
