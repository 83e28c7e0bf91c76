import { recordResources } from "../../../engine/record";
import { HardenedKey, keyPolicy } from "../../../components/kms";
import { EncryptedLogGroup } from "../../../components/logs";
import { INTERFACE_ENDPOINT_SERVICES, Network, cidrSubnet } from "../../../components/network";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { portRow } from "../../../policy-pack/baseline/ports";
import { ofType } from "../../infra/stack-config";
import { stackRun, tagsOf } from "../../infra/fixtures";

describe.each(["dev", "staging", "prod"] as const)("keys and logs in the %s stack", (stack) => {
  test("every KMS key rotates yearly, keeps a 30-day window and never bypasses the lockout check", async () => {
    const { resources } = await stackRun(stack);
    const keys = ofType(resources, "aws:kms/key:Key");
    // One platform key per purpose: Secrets envelope encryption, logs, node volumes, the alert topic, ECR; plus one
    // key per tenant granted secrets on demand (TenantSecretsAccess, components/secrets), held to the same rules.
    const tenantSecretAccess = new Set(ofType(resources, "hardened-cluster:secrets:TenantSecretsAccess").map((c) => c.urn));
    const platformKeys = keys.filter((k) => !tenantSecretAccess.has(k.parent ?? ""));
    expect(platformKeys.map((k) => k.name.split("-").pop()).sort()).toEqual(["alerts", "ebs", "logs", "registry", "secrets"]);
    expect(keys.length - platformKeys.length).toBe(tenantSecretAccess.size);
    for (const k of keys) {
      expect(k.inputs.enableKeyRotation).toBe(true);
      expect(k.inputs.rotationPeriodInDays).toBeLessThanOrEqual(365);
      expect(k.inputs.deletionWindowInDays).toBe(30);
      expect(k.inputs.bypassPolicyLockoutSafetyCheck).toBeUndefined();
      const policy = JSON.parse(k.inputs.policy);
      const rootStatement = policy.Statement.find((s: any) => s.Sid === "KeyAdministration");
      expect(rootStatement.Action).not.toContain("kms:*");
      expect(rootStatement.Action).not.toContain("kms:Decrypt");
    }
  });

  test("every log group is KMS-encrypted with at least 365 days retention", async () => {
    const { resources } = await stackRun(stack);
    const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup");
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) {
      expect(g.inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
      expect(g.inputs.retentionInDays).toBeGreaterThanOrEqual(365);
    }
  });

  test("subnets never assign public IPs and flow logs capture all traffic", async () => {
    const { resources } = await stackRun(stack);
    for (const s of ofType(resources, "aws:ec2/subnet:Subnet")) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
    const [flow] = ofType(resources, "aws:ec2/flowLog:FlowLog");
    expect(flow.inputs.trafficType).toBe("ALL");
    expect(flow.inputs.logDestinationType).toBe("cloud-watch-logs");
  });
});

