import { parsePlatformConfig } from "../../infra/config";
import { loadStackConfig } from "./stack-config";

const dev = loadStackConfig("dev");
const withKms = (kms: Record<string, unknown>) => ({ ...dev, "hardened-cluster:kms": JSON.stringify(kms) });

describe("stack config of the cluster hardening switches (named-field errors before any resource)", () => {
  test("B4: kms.autoscalingServiceLinkedRole defaults to create and accepts import/existing", () => {
    expect(parsePlatformConfig(dev).kms.autoscalingServiceLinkedRole).toBe("create");
    expect(parsePlatformConfig(withKms({ autoscalingServiceLinkedRole: "import" })).kms.autoscalingServiceLinkedRole).toBe("import");
    expect(() => parsePlatformConfig(withKms({ autoscalingServiceLinkedRole: "adopt" }))).toThrow(/hardened-cluster:kms\.autoscalingServiceLinkedRole: must be create \(fresh account\), import or existing/);
  });

  test("W7: kms.clusterCreatorArns takes IAM role ARNs only", () => {
    expect(parsePlatformConfig(withKms({ clusterCreatorArns: ["arn:aws:iam::111111111111:role/platform-deploy"] })).kms.clusterCreatorArns).toEqual(["arn:aws:iam::111111111111:role/platform-deploy"]);
    expect(() => parsePlatformConfig(withKms({ clusterCreatorArns: ["arn:aws:iam::111111111111:user/bob"] }))).toThrow(/hardened-cluster:kms\.clusterCreatorArns\[0\]: must be an IAM role ARN/);
  });

  test("W1: Session Manager on nodes is off by default and needs a justification to turn on", () => {
    expect(parsePlatformConfig(dev).nodeSsmAccess).toBe(false);
    expect(() => parsePlatformConfig({ ...dev, "hardened-cluster:nodeSsmAccess": "true" })).toThrow(/hardened-cluster:nodeSsmJustification: is required with nodeSsmAccess: true/);
    const on = parsePlatformConfig({ ...dev, "hardened-cluster:nodeSsmAccess": "true", "hardened-cluster:nodeSsmJustification": "Break-glass node access with Session Manager logging to S3." });
    expect(on.nodeSsmAccess).toBe(true);
  });

  test("R2: GuardDuty on without the agent add-on version is an error naming the field", () => {
    const detection = JSON.parse(dev["hardened-cluster:detection"]);
    const config = { ...dev, "hardened-cluster:detection": JSON.stringify({ ...detection, guardDuty: { enabled: true } }) };
    expect(() => parsePlatformConfig(config)).toThrow(/hardened-cluster:detection\.guardDuty\.agentAddonVersion: is required when GuardDuty is on/);
  });
});
