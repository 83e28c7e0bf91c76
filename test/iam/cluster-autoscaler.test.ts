import { clusterOwnershipTag } from "../../components/autoscaler";
import type { RecordedResource } from "../../engine/record";
import { stackRun } from "../infra/fixtures";
import { loadStackConfig, ofType } from "../infra/stack-config";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

// Issue 20 part 5: the Cluster Autoscaler's Pod Identity role, simulated with the policy the stack records.

describe.each(["dev", "prod"] as const)("the Cluster Autoscaler role of the %s stack", (stack) => {
  const config = loadStackConfig(stack);
  const account = config["hardened-cluster:accountId"];
  const region = config["aws:region"];
  const cluster = config["hardened-cluster:clusterName"];
  const roleName = `${cluster}-cluster-autoscaler`;
  const principal = `arn:aws:iam::${account}:role/${roleName}`;
  const asg = (name: string) => `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/${name}`;
  const owned = { [`aws:ResourceTag/${clusterOwnershipTag(cluster)}`]: "owned" };

  let policy: PolicyDocument;
  let trust: PolicyDocument;
  beforeAll(async () => {
    const { resources } = await stackRun(stack);
    const role = ofType(resources, "aws:iam/role:Role").find((r: RecordedResource) => r.inputs.name === roleName)!;
    trust = JSON.parse(role.inputs.assumeRolePolicy);
    const inline = ofType(resources, "aws:iam/rolePolicy:RolePolicy").filter((p: RecordedResource) => p.inputs.role === role.outputs.name);
    expect(inline).toHaveLength(1);
    policy = JSON.parse(inline[0].inputs.policy);
    expect(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a: RecordedResource) => a.inputs.role === role.outputs.name)).toEqual([]);
    const [association] = ofType(resources, "aws:eks/podIdentityAssociation:PodIdentityAssociation").filter((a: RecordedResource) => a.inputs.serviceAccount === "cluster-autoscaler");
    expect([association.inputs.namespace, association.inputs.roleArn]).toEqual(["kube-system", role.outputs.arn]);
  });

  const decide = async (action: string, resource: string, context: Record<string, string> = {}) =>
    simulate({ principal, action, resource, resourceAccount: account, context, identityPolicies: [policy] });

  test.each([
    ["SetDesiredCapacity", "autoscaling:SetDesiredCapacity"],
    ["TerminateInstanceInAutoScalingGroup", "autoscaling:TerminateInstanceInAutoScalingGroup"],
  ])("%s on this cluster's tagged group is allowed; untagged, other-cluster or other-value groups are denied", async (_name, action) => {
    expect(await decide(action, asg(`eks-${cluster}-general`), owned)).toBe("Allowed");
    expect(await decide(action, asg("someone-elses-asg"))).toBe("ImplicitlyDenied");
    expect(await decide(action, asg("other-cluster-asg"), { [`aws:ResourceTag/${clusterOwnershipTag("other-cluster")}`]: "owned" })).toBe("ImplicitlyDenied");
    expect(await decide(action, asg(`eks-${cluster}-general`), { [`aws:ResourceTag/${clusterOwnershipTag(cluster)}`]: "shared" })).toBe("ImplicitlyDenied");
  });

  test.each(["autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions", "ec2:GetInstanceTypesFromInstanceRequirements"])(
    "%s (describe, no resource-level scoping) is allowed on *",
    async (action) => {
      expect(await decide(action, "*")).toBe("Allowed");
    },
  );

  test("eks:DescribeNodegroup only on this cluster's node groups", async () => {
    expect(await decide("eks:DescribeNodegroup", `arn:aws:eks:${region}:${account}:nodegroup/${cluster}/sensitive-abc/uuid`)).toBe("Allowed");
    expect(await decide("eks:DescribeNodegroup", `arn:aws:eks:${region}:${account}:nodegroup/other-cluster/general/uuid`)).toBe("ImplicitlyDenied");
  });

  test.each([
    ["change an ASG's size limits", "autoscaling:UpdateAutoScalingGroup", () => asg(`eks-${cluster}-general`)],
    ["create an ASG", "autoscaling:CreateAutoScalingGroup", () => asg("new")],
    ["terminate an EC2 instance directly", "ec2:TerminateInstances", () => `arn:aws:ec2:${region}:${account}:instance/i-0123456789abcdef0`],
    ["edit a launch template", "ec2:CreateLaunchTemplateVersion", () => `arn:aws:ec2:${region}:${account}:launch-template/lt-0123456789abcdef0`],
    ["change a node group's scaling config through EKS", "eks:UpdateNodegroupConfig", () => `arn:aws:eks:${region}:${account}:nodegroup/${cluster}/general/uuid`],
    ["tag an ASG into this cluster", "autoscaling:CreateOrUpdateTags", () => asg("someone-elses-asg")],
  ])("cannot %s", async (_why, action, resource) => {
    expect(await decide(action, resource(), owned)).toBe("ImplicitlyDenied");
  });

  test("only EKS Pod Identity of this account may assume the role", async () => {
    const assume = (service: string, sourceAccount: string, action = "sts:AssumeRole") =>
      simulate({ principal: service, action, resource: principal, resourceAccount: account, context: { "aws:SourceAccount": sourceAccount }, resourcePolicy: trust });
    expect(await assume("pods.eks.amazonaws.com", account)).toBe("Allowed");
    expect(await assume("pods.eks.amazonaws.com", account, "sts:TagSession")).toBe("Allowed");
    expect(await assume("pods.eks.amazonaws.com", "999999999999")).not.toBe("Allowed");
    expect(await assume("ec2.amazonaws.com", account)).not.toBe("Allowed");
  });
});
