import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { isAwsManagedAlias } from "../eks/kms-alias";

/** ECR-003: repositories encrypted with KMS (customer key unless config allowAwsManagedKey). */
export const ecr003 = nativeResourceRule({
  id: "ECR-003",
  name: "ecr-kms-encrypted",
  description: "ECR repositories must set encryptionConfigurations [{encryptionType: \"KMS\", kmsKey}] (customer-managed key unless config allowAwsManagedKey).",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["ecr", "aws"],
  seed: ["S1 §5.12", "S1 §5.13"],
  upstream: "@pulumi/aws ecr.Repository encryptionConfigurations (AES256|KMS; no kmsKey = AWS-managed key)",
  remediation: 'Set encryptionConfigurations: [{encryptionType: "KMS", kmsKey: key.arn}] (forces replacement).',
  resourceTypes: ["aws:ecr/repository:Repository"],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    const list = get("encryptionConfigurations");
    if (list === UNKNOWN) return;
    if (!Array.isArray(list) || list.length === 0) {
      report("encryptionConfigurations is absent or empty (default AES256 with an AWS-owned key)");
      return;
    }
    // Index loop, not forEach: forEach reads each element itself, so an unknown entry would abort the rule.
    for (let i = 0; i < list.length; i++) {
      const type = get(`encryptionConfigurations.${i}.encryptionType`);
      if (type !== UNKNOWN && type !== "KMS") report(`encryptionConfigurations[${i}].encryptionType is ${JSON.stringify(type ?? null)}, not "KMS"`);
      if (config.allowAwsManagedKey) continue;
      const key = get(`encryptionConfigurations.${i}.kmsKey`);
      if (key === UNKNOWN) continue;
      if (key === undefined || key === null || key === "") report(`encryptionConfigurations[${i}].kmsKey is absent: the AWS-managed aws/ecr key is used (config allowAwsManagedKey is false)`);
      else if (typeof key === "string" && isAwsManagedAlias(key)) report(`encryptionConfigurations[${i}].kmsKey = ${key} is an AWS-managed key`);
    }
  },
});
