/**
 * Issue 20 part 2 (MFA for cluster admins), as the stacks build it: every stack's cluster-admin is a role the
 * platform creates with an MFA-gated trust, mapped by an access entry + AmazonEKSClusterAdminPolicy, allow-listed
 * for EKS-008 and judged clean by EKS-009; the same grant with the MFA condition removed is rejected.
 */
import { parsePlatformConfig } from "../../infra/config";
import { adminRolesFor } from "../../infra/admin-access";
import { clusterAdminPrincipalsFor, packConfigFor } from "../../infra/policy-config";
import type { RecordedResource } from "../../engine/record";
import { judge, stackRun } from "./fixtures";
import { loadStackConfig, ofType, runPlatform } from "./stack-config";

const ROLE = "aws:iam/role:Role";
const ASSOC = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

type Trust = { Statement: { Effect: string; Principal: { AWS: string | string[] }; Action: string; Condition: Record<string, Record<string, string | string[]>> }[] };

describe.each(["dev", "staging", "prod"] as const)("%s: MFA-gated cluster-admin roles", (stack) => {
  const config = parsePlatformConfig(loadStackConfig(stack));

  test("every cluster-admin association names a platform admin role (or the bootstrapping deployer), and EKS-008 allow-lists exactly those", async () => {
    const { resources } = await stackRun(stack);
    const admins = adminRolesFor(config);
    expect(admins.length).toBeGreaterThanOrEqual(1);
    const assocs = ofType(resources, ASSOC).filter((a) => a.inputs.policyArn === ADMIN_POLICY);
    expect(assocs.map((a) => a.inputs.principalArn).sort()).toEqual(admins.map((a) => a.roleArn).sort());
    expect(ofType(resources, ENTRY).filter((e) => admins.some((a) => a.roleArn === e.inputs.principalArn))).toHaveLength(admins.length);
    expect(clusterAdminPrincipalsFor(config)).toEqual(expect.arrayContaining(admins.map((a) => a.roleArn)));
    expect(config.admins).toEqual([]);
  });

  test("the admin role's trust requires MFA no older than the configured age, only for the configured principals, with a 1-hour session", async () => {
    const { resources } = await stackRun(stack);
    for (const [i, admin] of adminRolesFor(config).entries()) {
      const [role] = ofType(resources, ROLE).filter((r) => r.inputs.name === admin.roleName);
      expect(role).toBeDefined();
      expect(role.inputs.maxSessionDuration).toBe(config.adminRoles.maxSessionDurationSeconds);
      const trust = JSON.parse(role.inputs.assumeRolePolicy as string) as Trust;
      expect(trust.Statement).toHaveLength(1);
      const s = trust.Statement[0];
      expect(s.Action).toBe("sts:AssumeRole");
      expect(s.Principal.AWS).toBe(`arn:aws:iam::${config.accountId}:root`);
      expect(s.Condition.Bool).toEqual({ "aws:MultiFactorAuthPresent": "true" });
      expect(s.Condition.NumericLessThanEquals).toEqual({ "aws:MultiFactorAuthAge": String(config.adminRoles.maxMfaAgeSeconds) });
      expect(s.Condition.ArnEquals["aws:PrincipalArn"]).toEqual(config.adminRoles.roles[i].trustedPrincipalArns);
    }
  });

  test("every assume of an admin role alerts the security topic (EventBridge on CloudTrail management events)", async () => {
    const { resources } = await stackRun(stack);
    for (const admin of adminRolesFor(config)) {
      const rules = ofType(resources, "aws:cloudwatch/eventRule:EventRule").filter((r) => r.inputs.name === `${admin.roleName}-assumed`);
      expect(rules).toHaveLength(1);
      expect(rules[0].inputs.state).toBe("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
      const pattern = JSON.parse(rules[0].inputs.eventPattern as string);
      expect(pattern.detail.eventName).toEqual(["AssumeRole"]);
      expect(pattern.detail.requestParameters.roleArn).toEqual([admin.roleArn]);
      const targets = ofType(resources, "aws:cloudwatch/eventTarget:EventTarget").filter((t) => t.name === `${admin.roleName}-assumed`);
      expect(targets).toHaveLength(1);
    }
  });

  test("the pack passes the stack on EKS-008/EKS-009 with no advisory EKS-009X, and fails it once the MFA condition is dropped", async () => {
    const { resources } = await stackRun(stack);
    const policyConfig = packConfigFor(config);
    const ids = (rs: readonly RecordedResource[]) => judge(rs, policyConfig).violations.filter((v) => /^EKS-00(8|9)/.test(v.rule)).map((v) => `${v.rule} ${v.level}`);
    expect(ids(resources)).toEqual([]);
    const roleName = adminRolesFor(config)[0].roleName;
    const weakened = resources.map((r) => {
      if (r.type !== ROLE || r.inputs.name !== roleName) return r;
      const trust = JSON.parse(r.inputs.assumeRolePolicy as string) as Trust;
      delete (trust.Statement[0].Condition as Record<string, unknown>).Bool;
      const text = JSON.stringify(trust);
      return { ...r, inputs: { ...r.inputs, assumeRolePolicy: text }, outputs: { ...r.outputs, assumeRolePolicy: text } };
    });
    expect(ids(weakened)).toEqual(["EKS-009 mandatory"]);
  });
});

describe("the deployer's temporary bootstrap cluster-admin (CodeBuild service role, cannot use MFA)", () => {
  test("is exempt from EKS-009 by the generated pack config, with a justification, and reported by EKS-009X", async () => {
    const raw = loadStackConfig("prod");
    const deployer = JSON.parse(raw["hardened-cluster:deployer"]);
    const withBootstrap = { ...raw, "hardened-cluster:deployer": JSON.stringify({ ...deployer, bootstrapClusterAdmin: true }) };
    const config = parsePlatformConfig(withBootstrap);
    const policyConfig = packConfigFor(config);
    const deployerArn = "arn:aws:iam::333333333333:role/hc-prod-deployer";
    expect(policyConfig.mfaExemptAdminPrincipals).toEqual([expect.objectContaining({ name: deployerArn })]);
    const { resources } = await runPlatform(withBootstrap, "prod");
    const found = judge(resources, policyConfig).violations.filter((v) => /^EKS-009/.test(v.rule));
    expect(found.map((v) => `${v.rule} ${v.level}`)).toEqual(["EKS-009X advisory"]);
    expect(found[0].message).toContain("hc-prod-deployer");
    // Without the exemption the service-only trust is a mandatory EKS-009 violation.
    const strict = judge(resources, { ...policyConfig, mfaExemptAdminPrincipals: [] }).violations.filter((v) => v.rule === "EKS-009");
    expect(strict.map((v) => v.level)).toEqual(["mandatory"]);
    expect(strict[0].message).toContain("Service principals");
  });

  test("the committed prod stack exempts nothing", () => {
    expect(packConfigFor(parsePlatformConfig(loadStackConfig("prod"))).mfaExemptAdminPrincipals).toEqual([]);
  });
});
