import { endpointAccessTable } from "../../../components/network/endpoint-access";
import { interfaceEndpointPolicy, s3GatewayEndpointPolicy } from "../../../components/network/endpoint-policies";
import { parsePlatformConfig } from "../../../infra/config";
import { platformS3Buckets } from "../../../infra/network";
import { simulate, type PolicyDocument } from "../../support/iam-simulate";
import { loadStackConfig, ofType } from "../../infra/stack-config";
import { stackRun } from "../../infra/fixtures";

// W3 (issue 15): the private-only VPC's endpoints carry policies. Simulated with iam-simulate against the table
// next to the component (components/network/endpoint-access.ts); the policies are the ones prod's preview records.

const VPCE = "aws:ec2/vpcEndpoint:VpcEndpoint";
const config = parsePlatformConfig(loadStackConfig("prod"));
const region = "eu-west-1";

/** The recorded endpoint policies of the prod preview, by service suffix. */
async function recordedPolicies(): Promise<Map<string, PolicyDocument>> {
  const { resources } = await stackRun("prod");
  return new Map(ofType(resources, VPCE).map((e) => [String(e.inputs.serviceName).split(".").slice(3).join("."), JSON.parse(e.inputs.policy) as PolicyDocument]));
}

/** Allow exactly this request on the caller's and the resource's side, so the endpoint policy alone decides. */
const allowing = (action: string, resource: string): PolicyDocument => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
/** Request context AWS fills in for a SigV4-signed caller (a federated web identity has no principal account). */
const principalContext = (principal: string): Record<string, string> => (principal.startsWith("arn:aws:iam::") ? { "aws:PrincipalAccount": principal.split(":")[4] } : {});
const resourceAllowing = (action: string, resource: string): PolicyDocument => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: action, Resource: resource }] });

describe("VPC endpoint policies (prod, private-only)", () => {
  test("every endpoint of the prod VPC carries a policy; each statement is bound to the account, ECR layer reads or IRSA to own roles", async () => {
    const policies = await recordedPolicies();
    expect([...policies.keys()].sort()).toEqual(expect.arrayContaining(["ecr.api", "ecr.dkr", "guardduty-data", "s3", "sts"]));
    for (const [service, policy] of policies) {
      for (const st of policy.Statement as Record<string, any>[]) {
        const bound = st.Condition?.StringEquals?.["aws:PrincipalAccount"] === config.accountId;
        const layers = st.Resource === "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*" && st.Action === "s3:GetObject";
        const irsa = service === "sts" && st.Action === "sts:AssumeRoleWithWebIdentity" && st.Resource === `arn:aws:iam::${config.accountId}:role/*`;
        expect({ service, sid: st.Sid, ok: st.Effect === "Allow" && (bound || layers || irsa) }).toEqual({ service, sid: st.Sid, ok: true });
      }
    }
  });

  test("the S3 policy names the ECR layer bucket of the region and the deployer's state and source buckets", async () => {
    const s3 = (await recordedPolicies()).get("s3")!;
    const text = JSON.stringify(s3);
    expect(text).toContain("arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*");
    expect(platformS3Buckets(config)).toEqual(["hc-prod-deploy-sources", "hc-prod-pulumi-state"]);
    for (const b of platformS3Buckets(config)) expect(text).toContain(`arn:aws:s3:::${b}/*`);
    expect(text).not.toContain('"Resource":"*"');
  });

  const table = endpointAccessTable(region, config.accountId, platformS3Buckets(config));
  test.each(table.map((c) => [c.title, c] as const))("%s", async (_title, c) => {
    const policy = (await recordedPolicies()).get(c.endpoint);
    expect(policy).toBeDefined();
    const decision = await simulate({
      principal: c.principal,
      action: c.action,
      resource: c.resource,
      resourceAccount: c.resourceAccount,
      context: { ...principalContext(c.principal), ...c.context },
      identityPolicies: [allowing(c.action, c.resource)],
      resourcePolicy: resourceAllowing(c.action, c.resource),
      endpointPolicies: [policy!],
    });
    expect(decision === "Allowed" ? "allowed" : "denied").toBe(c.expect);
  });

  test("without the endpoint policies (old behaviour) the exfiltration rows would be allowed: the table can fail", async () => {
    const exfiltration = table.filter((c) => c.expect === "denied" && c.endpoint === "s3");
    expect(exfiltration.length).toBeGreaterThan(0);
    for (const c of exfiltration) {
      const decision = await simulate({ principal: c.principal, action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, context: principalContext(c.principal), identityPolicies: [allowing(c.action, c.resource)], resourcePolicy: resourceAllowing(c.action, c.resource), endpointPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }] });
      expect(`${c.title}: ${decision}`).toBe(`${c.title}: Allowed`);
    }
  });
});

describe("endpoint policy builders", () => {
  test("the S3 policy without platform buckets admits only ECR layer reads", () => {
    expect(s3GatewayEndpointPolicy("us-east-1", "123456789012", []).Statement).toEqual([
      { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*" },
    ]);
  });

  test("interface policies are limited to the account; only sts adds web identity, for the account's roles", () => {
    const ecr = interfaceEndpointPolicy("ecr.api", "123456789012");
    expect(ecr.Statement).toHaveLength(1);
    expect(ecr.Statement[0]).toMatchObject({ Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } });
    const sts = interfaceEndpointPolicy("sts", "123456789012");
    expect(sts.Statement[1]).toMatchObject({ Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::123456789012:role/*" });
  });

  test.each(["dev", "staging"] as const)("%s (NAT, no endpoints) records no endpoint and needs no policy", async (stack) => {
    expect(ofType((await stackRun(stack)).resources, VPCE)).toHaveLength(0);
  });
});
