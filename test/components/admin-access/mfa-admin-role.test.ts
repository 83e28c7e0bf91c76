/**
 * MfaAdminRole as a team uses it: children parented to the component, the access entry and the cluster-admin
 * association after the role (ORD-004) with the role's literal ARN (EKS-008), the alarm only with a topic, and
 * bad args rejected with the field named before anything registers.
 */
import { recordResources } from "../../../engine/record";
import { MfaAdminRole, type MfaAdminRoleArgs } from "../../../components/admin-access";
import { ofType } from "../../infra/stack-config";
import { constructUnderMocks } from "../../support/rejects";
import { judge } from "../../infra/fixtures";

const ARGS: MfaAdminRoleArgs = {
  clusterName: "hc-test",
  roleName: "hc-test-admin-oncall",
  accountId: "123456789012",
  region: "eu-west-1",
  trustedPrincipalArns: ["arn:aws:iam::123456789012:user/breakglass/alice"],
};
const ROLE_ARN = "arn:aws:iam::123456789012:role/hc-test-admin-oncall";

describe("MfaAdminRole", () => {
  test("registers role, DescribeCluster grant, access entry and association, parented and ordered; no alarm without a topic", async () => {
    const resources = await recordResources(() => {
      new MfaAdminRole("oncall", ARGS);
    });
    const component = resources.find((r) => r.type === "hardened-cluster:admin-access:MfaAdminRole")!;
    const children = resources.filter((r) => r !== component);
    expect(children.map((r) => r.type).sort()).toEqual([
      "aws:eks/accessEntry:AccessEntry",
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
    ]);
    for (const c of children) expect(c.parent).toBe(component.urn);
    const [role] = ofType(resources, "aws:iam/role:Role");
    const [entry] = ofType(resources, "aws:eks/accessEntry:AccessEntry");
    const [assoc] = ofType(resources, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    expect(role.inputs.maxSessionDuration).toBe(3600);
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Condition.NumericLessThanEquals).toEqual({ "aws:MultiFactorAuthAge": "3600" });
    expect([entry.inputs.principalArn, assoc.inputs.principalArn]).toEqual([ROLE_ARN, ROLE_ARN]);
    expect(entry.dependencies).toContain(role.urn);
    expect(assoc.dependencies).toContain(entry.urn);
    const [policy] = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(JSON.parse(policy.inputs.policy as string).Statement).toEqual([{ Effect: "Allow", Action: "eks:DescribeCluster", Resource: "arn:aws:eks:eu-west-1:123456789012:cluster/hc-test" }]);
    // Its own pack: no mandatory finding once the role is allow-listed as a cluster admin (EKS-008).
    const mandatory = judge(resources, { clusterAdminPrincipals: [ROLE_ARN] }).violations.filter((v) => v.level === "mandatory");
    expect(mandatory.map((v) => `${v.rule} ${v.message}`)).toEqual([]);
  });

  test("with a topic, an EventBridge rule on CloudTrail AssumeRole of the role (read-only management events) targets it", async () => {
    const resources = await recordResources(() => {
      new MfaAdminRole("oncall", { ...ARGS, alertTopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts", maxMfaAgeSeconds: 900 });
    });
    const [rule] = ofType(resources, "aws:cloudwatch/eventRule:EventRule");
    expect(rule.inputs.state).toBe("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
    expect(JSON.parse(rule.inputs.eventPattern as string)).toEqual({
      source: ["aws.sts"],
      "detail-type": ["AWS API Call via CloudTrail"],
      detail: { eventSource: ["sts.amazonaws.com"], eventName: ["AssumeRole"], requestParameters: { roleArn: [ROLE_ARN] } },
    });
    expect(ofType(resources, "aws:cloudwatch/eventTarget:EventTarget").map((t) => t.inputs.arn)).toEqual(["arn:aws:sns:eu-west-1:123456789012:alerts"]);
  });

  test.each([
    ["trustedPrincipalArns empty", { trustedPrincipalArns: [] }, /args\.trustedPrincipalArns is empty/],
    ["account root trusted", { trustedPrincipalArns: ["arn:aws:iam::123456789012:root"] }, /args\.trustedPrincipalArns\[0\] .* must be an IAM user or role ARN/],
    ["wildcard principal", { trustedPrincipalArns: ["arn:aws:iam::123456789012:user/*"] }, /trustedPrincipalArns\[0\]/],
    ["MFA age of a day", { maxMfaAgeSeconds: 86400 }, /args\.maxMfaAgeSeconds 86400 must be an integer from 300 to 43200/],
    ["session of 15 minutes", { maxSessionDurationSeconds: 900 }, /args\.maxSessionDurationSeconds 900 must be an integer from 3600 to 43200/],
    ["role name too long", { roleName: "x".repeat(65) }, /args\.roleName/],
  ] as const)("rejects %s, naming the field, before registering anything", async (_title, patch, message) => {
    const { error, registered } = await constructUnderMocks(() => new MfaAdminRole("bad", { ...ARGS, ...patch } as MfaAdminRoleArgs));
    expect(String(error)).toMatch(message);
    expect(registered).toEqual([]);
  });
});
