import { NODE_SSM_POLICY, VPC_CNI_POLICY } from "../../components/cluster/iam";
import { managedPolicyDocuments } from "../../components/cluster/managed-policies";
import { nodeRoleTable, vpcCniRoleTable, vpcCniTrustTable, type RolePermissionCase } from "../../components/cluster/permissions";
import { NodeRole, nodeRolePolicies } from "../../components/node-pool/role";
import type { RecordedResource } from "../../engine/record";
import { stackRun } from "../infra/fixtures";
import { loadStackConfig, ofType } from "../infra/stack-config";
import { constructUnderMocks } from "../support/rejects";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

const STACK = "prod" as const;
const config = loadStackConfig(STACK);
const accountId = config["hardened-cluster:accountId"];
const region = config["aws:region"];
const cluster = config["hardened-cluster:clusterName"];

function role(resources: RecordedResource[], name: string): RecordedResource {
  return ofType(resources, "aws:iam/role:Role").find((r) => r.inputs.name === name)!;
}
function attachedPolicyArns(resources: RecordedResource[], roleName: string): string[] {
  return ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
    .filter((a) => a.inputs.role === roleName)
    .map((a) => a.inputs.policyArn);
}
async function decide(principal: string, policies: PolicyDocument[], row: RolePermissionCase): Promise<"allowed" | "denied"> {
  const resourceAccount = row.resource === "*" ? accountId : row.resource.split(":")[4] || accountId;
  const decision = await simulate({ principal, action: row.action, resource: row.resource, resourceAccount, identityPolicies: policies });
  return decision === "Allowed" ? "allowed" : "denied";
}

describe(`node role of the ${STACK} stack, simulated (components/cluster/permissions.ts)`, () => {
  test.each(nodeRoleTable(region, accountId).map((r) => [r.why, r] as const))("%s", async (_why, row) => {
    const { resources } = await stackRun(STACK);
    const arns = attachedPolicyArns(resources, `${cluster}-node`);
    expect(arns.length).toBeGreaterThan(0);
    const principal = `arn:aws:iam::${accountId}:role/${cluster}-node`;
    expect(await decide(principal, managedPolicyDocuments(arns) as PolicyDocument[], row)).toBe(row.expect);
  });

  test("the old node role (CNI policy attached) could re-point any ENI's security groups: the row fails on the old behaviour", async () => {
    const old = managedPolicyDocuments(["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", VPC_CNI_POLICY]) as PolicyDocument[];
    const row = nodeRoleTable(region, accountId).find((r) => r.action === "ec2:ModifyNetworkInterfaceAttribute")!;
    expect(await decide(`arn:aws:iam::${accountId}:role/old-node`, old, row)).toBe("allowed");
  });
});

describe(`VPC CNI Pod Identity role of the ${STACK} stack, simulated`, () => {
  test.each(vpcCniRoleTable(region, accountId).map((r) => [r.why, r] as const))("%s", async (_why, row) => {
    const { resources } = await stackRun(STACK);
    const arns = attachedPolicyArns(resources, `${cluster}-vpc-cni`);
    expect(arns).toEqual([VPC_CNI_POLICY]);
    expect(await decide(`arn:aws:iam::${accountId}:role/${cluster}-vpc-cni`, managedPolicyDocuments(arns) as PolicyDocument[], row)).toBe(row.expect);
  });

  test.each(vpcCniTrustTable(accountId).map((r) => [r.why, r] as const))("trust: %s", async (_why, row) => {
    const { resources } = await stackRun(STACK);
    const trust = JSON.parse(role(resources, `${cluster}-vpc-cni`).inputs.assumeRolePolicy) as PolicyDocument;
    const decision = await simulate({ principal: row.principal, action: row.action, resource: `arn:aws:iam::${accountId}:role/${cluster}-vpc-cni`, resourceAccount: accountId, context: row.context, resourcePolicy: trust });
    expect(decision === "Allowed" ? "allowed" : "denied").toBe(row.expect);
  });

  test("the vpc-cni add-on uses the role for kube-system/aws-node, after the Pod Identity agent and the role's policy", async () => {
    const { resources } = await stackRun(STACK);
    const addons = ofType(resources, "aws:eks/addon:Addon");
    const cni = addons.find((a) => a.inputs.addonName === "vpc-cni")!;
    const cniRole = role(resources, `${cluster}-vpc-cni`);
    expect(cni.inputs.podIdentityAssociations).toEqual([{ serviceAccount: "aws-node", roleArn: cniRole.outputs.arn }]);
    expect(cni.inputs.serviceAccountRoleArn).toBeUndefined();
    const agent = addons.find((a) => a.inputs.addonName === "eks-pod-identity-agent")!;
    const attachment = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.inputs.role === cniRole.outputs.name)!;
    expect(cni.dependencies).toEqual(expect.arrayContaining([agent.urn, attachment.urn]));
  });
});

describe("Session Manager on nodes is opt-in with a justification (W1)", () => {
  test("off by default, on only when asked", () => {
    expect(nodeRolePolicies(false)).not.toContain(NODE_SSM_POLICY);
    expect(nodeRolePolicies(true)).toContain(NODE_SSM_POLICY);
  });

  test("ssmAccess without a justification is an error naming the field, before anything registers", async () => {
    const { error, registered } = await constructUnderMocks(() => new NodeRole("n", { roleName: "c-node", ssmAccess: true }));
    expect(String(error)).toMatch(/ssmJustification/);
    expect(registered).toHaveLength(0);
  });

  test("with a justification the SSM policy is attached, and the simulator then allows a session channel", async () => {
    const { registered } = await constructUnderMocks(() => new NodeRole("n", { roleName: "c-node", ssmAccess: true, ssmJustification: "Break-glass access for incidents, sessions logged to S3." }));
    const arns = ofType(registered, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.policyArn);
    expect(arns).toContain(NODE_SSM_POLICY);
    const row = nodeRoleTable(region, accountId).find((r) => r.action === "ssmmessages:OpenControlChannel")!;
    expect(await decide(`arn:aws:iam::${accountId}:role/c-node`, managedPolicyDocuments(arns) as PolicyDocument[], row)).toBe("allowed");
  });
});
