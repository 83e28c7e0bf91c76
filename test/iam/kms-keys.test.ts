import { runSimulation } from "@cloud-copilot/iam-simulate";
import { KEY_ADMIN_ACTIONS, keyPolicy } from "../../components/kms";
import { PLATFORM_KEY_SERVICES, keyPermissionTable, type PlatformKey } from "../../components/kms/permissions";
import { stackRun } from "../infra/fixtures";
import { loadStackConfig, ofType } from "../infra/stack-config";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

const ADMIN_IAM_POLICY: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] };

/** The key policies a stack renders, by platform key. */
async function renderedKeys(stack: "dev" | "staging" | "prod"): Promise<Record<PlatformKey, PolicyDocument>> {
  const { resources } = await stackRun(stack);
  const keys = ofType(resources, "aws:kms/key:Key");
  const byKind = (suffix: PlatformKey) => JSON.parse(keys.find((k) => k.name.endsWith(`-${suffix}`))!.inputs.policy) as PolicyDocument;
  return { logs: byKind("logs"), secrets: byKind("secrets"), ebs: byKind("ebs") };
}

function stackFacts(stack: string) {
  const config = loadStackConfig(stack);
  const accountId = config["hardened-cluster:accountId"];
  const clusterName = config["hardened-cluster:clusterName"];
  const region = config["aws:region"];
  const kms = JSON.parse(config["hardened-cluster:kms"] ?? "{}") as { clusterCreatorArns?: string[] };
  return { accountId, region, clusterName, clusterCreatorArns: kms.clusterCreatorArns ?? [] };
}

describe.each(["dev", "prod"] as const)("KMS key policies of the %s stack, simulated (components/kms/permissions.ts)", (stack) => {
  const facts = stackFacts(stack);
  for (const key of Object.keys(PLATFORM_KEY_SERVICES) as PlatformKey[]) {
    const table = keyPermissionTable(key, facts.accountId, facts.region, {
      clusterCreatorArns: facts.clusterCreatorArns,
      keyUsers: key === "secrets" ? [`arn:aws:iam::${facts.accountId}:role/${facts.clusterName}-cluster`] : [],
    });
    test.each(table.map((row) => [row.why, row] as const))(`${key} key: %s`, async (_why, row) => {
      const policies = await renderedKeys(stack);
      const decision = await simulate({
        principal: row.principal,
        action: row.action,
        resource: `arn:aws:kms:${facts.region}:${facts.accountId}:key/00000000-0000-0000-0000-000000000000`,
        resourceAccount: facts.accountId,
        context: row.context,
        identityPolicies: row.iamAdmin ? [ADMIN_IAM_POLICY] : [],
        resourcePolicy: policies[key],
      });
      expect(decision === "Allowed" ? "allowed" : "denied").toBe(row.expect);
    });
  }

  test("logs key: CloudWatch Logs matches on principal, action and resource and fails only on the log-group encryption context", async () => {
    // iam-simulate 0.1.173 drops request keys of the form kms:EncryptionContext:<key> (it only expands variable
    // keys written with "/"), so the allowed case is proven from its explanation: the one failing element of
    // the CloudWatchLogs statement is the encryption-context condition, which names this account's log groups.
    const policies = await renderedKeys(stack);
    const result = (await runSimulation(
      {
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policies.logs,
        request: { action: "kms:GenerateDataKey", principal: `logs.${facts.region}.amazonaws.com`, resource: { accountId: facts.accountId, resource: `arn:aws:kms:${facts.region}:${facts.accountId}:key/k` }, contextVariables: {} },
      } as never,
      {},
    )) as any;
    expect(result.overallResult).toBe("ImplicitlyDenied");
    const unmatched = result.result.analysis.resourceAnalysis.unmatchedStatements.map((s: any) => s.explain);
    const logs = unmatched.find((e: any) => e.principalMatch === "Match" && e.actionMatch)!;
    expect(logs.resourceMatch).toBe(true);
    expect(logs.conditions).toEqual([
      expect.objectContaining({ operator: "ArnLike", conditionKeyValue: "kms:EncryptionContext:aws:logs:arn", failedBecauseMissing: true }),
    ]);
    expect(logs.conditions[0].values.value).toBe(`arn:aws:logs:${facts.region}:${facts.accountId}:log-group:*`);
  });
});

describe("key administration actions (W7)", () => {
  test("no wildcard in the root's administration actions, and no CreateGrant among them", () => {
    for (const action of KEY_ADMIN_ACTIONS) expect(action).not.toMatch(/\*/);
    expect(KEY_ADMIN_ACTIONS).not.toContain("kms:CreateGrant");
  });

  test("the old kms:Create* statement would have let an account administrator grant itself use of the key (the simulator agrees)", async () => {
    const old = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: ["kms:Create*"], Resource: "*" }] };
    const request = { principal: "arn:aws:iam::111111111111:role/account-admin", action: "kms:CreateGrant", resource: "arn:aws:kms:eu-west-1:111111111111:key/k", resourceAccount: "111111111111", identityPolicies: [ADMIN_IAM_POLICY] };
    await expect(simulate({ ...request, resourcePolicy: old })).resolves.toBe("Allowed");
    await expect(simulate({ ...request, resourcePolicy: JSON.parse(keyPolicy({ accountId: "111111111111", region: "eu-west-1", services: ["logs"] })) })).resolves.toBe("ImplicitlyDenied");
  });

  test("clusterCreatorArns narrows the secrets key's unconditioned CreateGrant to the named roles", async () => {
    const creator = "arn:aws:iam::111111111111:role/platform-deploy";
    const policy = JSON.parse(keyPolicy({ accountId: "111111111111", region: "eu-west-1", services: ["eks"], clusterCreatorArns: [creator] }));
    const table = keyPermissionTable("secrets", "111111111111", "eu-west-1", { clusterCreatorArns: [creator] });
    for (const row of table) {
      const decision = await simulate({ principal: row.principal, action: row.action, context: row.context, resource: "arn:aws:kms:eu-west-1:111111111111:key/k", resourceAccount: "111111111111", identityPolicies: row.iamAdmin ? [ADMIN_IAM_POLICY] : [], resourcePolicy: policy });
      expect([row.why, decision === "Allowed" ? "allowed" : "denied"]).toEqual([row.why, row.expect]);
    }
  });
});
