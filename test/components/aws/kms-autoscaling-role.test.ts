import { recordResources } from "../../../engine/record";
import { AUTOSCALING_SERVICE_LINKED_ROLE, HardenedKey } from "../../../components/kms";
import { stackRun } from "../../infra/fixtures";
import { ofType } from "../../infra/stack-config";
import { constructUnderMocks } from "../../support/rejects";

const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const base = { description: "nodes", accountId: "123456789012", region: "eu-west-1" };

describe("B4: the EBS key's Auto Scaling service-linked role exists before the key policy names it", () => {
  test("an ebs key creates AWSServiceRoleForAutoScaling, retained on delete, and the key depends on it", async () => {
    const recorded = await recordResources(() => {
      new HardenedKey("nodes", { ...base, services: ["ebs"] });
    });
    const [slr] = ofType(recorded, SLR);
    expect(slr.inputs.awsServiceName).toBe("autoscaling.amazonaws.com");
    expect(slr.retainOnDelete).toBe(true);
    const [key] = ofType(recorded, "aws:kms/key:Key");
    expect(key.inputs.policy).toContain(AUTOSCALING_SERVICE_LINKED_ROLE);
    expect(key.dependencies).toContain(slr.urn);
  });

  test("autoscalingRole: existing registers no role (the account already has one)", async () => {
    const recorded = await recordResources(() => {
      new HardenedKey("nodes", { ...base, services: ["ebs"], autoscalingRole: "existing" });
    });
    expect(ofType(recorded, SLR)).toHaveLength(0);
    expect(ofType(recorded, "aws:kms/key:Key")[0].inputs.policy).toContain(AUTOSCALING_SERVICE_LINKED_ROLE);
  });

  test("autoscalingRole: import still puts the role before the key", async () => {
    const recorded = await recordResources(() => {
      new HardenedKey("nodes", { ...base, services: ["ebs"], autoscalingRole: "import" });
    });
    const [slr] = ofType(recorded, SLR);
    expect(ofType(recorded, "aws:kms/key:Key")[0].dependencies).toContain(slr.urn);
  });

  test("keys that are not for EBS create no service-linked role", async () => {
    const recorded = await recordResources(() => {
      new HardenedKey("logs", { ...base, services: ["logs"] });
    });
    expect(ofType(recorded, SLR)).toHaveLength(0);
  });

  test("an unknown mode is a named-field error before anything registers", async () => {
    const { error, registered } = await constructUnderMocks(() => new HardenedKey("nodes", { ...base, services: ["ebs"], autoscalingRole: "adopt" as never }));
    expect(String(error)).toMatch(/autoscalingRole "adopt" must be one of create, import, existing/);
    expect(registered).toHaveLength(0);
  });

  test.each(["dev", "prod"] as const)("the %s stack creates the role once, before the EBS key", async (stack) => {
    const { resources } = await stackRun(stack);
    const roles = ofType(resources, SLR);
    expect(roles).toHaveLength(1);
    const ebs = ofType(resources, "aws:kms/key:Key").find((k) => k.name.endsWith("-ebs"))!;
    expect(ebs.dependencies).toContain(roles[0].urn);
  });
});
