import { parseDetectionConfig } from "../../../components/detection/config";
import { parseRegistryConfig } from "../../../components/registry/config";

const base = { observabilityAddonVersion: "v4.1.0-eksbuild.1" };

describe("detection stack config", () => {
  it("applies defaults; GuardDuty on in prod, off elsewhere", () => {
    const agent = { agentAddonVersion: "v1.12.1-eksbuild.2" };
    const prod = parseDetectionConfig({ ...base, guardDuty: agent }, "prod");
    expect(prod).toMatchObject({ alertEmails: [], alertWebhooks: [], cpuThresholdPercent: 80, memoryThresholdPercent: 90, containerLogs: false, guardDuty: { enabled: true, minSeverity: 4 } });
    expect(parseDetectionConfig(base, "dev").guardDuty.enabled).toBe(false);
    expect(parseDetectionConfig({ ...base, guardDuty: { enabled: true, ...agent } }, "staging").guardDuty.enabled).toBe(true);
  });

  it("R2: GuardDuty on needs the pinned aws-guardduty-agent add-on version (the platform installs the agent)", () => {
    expect(() => parseDetectionConfig(base, "prod")).toThrow(/^detection\.guardDuty\.agentAddonVersion: is required when GuardDuty is on/);
    expect(() => parseDetectionConfig({ ...base, guardDuty: { enabled: true, agentAddonVersion: "latest" } }, "staging")).toThrow(/detection\.guardDuty\.agentAddonVersion/);
  });

  it("accepts overrides by signal name", () => {
    const cfg = parseDetectionConfig({ ...base, signalOverrides: { "auth-failures": { threshold: 50 } } }, "dev");
    expect(cfg.signalOverrides).toEqual({ "auth-failures": { threshold: 50 } });
  });

  it.each<[string, unknown, string, RegExp]>([
    ["missing add-on version", {}, "dev", /^detection\.observabilityAddonVersion: pin the amazon-cloudwatch-observability/],
    ["latest add-on", { observabilityAddonVersion: "latest" }, "dev", /detection\.observabilityAddonVersion: use an add-on version/],
    ["bad e-mail", { ...base, alertEmails: ["ops@example.com", "ops"] }, "dev", /detection\.alertEmails\[1\]: use an e-mail address/],
    ["http webhook", { ...base, alertWebhooks: ["http://x.example.com"] }, "dev", /detection\.alertWebhooks\[0\]: use an https:\/\/ URL/],
    ["unknown signal", { ...base, signalOverrides: { "secret-read": { threshold: 1 } } }, "dev", /detection\.signalOverrides\.secret-read/],
    ["bad period", { ...base, signalOverrides: { "secret-change": { period: 45 } } }, "dev", /detection\.signalOverrides\.secret-change\.period: use 10, 30/],
    ["unknown key", { ...base, alarmEmails: [] }, "dev", /detection: Unrecognized key.*alarmEmails/],
    ["managed key alias", { ...base, topicKmsKeyArn: "alias/aws/sns" }, "dev", /detection\.topicKmsKeyArn/],
    ["GuardDuty off in prod", { ...base, guardDuty: { enabled: false } }, "prod", /detection\.guardDuty\.enabled: .*detectorId/],
    ["bad detector id", { ...base, guardDuty: { detectorId: "x" } }, "prod", /detection\.guardDuty\.detectorId/],
  ])("%s → named-field error", (_l, input, stack, message) => {
    expect(() => parseDetectionConfig(input, stack)).toThrow(message);
  });
});

describe("registry stack config", () => {
  const ok = { repositories: ["team-a/api"], ciPushPrincipalArns: ["arn:aws:iam::123456789012:role/ci"] };
  it("applies defaults", () => {
    expect(parseRegistryConfig(ok)).toEqual({ ...ok, extraPullPrincipalArns: [], untaggedExpiryDays: 7, keepImages: 100, enhancedScanning: false });
  });
  it.each<[string, unknown, RegExp]>([
    ["no repositories", { ...ok, repositories: [] }, /registry\.repositories: list at least one/],
    ["bad name", { ...ok, repositories: ["Team-A"] }, /registry\.repositories\[0\]: use an ECR repository name/],
    ["duplicate", { ...ok, repositories: ["a", "a"] }, /registry\.repositories\[1\]: repository "a" is listed twice/],
    ["no CI", { ...ok, ciPushPrincipalArns: [] }, /registry\.ciPushPrincipalArns: list the CI role ARNs/],
    ["wildcard CI", { ...ok, ciPushPrincipalArns: ["*"] }, /registry\.ciPushPrincipalArns\[0\]: use an IAM role ARN/],
    ["expiry", { ...ok, untaggedExpiryDays: 0 }, /registry\.untaggedExpiryDays/],
    ["managed key", { ...ok, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/aws/ecr" }, /registry\.kmsKeyArn: use a customer-managed key/],
  ])("%s → named-field error", (_l, input, message) => {
    expect(() => parseRegistryConfig(input)).toThrow(message);
  });
});
