import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";

/** ECR-002: immutable image tags. */
export const ecr002 = nativeResourceRule({
  id: "ECR-002",
  name: "ecr-immutable-tags",
  description: "ECR repositories must use imageTagMutability IMMUTABLE (IMMUTABLE_WITH_EXCLUSION only with config allowTagExclusions).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["ecr", "aws"],
  seed: ["S1 §5.13", "S3"],
  upstream: "@pulumi/aws ecr.Repository imageTagMutability",
  remediation: 'Set imageTagMutability: "IMMUTABLE".',
  resourceTypes: ["aws:ecr/repository:Repository"],
  check(resource, report, config) {
    const m = fieldReader(resource.props, report)("imageTagMutability");
    if (m === UNKNOWN || m === "IMMUTABLE") return;
    if (m === "IMMUTABLE_WITH_EXCLUSION" && config.allowTagExclusions) return;
    const why =
      m === "IMMUTABLE_WITH_EXCLUSION" ? "= IMMUTABLE_WITH_EXCLUSION but config allowTagExclusions is false" : m === undefined ? "is absent (default MUTABLE)" : `= ${JSON.stringify(m)}`;
    report(`imageTagMutability ${why}: a pushed tag can be overwritten (registry poisoning)`);
  },
});
