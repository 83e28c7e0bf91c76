import { recordResources } from "../../../engine/record";
import { LABELS, SENSITIVE_POOL } from "../../../policy-pack/baseline/labels";
import { NodePool, type NodePoolArgs } from "../../../components/node-pool";
import { ofType } from "../../infra/stack-config";
import { stackRun, tagsOf } from "../../infra/fixtures";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";

describe.each(["dev", "staging", "prod"] as const)("node pools in the %s stack", (stack) => {
  test("launch templates require IMDSv2 with hop limit 1 and have no SSH key", async () => {
    const { resources } = await stackRun(stack);
    const lts = ofType(resources, LT);
    expect(lts).toHaveLength(3);
    for (const lt of lts) {
      expect(lt.inputs.metadataOptions).toMatchObject({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
      expect(lt.inputs.keyName).toBeUndefined();
    }
  });

  test("every mapped volume (root included) is encrypted with a customer key", async () => {
    const { resources } = await stackRun(stack);
    for (const lt of ofType(resources, LT)) {
      const devices = lt.inputs.blockDeviceMappings as any[];
      expect(devices.map((d) => d.deviceName)).toContain("/dev/xvda");
      for (const d of devices) {
        expect(d.ebs.encrypted).toBe("true");
        expect(d.ebs.kmsKeyId).toMatch(/^arn:aws:kms:/);
        expect(d.ebs.volumeType).toBe("gp3");
      }
    }
  });

  test("node groups use the hardened template, no remote access, allowed AMIs, private subnets", async () => {
    const { resources } = await stackRun(stack);
    const lts = ofType(resources, LT);
    const privateSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-")).map((s) => s.outputs.id);
    for (const ng of ofType(resources, NG)) {
      expect(ng.inputs.remoteAccess).toBeUndefined();
      expect(lts.map((l) => l.outputs.id)).toContain(ng.inputs.launchTemplate.id);
      expect(ng.inputs.launchTemplate.version).toBe("1");
      expect(ng.inputs.amiType).toMatch(/^(AL2023_|BOTTLEROCKET_)/);
      expect([...ng.inputs.subnetIds].sort()).toEqual([...privateSubnets].sort());
    }
  });

  test("each pool is labelled; the sensitive pool is tainted with the same key/value, Bottlerocket, two volumes", async () => {
    const { resources } = await stackRun(stack);
    const groups = ofType(resources, NG);
    const pools = groups.map((g) => g.inputs.labels[LABELS.pool]).sort();
    expect(pools).toEqual(["general", SENSITIVE_POOL, "system"]);
    for (const g of groups) {
      for (const t of g.inputs.taints ?? []) {
        if (t.key === LABELS.pool) expect(g.inputs.labels[LABELS.pool]).toBe(t.value);
      }
    }
    const sensitive = groups.find((g) => g.inputs.labels[LABELS.pool] === SENSITIVE_POOL)!;
    expect(sensitive.inputs.taints).toContainEqual({ key: LABELS.pool, value: SENSITIVE_POOL, effect: "NO_SCHEDULE" });
    expect(sensitive.inputs.amiType).toMatch(/^BOTTLEROCKET_/);
    const system = groups.find((g) => g.inputs.labels[LABELS.pool] === "system")!;
    expect(system.inputs.taints).toContainEqual({ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" });
    const sensitiveLt = ofType(resources, LT).find((l) => l.outputs.id === sensitive.inputs.launchTemplate.id)!;
    expect(sensitiveLt.inputs.blockDeviceMappings.map((d: any) => d.deviceName)).toEqual(["/dev/xvda", "/dev/xvdb"]);
    expect(tagsOf(sensitiveLt)[LABELS.pool]).toBe(SENSITIVE_POOL);
  });

  test("the node role carries the worker-node and ECR pull-only policies only (W1: no CNI policy, no ReadOnly, no SSM by default)", async () => {
    const { resources } = await stackRun(stack);
    const nodeRole = ofType(resources, "aws:iam/role:Role").find((r) => String(r.inputs.name ?? "").endsWith("-node"))!;
    const attached = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.inputs.role === nodeRole.outputs.name)
      .map((a) => a.inputs.policyArn)
      .sort();
    expect(attached).toEqual(["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]);
  });

  test("N2: every node group waits for its own node role's policy attachments (W6: the sensitive pool has its own role)", async () => {
    const { resources } = await stackRun(stack);
    for (const group of ofType(resources, "aws:eks/nodeGroup:NodeGroup")) {
      const nodeRole = ofType(resources, "aws:iam/role:Role").find((r) => r.outputs.arn === group.inputs.nodeRoleArn)!;
      const attachments = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === nodeRole.outputs.name);
      expect(attachments.length).toBeGreaterThan(0);
      for (const a of attachments) expect(group.dependencies).toContain(a.urn);
    }
  });
});

const good: NodePoolArgs = {
  clusterName: "c1",
  kind: "general",
  nodeRoleArn: "arn:aws:iam::123456789012:role/n",
  subnetIds: ["subnet-a"],
  securityGroupIds: ["sg-n"],
  ebsKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
  instanceTypes: ["m6i.large"],
  minSize: 1,
  maxSize: 2,
  desiredSize: 1,
};

describe("NodePool argument validation (nothing registered)", () => {
  test.each([
    ["metadataHopLimit", { metadataHopLimit: 2 }],
    ["ebsKmsKeyArn", { ebsKmsKeyArn: "" }],
    ["amiType", { amiType: "AL2_x86_64" }],
    ["instanceTypes", { instanceTypes: [] }],
    ["sizes", { minSize: 3 }],
  ] as const)("rejects a bad %s", async (field, patch) => {
    let error: Error | undefined;
    const recorded = await recordResources(() => {
      try {
        new NodePool("p", { ...good, ...(patch as Partial<NodePoolArgs>) });
      } catch (e) {
        error = e as Error;
      }
    });
    expect(error?.message).toContain(field);
    expect(recorded).toHaveLength(0);
  });
});
