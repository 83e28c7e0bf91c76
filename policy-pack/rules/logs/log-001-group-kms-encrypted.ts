import { fieldReader, has } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { LOG_TYPES } from "./types";

/** LOG-001: log groups encrypted with a KMS key. */
export const log001 = nativeResourceRule({
  id: "LOG-001",
  name: "log-group-kms-encrypted",
  description: "CloudWatch log groups must be encrypted with a KMS key (kmsKeyId).",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["logs", "aws"],
  seed: ["S3", "S1 §5.9"],
  upstream: "@pulumi/aws cloudwatch.LogGroup kmsKeyId",
  remediation: "Set kmsKeyId: key.arn (the key policy must allow logs.<region>.amazonaws.com).",
  resourceTypes: [LOG_TYPES.logGroup],
  check(resource, report) {
    if (has(resource.props, "kmsKeyId")) {
      const v = fieldReader(resource.props, report)("kmsKeyId");
      if (v !== "") return;
    }
    report("kmsKeyId is absent: the logs are encrypted only with the CloudWatch Logs service-owned key; no customer-managed KMS key controls who can read them");
  },
});
