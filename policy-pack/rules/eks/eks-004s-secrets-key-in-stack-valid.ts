import type { Finding } from "../../core/rule";
import { nativeStackRule } from "../../core/native";
import { quietGet, UNKNOWN } from "../../core/fields";
import { cannotVerify } from "../../core/unknowns";
import { kms001 } from "../kms/kms-001-rotation-enabled";
import { EKS_TYPES } from "./types";

/**
 * EKS-004 (stack part), registered as its own rule `EKS-004S` so it can be configured and reported
 * separately: the in-stack KMS key behind `encryptionConfig` must be a symmetric, enabled,
 * encrypt/decrypt key that passes KMS-001.
 */
export const eks004s = nativeStackRule({
  id: "EKS-004S",
  name: "eks-secrets-key-in-stack-valid",
  description: "The in-stack KMS key an EKS cluster's encryptionConfig depends on must be symmetric (SYMMETRIC_DEFAULT), ENCRYPT_DECRYPT, enabled and rotated (KMS-001).",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4.5", "S1 §5.12"],
  upstream: "@pulumi/aws ClusterEncryptionConfig (CMK must be symmetric, same region); Security Hub EKS.3",
  remediation: "Use a key with customerMasterKeySpec SYMMETRIC_DEFAULT, keyUsage ENCRYPT_DECRYPT, isEnabled true and enableKeyRotation true.",
  resourceTypes: [EKS_TYPES.cluster, EKS_TYPES.kmsKey],
  check(resources, report, config) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const cluster of resources) {
      if (cluster.type !== EKS_TYPES.cluster) continue;
      for (const dep of cluster.propertyDependencies.encryptionConfig ?? []) {
        const key = byUrn.get(dep);
        if (!key || key.type !== EKS_TYPES.kmsKey) continue;
        const say = (message: string, remediation?: string) =>
          report({ urn: cluster.urn, message: `encryptionConfig.provider.keyArn → key ${key.name}: ${message}`, remediation });
        const checks: [string, (v: unknown) => boolean, string][] = [
          ["customerMasterKeySpec", (v) => v === undefined || v === null || v === "SYMMETRIC_DEFAULT", 'customerMasterKeySpec: "SYMMETRIC_DEFAULT" (or omit it)'],
          ["keySpec", (v) => v === undefined || v === null || v === "SYMMETRIC_DEFAULT", 'keySpec: "SYMMETRIC_DEFAULT" (or omit it)'],
          ["keyUsage", (v) => v === undefined || v === null || v === "ENCRYPT_DECRYPT", 'keyUsage: "ENCRYPT_DECRYPT" (or omit it)'],
          ["isEnabled", (v) => v !== false, "isEnabled: true"],
        ];
        for (const [field, ok, fix] of checks) {
          const v = quietGet(key.props, field);
          if (v === UNKNOWN) report({ urn: cluster.urn, ...cannotVerify(`key ${key.name} ${field}`) });
          else if (!ok(v)) say(`${field} = ${JSON.stringify(v)} cannot encrypt Kubernetes Secrets`, `Set ${fix} on key ${key.name}.`);
        }
        kms001.check(
          key,
          (f: Finding | string) => {
            const finding = typeof f === "string" ? { message: f } : f;
            report({ ...finding, urn: cluster.urn, message: `encryptionConfig.provider.keyArn → key ${key.name} fails KMS-001: ${finding.message}` });
          },
          config,
        );
      }
    }
  },
});
