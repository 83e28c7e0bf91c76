import { NAME_SPECS } from "../../core/aws-text";
import { fieldReader } from "../../core/fields";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/instanceProfile:InstanceProfile"]);

/** API-002: IAM names within the API's length and character set. */
export const api002 = resourceRule({
  id: "API-002",
  name: "iam-name-valid",
  description: "IAM role names (1-64), policy, inline policy and instance profile names (1-128) use only letters, digits and _+=,.@-; role paths are / or /…/ of printable ASCII. An absent name is judged as Pulumi's auto-name (resource name + 8 characters), a namePrefix as prefix + 26.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Use names of letters, digits and _+=,.@- within the limit (role 64, policy/instance profile 128), counting the characters Pulumi appends to auto-names.",
  resourceTypes: ["aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/instanceProfile:InstanceProfile"],
  check(resource, report) {
    checkName(SPECS, resource, report);
    if (resource.type === "aws:iam/role:Role") {
      const path = fieldReader(resource.props, report)("path");
      if (typeof path === "string" && (path.length > 512 || !/^(\/|\/[\u0021-\u007e]+\/)$/.test(path))) {
        report({ message: `path ${JSON.stringify(path)} must be "/" or start and end with "/" with printable ASCII between (at most 512 characters)`, remediation: 'Set path to "/" or "/team/".' });
      }
    }
  },
});
