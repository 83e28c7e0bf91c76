import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";

/** KMS-001: automatic key rotation on, within config maxRotationDays. */
export const kms001 = nativeResourceRule({
  id: "KMS-001",
  name: "kms-rotation-enabled",
  description: "Symmetric KMS keys must enable automatic rotation (enableKeyRotation: true) with rotationPeriodInDays ≤ config maxRotationDays.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["kms", "aws"],
  seed: ["S1 §5.12"],
  upstream: "@pulumi/aws kms.Key; awsguard cmk-backing-key-rotation-enabled",
  remediation: "Set enableKeyRotation: true (optionally rotationPeriodInDays: 365).",
  resourceTypes: ["aws:kms/key:Key"],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    const spec = get("customerMasterKeySpec");
    if (spec === UNKNOWN) return;
    if (spec !== undefined && spec !== null && spec !== "SYMMETRIC_DEFAULT") return; // rotation unsupported: not applicable
    const rotation = get("enableKeyRotation");
    if (rotation !== UNKNOWN && rotation !== true) {
      report(`enableKeyRotation is ${rotation === undefined ? "absent (default false)" : JSON.stringify(rotation)}: the key material is never rotated`);
    }
    const period = get("rotationPeriodInDays");
    if (typeof period === "number" && period > config.maxRotationDays) {
      report({
        message: `rotationPeriodInDays = ${period} exceeds config maxRotationDays ${config.maxRotationDays}`,
        remediation: `Set rotationPeriodInDays: ${config.maxRotationDays} or less.`,
      });
    }
  },
});
