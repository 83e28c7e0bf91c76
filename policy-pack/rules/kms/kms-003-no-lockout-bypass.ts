import { fieldReader } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";

/** KMS-003: never bypass the key-policy lockout safety check. */
export const kms003 = nativeResourceRule({
  id: "KMS-003",
  name: "kms-no-lockout-bypass",
  description: "KMS keys must not set bypassPolicyLockoutSafetyCheck: true.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["kms", "aws"],
  seed: ["S1 §5.12"],
  upstream: "@pulumi/aws kms.Key; compliance-policies disallowBypassPolicyLockoutSafetyCheck",
  remediation: "Remove bypassPolicyLockoutSafetyCheck (or set it to false).",
  resourceTypes: ["aws:kms/key:Key"],
  check(resource, report) {
    if (fieldReader(resource.props, report)("bypassPolicyLockoutSafetyCheck") === true) {
      report("bypassPolicyLockoutSafetyCheck is true: a bad key policy can lock everyone out of the key");
    }
  },
});