describe("private-only networking (prod)", () => {
  test("no NAT, no internet gateway, no public subnets; endpoints for every service a private node needs", async () => {
    const { resources } = await stackRun("prod");
    expect(ofType(resources, "aws:ec2/natGateway:NatGateway")).toHaveLength(0);
    expect(ofType(resources, "aws:ec2/internetGateway:InternetGateway")).toHaveLength(0);
    expect(ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-public-"))).toHaveLength(0);
    const endpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
    const services = endpoints.map((e) => e.inputs.serviceName.split(".").slice(3).join("."));
    for (const svc of [...INTERFACE_ENDPOINT_SERVICES, "s3"]) expect(services).toContain(svc);
    for (const e of endpoints.filter((x) => x.inputs.vpcEndpointType === "Interface")) expect(e.inputs.privateDnsEnabled).toBe(true);
  });

  test("the endpoint SG opens only 443 from the VPC and pod CIDRs", async () => {
    const { resources } = await stackRun("prod");
    const sg = ofType(resources, "aws:ec2/securityGroup:SecurityGroup").find((s) => tagsOf(s)[LABELS.sgRole] === "endpoint")!;
    const rules = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.outputs.id);
    const row = portRow("vpc-endpoint");
    expect(rules.map((r) => r.inputs.cidrIpv4).sort()).toEqual(["10.30.0.0/16", "100.64.0.0/16"]);
    for (const r of rules) expect([r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]).toEqual([row.protocols[0], row.fromPort, row.toPort]);
  });

  test("dev and staging route through NAT gateways (one in dev, one per AZ in staging)", async () => {
    expect(ofType((await stackRun("dev")).resources, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(ofType((await stackRun("staging")).resources, "aws:ec2/natGateway:NatGateway")).toHaveLength(3);
  });
});

describe("component argument validation (nothing registered)", () => {
  const rejects = async (build: () => unknown, field: string) => {
    let error: Error | undefined;
    const recorded = await recordResources(() => {
      try {
        build();
      } catch (e) {
        error = e as Error;
      }
    });
    expect(error?.message).toContain(field);
    expect(recorded).toHaveLength(0);
  };
  const key = { description: "k", accountId: "123456789012", region: "eu-west-1", services: ["logs" as const] };
  test("HardenedKey rejects a short deletion window", () => rejects(() => new HardenedKey("k", { ...key, deletionWindowInDays: 7 }), "deletionWindowInDays"));
  test("HardenedKey rejects a bad account id", () => rejects(() => new HardenedKey("k", { ...key, accountId: "12" }), "accountId"));
  test("EncryptedLogGroup rejects a missing key", () => rejects(() => new EncryptedLogGroup("g", { name: "/x", kmsKeyArn: "" }), "kmsKeyArn"));
  test("EncryptedLogGroup rejects short retention", () => rejects(() => new EncryptedLogGroup("g", { name: "/x", kmsKeyArn: "arn:k", retentionInDays: 30 }), "retentionInDays"));
  const net = { cidr: "10.0.0.0/16", podCidr: "100.64.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], privateOnly: true, region: "eu-west-1", accountId: "123456789012", flowLogKmsKeyArn: "arn:k", clusterName: "c" };
  test("Network rejects one AZ", () => rejects(() => new Network("n", { ...net, availabilityZones: ["eu-west-1a"] }), "availabilityZones"));
  test("Network rejects a public CIDR", () => rejects(() => new Network("n", { ...net, cidr: "8.8.0.0/16" }), "cidr"));
  test("Network rejects a CIDR with host bits (EC2 would reject it at create time)", () => rejects(() => new Network("n", { ...net, cidr: "10.0.0.1/16" }), "cidr 10.0.0.1/16 has host bits set; pass the network address 10.0.0.0/16"));
  test("Network rejects a pod CIDR with host bits", () => rejects(() => new Network("n", { ...net, podCidr: "100.64.1.0/16" }), "podCidr"));
  test("Network rejects a malformed bucket for the S3 endpoint policy", () => rejects(() => new Network("n", { ...net, s3Buckets: ["Not_A_Bucket"] }), "s3Buckets"));

  test("key policy scopes the logs service to this account's log groups", () => {
    const policy = JSON.parse(keyPolicy({ accountId: "123456789012", region: "eu-west-1", services: ["logs"] }));
    const logs = policy.Statement.find((s: any) => s.Sid === "CloudWatchLogs");
    expect(logs.Principal.Service).toBe("logs.eu-west-1.amazonaws.com");
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe("arn:aws:logs:eu-west-1:123456789012:log-group:*");
  });

  test("cidrSubnet carves like Terraform's cidrsubnet", () => {
    expect(cidrSubnet("10.0.0.0/16", 3, 7)).toBe("10.0.224.0/19");
    expect(cidrSubnet("100.64.0.0/16", 2, 1)).toBe("100.64.64.0/18");
  });
});
