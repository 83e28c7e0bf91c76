import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:kms/alias:Alias"]);

/** API-005: KMS names within the API's length and character set. */
export const api005 = resourceRule({
  id: "API-005",
  name: "kms-alias-name-valid",
  description: "KMS alias names begin with alias/, are 1-256 characters of letters, digits and :/_-, and never begin with alias/aws/.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "kms", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set name to alias/<name> with letters, digits and :/_- only (at most 256 characters, not under alias/aws/).",
  resourceTypes: ["aws:kms/alias:Alias"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
