/**
 * Issue 20 part 2: the platform's cluster-admin roles, simulated on the trust policy each stack renders
 * (@cloud-copilot/iam-simulate): a listed user with a fresh MFA sign-in may assume the role; without MFA,
 * with MFA present=false, with an MFA sign-in older than hardened-cluster:adminRoles.maxMfaAgeSeconds, or as
 * a principal that is not listed (even with an MFA sign-in and an identity policy allowing the assume), it may not.
 */
import { parsePlatformConfig } from "../../infra/config";
import { adminRolesFor } from "../../infra/admin-access";
import { stackRun } from "../infra/fixtures";
import { loadStackConfig, ofType } from "../infra/stack-config";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

describe.each(["dev", "staging", "prod"] as const)("%s: MFA-gated admin role trust (simulated)", (stack) => {
  const config = parsePlatformConfig(loadStackConfig(stack));
  const maxAge = config.adminRoles.maxMfaAgeSeconds;

  async function trustOf(roleName: string): Promise<PolicyDocument> {
    const { resources } = await stackRun(stack);
    const [role] = ofType(resources, "aws:iam/role:Role").filter((r) => r.inputs.name === roleName);
    return JSON.parse(role.inputs.assumeRolePolicy as string) as PolicyDocument;
  }

  /** The caller's own permission to call sts:AssumeRole on the role (needed: the trust names the account). */
  const callerPolicy = (roleArn: string): PolicyDocument => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }] });

  const assume = async (roleName: string, roleArn: string, principal: string, context: Record<string, string>) =>
    simulate({
      principal,
      action: "sts:AssumeRole",
      resource: roleArn,
      resourceAccount: config.accountId,
      resourcePolicy: await trustOf(roleName),
      identityPolicies: [callerPolicy(roleArn)],
      // IAM always puts aws:PrincipalArn (the caller's user/role ARN) in the request context; the simulator needs it given.
      context: { "aws:PrincipalArn": principal, ...context },
    });

  test.each(adminRolesFor(config).map((a, i) => [a.roleName, a, i] as const))("%s", async (_name, admin, i) => {
    const listed = config.adminRoles.roles[i].trustedPrincipalArns;
    expect(listed.length).toBeGreaterThanOrEqual(1);
    const fresh = { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "60" };
    const run = (principal: string, context: Record<string, string>) => assume(admin.roleName, admin.roleArn, principal, context);
    for (const user of listed) {
      await expect(run(user, fresh).then((d) => `${user} fresh MFA: ${d}`)).resolves.toBe(`${user} fresh MFA: Allowed`);
      await expect(run(user, { ...fresh, "aws:MultiFactorAuthAge": String(maxAge) }).then((d) => `${user} MFA at the limit: ${d}`)).resolves.toBe(`${user} MFA at the limit: Allowed`);
      await expect(run(user, {}).then((d) => `${user} no MFA: ${d}`)).resolves.toBe(`${user} no MFA: ImplicitlyDenied`);
      await expect(run(user, { "aws:MultiFactorAuthPresent": "false" }).then((d) => `${user} MFA false: ${d}`)).resolves.toBe(`${user} MFA false: ImplicitlyDenied`);
      await expect(run(user, { ...fresh, "aws:MultiFactorAuthAge": String(maxAge + 1) }).then((d) => `${user} stale MFA: ${d}`)).resolves.toBe(`${user} stale MFA: ImplicitlyDenied`);
    }
    const stranger = `arn:aws:iam::${config.accountId}:user/not-listed`;
    await expect(run(stranger, fresh)).resolves.toBe("ImplicitlyDenied");
    const otherAccount = listed[0].replace(/::\d{12}:/, "::999999999999:");
    await expect(run(otherAccount, fresh)).resolves.not.toBe("Allowed");
  });
});
