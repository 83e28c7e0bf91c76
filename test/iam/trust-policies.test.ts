/**
 * Issue 15 item 4: every IAM role the platform stacks create, simulated on its trust policy with
 * @cloud-copilot/iam-simulate: the service it is for can assume it when the request carries what the
 * conditions demand (e.g. aws:SourceAccount), another service cannot, and a conditioned statement does
 * not admit a request without its condition context (confused deputy). The flow-logs role's own policy
 * reaches its log group and no other. Web-identity (IRSA) trusts cannot be simulated by the library, so
 * they are checked for the sub and aud conditions IRSA needs. Roles people assume (the MFA-gated cluster-admin
 * roles) are simulated in admin-roles.test.ts.
 */
import { stackRun } from "../infra/fixtures";
import { ofType } from "../infra/stack-config";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

type Statement = { Effect: string; Principal?: { Service?: string | string[]; Federated?: string; AWS?: string | string[] }; Action: string | string[]; Condition?: Record<string, Record<string, string | string[]>> };

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Context that satisfies a statement's string conditions (each key set to its first allowed value). */
function satisfying(statement: Statement): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (!/^String(Equals|Like)$|^Arn(Equals|Like)$/.test(operator)) throw new Error(`unexpected condition operator ${operator}: extend the test`);
    for (const [key, value] of Object.entries(keys)) context[key] = list(value)[0];
  }
  return context;
}

const OTHER_SERVICE = (service: string) => (service === "lambda.amazonaws.com" ? "ecs-tasks.amazonaws.com" : "lambda.amazonaws.com");

describe.each(["dev", "staging", "prod"] as const)("%s: IAM role trust policies (simulated)", (stack) => {
  test("every role has a trust statement for a service or an OIDC provider, and each admits only what it names", async () => {
    const { resources } = await stackRun(stack);
    const roles = ofType(resources, "aws:iam/role:Role");
    expect(roles.length).toBeGreaterThanOrEqual(4);
    for (const role of roles) {
      const trust = JSON.parse(role.inputs.assumeRolePolicy) as { Version?: string; Statement: Statement[] };
      const roleArn = `arn:aws:iam::123456789012:role/${role.inputs.name ?? role.name}`;
      for (const statement of trust.Statement.filter((s) => s.Effect === "Allow")) {
        const services = list(statement.Principal?.Service);
        if (statement.Principal?.AWS) {
          // People: only the MFA-gated cluster-admin roles trust IAM principals (simulated in admin-roles.test.ts).
          expect([role.name, statement.Condition?.Bool?.["aws:MultiFactorAuthPresent"]]).toEqual([role.name, "true"]);
          continue;
        }
        if (statement.Principal?.Federated) {
          // IRSA: the web-identity trust must pin both the service account (sub) and the audience (aud).
          const keys = Object.keys(statement.Condition?.StringEquals ?? {});
          expect([role.name, keys.some((k) => k.endsWith(":sub")), keys.some((k) => k.endsWith(":aud"))]).toEqual([role.name, true, true]);
          continue;
        }
        expect([role.name, services.length]).toEqual([role.name, 1]);
        const action = list(statement.Action).includes("sts:AssumeRole") ? "sts:AssumeRole" : list(statement.Action)[0];
        const request = (principal: string, context: Record<string, string>) =>
          simulate({ principal, action, resource: roleArn, resourceAccount: "123456789012", resourcePolicy: trust as unknown as PolicyDocument, context });
        await expect(request(services[0], satisfying(statement)).then((d) => `${role.name}: ${d}`)).resolves.toBe(`${role.name}: Allowed`);
        await expect(request(OTHER_SERVICE(services[0]), satisfying(statement)).then((d) => `${role.name}: ${d}`)).resolves.not.toBe(`${role.name}: Allowed`);
        if (statement.Condition) await expect(request(services[0], {}).then((d) => `${role.name}: ${d}`)).resolves.not.toBe(`${role.name}: Allowed`);
      }
    }
  });

  test("service roles that a confused deputy could reach carry aws:SourceAccount (flow logs, deployer, CNI)", async () => {
    const { resources } = await stackRun(stack);
    for (const role of ofType(resources, "aws:iam/role:Role")) {
      const trust = JSON.parse(role.inputs.assumeRolePolicy) as { Statement: Statement[] };
      const services = trust.Statement.flatMap((s) => list(s.Principal?.Service));
      if (!services.some((s) => ["vpc-flow-logs.amazonaws.com", "codebuild.amazonaws.com", "pods.eks.amazonaws.com"].includes(s))) continue;
      for (const s of trust.Statement) expect([role.name, s.Condition?.StringEquals?.["aws:SourceAccount"] !== undefined]).toEqual([role.name, true]);
    }
  });

  test("the flow-logs role writes to its own log group and to no other", async () => {
    const { resources } = await stackRun(stack);
    const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.endsWith("-flow-logs"));
    expect(policies).toHaveLength(1);
    const policy = JSON.parse(policies[0].inputs.policy) as PolicyDocument & { Statement: { Resource: string[] }[] };
    const own = policy.Statement[0].Resource.find((r) => !r.endsWith(":*"))!;
    const account = own.split(":")[4];
    const principal = `arn:aws:iam::${account}:role/flow-logs`;
    const put = (resource: string) => simulate({ principal, action: "logs:PutLogEvents", resource, resourceAccount: account, identityPolicies: [policy] });
    await expect(put(`${own}:log-stream:eni-1`)).resolves.toBe("Allowed");
    await expect(put(`${own.replace(/flow-logs$/, "other")}:log-stream:eni-1`)).resolves.not.toBe("Allowed");
    await expect(simulate({ principal, action: "logs:DeleteLogGroup", resource: own, resourceAccount: account, identityPolicies: [policy] })).resolves.not.toBe("Allowed");
  });
});
