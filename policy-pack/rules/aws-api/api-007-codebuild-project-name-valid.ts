import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:codebuild/project:Project"]);

/** API-007: CodeBuild names within the API's length and character set. */
export const api007 = resourceRule({
  id: "API-007",
  name: "codebuild-project-name-valid",
  description: "CodeBuild project names are 2-150 characters: a letter or digit, then letters, digits, - and _. An absent name is judged as Pulumi's auto-name (resource name + 8 characters), a namePrefix as prefix + 26.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set name to a letter or digit followed by letters, digits, - and _ (2-150 characters).",
  resourceTypes: ["aws:codebuild/project:Project"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
