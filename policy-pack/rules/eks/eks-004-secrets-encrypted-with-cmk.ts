import { fieldReader, has, listAt, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { isAwsManagedAlias } from "./kms-alias";
import { EKS_TYPES } from "./types";

/** EKS-004 (resource part): Secrets envelope-encrypted with a customer-managed KMS key. */
export const eks004 = nativeResourceRule({
  id: "EKS-004",
  name: "eks-secrets-encrypted-with-cmk",
  description: "EKS clusters must envelope-encrypt Secrets with a customer-managed KMS key (encryptionConfig with resources [\"secrets\"] and provider.keyArn).",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4.5", "S1 §5.12", "S1 §5.9"],
  upstream: "@pulumi/aws ClusterEncryptionConfig; Security Hub EKS.3; EKS user guide \"Default envelope encryption for all Kubernetes API data\" (AWS-owned key since 1.28)",
  remediation: "Create an aws.kms.Key in the stack and set encryptionConfig: {provider: {keyArn: key.arn}, resources: [\"secrets\"]}.",
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report) {
    const props = resource.props ?? {};
    if (!has(props, "encryptionConfig")) {
      report(
        "encryptionConfig is absent: Secrets get only EKS's default envelope encryption (Kubernetes 1.28+) with an AWS-owned key, not a customer-managed KMS key whose policy, rotation and CloudTrail audit the account controls",
      );
      return;
    }
    const get = fieldReader(props, report);
    const resources = get("encryptionConfig.resources");
    const entries = resources === UNKNOWN ? [] : listAt(get, "encryptionConfig.resources");
    if (resources !== UNKNOWN && !entries.includes(UNKNOWN) && !entries.includes("secrets")) {
      report({ message: `encryptionConfig.resources is ${JSON.stringify(resources ?? null)}; it must include "secrets"`, remediation: 'Set encryptionConfig.resources: ["secrets"].' });
    }
    if (!has(props, "encryptionConfig.provider.keyArn")) {
      report({ message: "encryptionConfig.provider.keyArn is absent", remediation: "Set encryptionConfig.provider.keyArn to the ARN of a customer-managed aws.kms.Key." });
      return;
    }
    const keyArn = get("encryptionConfig.provider.keyArn");
    if (typeof keyArn === "string" && isAwsManagedAlias(keyArn)) {
      report({
        message: `encryptionConfig.provider.keyArn = ${keyArn} is an AWS-managed key alias; EKS needs a customer-managed symmetric key`,
        remediation: "Set encryptionConfig.provider.keyArn to the ARN of a customer-managed aws.kms.Key (not alias/aws/...).",
      });
    }
  },
});
