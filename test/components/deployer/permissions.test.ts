import { buildPolicy, deployPolicy, startBuildCallerPolicy, type DeployerPermissionsInput } from "../../../components/deployer/permissions";
import { CLOUD_CASES, CLOUD_EXAMPLE, PROD_CASES, PROD_EXAMPLE, type DeployerPermissionCase } from "../../../components/deployer/permissions.cases";
import { simulate } from "../../support/iam-simulate";

const ROLE = "arn:aws:iam::333333333333:role/hc-prod-deployer";

function decide(input: DeployerPermissionsInput, c: DeployerPermissionCase): Promise<string> {
  return simulate({
    principal: ROLE,
    action: c.action,
    resource: c.resource,
    resourceAccount: "333333333333",
    context: c.context,
    identityPolicies: [buildPolicy(input) as never, deployPolicy(input) as never],
    ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy as never } : {}),
  });
}

describe("the deployer role, simulated with iam-simulate (components/deployer/permissions.cases.ts)", () => {
  test.each(PROD_CASES.map((c) => [c.allowed ? "may" : "may not", c.name, c] as const))("prod: %s %s", async (_, __, c) => {
    const decision = await decide(PROD_EXAMPLE, c);
    expect(decision === "Allowed").toBe(c.allowed);
  });

  test.each(CLOUD_CASES.map((c) => [c.allowed ? "may" : "may not", c.name, c] as const))("staging (Pulumi Cloud): %s %s", async (_, __, c) => {
    expect((await decide(CLOUD_EXAMPLE, c)) === "Allowed").toBe(c.allowed);
  });

  test("no statement grants iam:PassRole on * or any action on every EKS cluster", () => {
    for (const doc of [buildPolicy(PROD_EXAMPLE), deployPolicy(PROD_EXAMPLE)]) {
      for (const s of doc.Statement) {
        const actions = ([] as string[]).concat(s.Action as string[]);
        const resources = ([] as string[]).concat(s.Resource as string[]);
        if (actions.some((a) => a.startsWith("iam:"))) expect(resources).not.toContain("*");
        for (const r of resources) expect(r).not.toMatch(/:eks:[^:]*:\d+:cluster\/\*$/);
      }
    }
  });

  test("B2: the documents are literals (no unresolved cluster ARN), so the project never waits for the cluster", () => {
    const text = JSON.stringify([buildPolicy(PROD_EXAMPLE), deployPolicy(PROD_EXAMPLE)]);
    expect(text).toContain("arn:aws:eks:eu-west-1:333333333333:cluster/hc-prod");
    expect(text).not.toMatch(/Calling \[toString\]|undefined/);
  });

  test("B8: the old prefix-only token ARN would not match the real secret (why the schema requires the suffix)", async () => {
    const real = "arn:aws:secretsmanager:eu-west-1:333333333333:secret:pulumi-deployer-token-Xy7pQ2";
    const prefixOnly = { ...CLOUD_EXAMPLE, accessTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:333333333333:secret:pulumi-deployer-token" };
    await expect(simulate({ principal: ROLE, action: "secretsmanager:GetSecretValue", resource: real, resourceAccount: "333333333333", identityPolicies: [deployPolicy(prefixOnly) as never] })).resolves.toBe("ImplicitlyDenied");
  });
});

describe("W4: the StartBuild policy recommended for callers", () => {
  const project = "arn:aws:codebuild:eu-west-1:333333333333:project/hc-prod-deployer";
  const caller = "arn:aws:iam::333333333333:role/release-manager";
  const start = (context: Record<string, string> = {}, resource = project) =>
    simulate({ principal: caller, action: "codebuild:StartBuild", resource, resourceAccount: "333333333333", context, identityPolicies: [startBuildCallerPolicy(project) as never] });

  test("allows a plain start of the deploy project", async () => {
    await expect(start()).resolves.toBe("Allowed");
  });
  test.each([["codebuild:source.buildspec"], ["codebuild:environment.image"], ["codebuild:environment.environmentVariables"], ["codebuild:source.location"], ["codebuild:serviceRole"]])("denies a start that overrides %s", async (key) => {
    await expect(start({ [key]: "x" })).resolves.toBe("ExplicitlyDenied");
  });
  test("does not allow starting other projects", async () => {
    await expect(start({}, "arn:aws:codebuild:eu-west-1:333333333333:project/other")).resolves.toBe("ImplicitlyDenied");
  });
});
