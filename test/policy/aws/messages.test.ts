/**
 * Issue 16.5: EKS-004 and LOG-003 told users their data was unencrypted. EKS envelope-encrypts all Kubernetes API
 * data by default since 1.28 (AWS-owned key) and CloudWatch Logs always encrypts log data (service-owned key):
 * both rules are about a customer-managed KMS key, and their messages must say so.
 */
import { resource, violationsOf } from "../../support/rules";

describe("encryption messages state the customer-managed-key requirement, not a false 'unencrypted'", () => {
  it("EKS-004 without encryptionConfig: default AWS-owned-key encryption exists; a customer-managed key is missing", () => {
    const [v] = violationsOf("EKS-004", resource("aws:eks/cluster:Cluster", "c", { version: "1.34" }));
    expect(v.message).toMatch(/AWS-owned key/);
    expect(v.message).toMatch(/customer-managed KMS key/);
    expect(v.message).not.toMatch(/without envelope encryption|unencrypted/);
  });

  it("LOG-003 without the EKS log group: EKS would create it with the service-owned key only", () => {
    const cluster = resource("aws:eks/cluster:Cluster", "c", { name: "prod", enabledClusterLogTypes: ["api"] });
    const [v] = violationsOf("LOG-003", [cluster]);
    expect(v.message).toMatch(/service-owned key/);
    expect(v.message).toMatch(/customer-managed KMS key/);
    expect(v.message).not.toMatch(/unencrypted/);
  });

  it("LOG-001 without kmsKeyId: logs are encrypted with the service-owned key, not a customer-managed one", () => {
    const [v] = violationsOf("LOG-001", resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 365 }));
    expect(v.message).toMatch(/service-owned key/);
    expect(v.message).toMatch(/customer-managed KMS key/);
  });
});
