import { fieldReader } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";

/** KMS-002: deletion window at least config minDeletionWindowDays. */
export const kms002 = nativeResourceRule({
  id: "KMS-002",
  name: "kms-deletion-window",
  description: "KMS keys must keep a deletion window of at least config minDeletionWindowDays (absent = AWS default 30).",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["kms", "aws"],
  seed: ["S1 §5.12"],
  upstream: "@pulumi/aws kms.Key deletionWindowInDays (7-30, default 30)",
  remediation: "Omit deletionWindowInDays or set deletionWindowInDays: 30.",
  resourceTypes: ["aws:kms/key:Key"],
  check(resource, report, config) {
    const days = fieldReader(resource.props, report)("deletionWindowInDays");
    if (typeof days === "number" && days < config.minDeletionWindowDays) {
      report(`deletionWindowInDays = ${days} is below config minDeletionWindowDays ${config.minDeletionWindowDays}; a scheduled deletion would make encrypted Secrets and logs unrecoverable too soon`);
    }
  },
});
