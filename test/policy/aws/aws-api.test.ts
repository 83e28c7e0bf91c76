import { badCharacters, EC2_TEXT_NO_AMPERSAND, nameProblems, NAME_SPECS, sanitizeEc2Description } from "../../../policy-pack/core/aws-text";
import { arnProblems } from "../../../policy-pack/core/arns";
import { judgeCidr } from "../../../policy-pack/core/cidr-host-bits";
import { resource, violationsOf } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";
import { sdkProxy } from "../../support/unknowns";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const B1_TEXT = "aws-load-balancer-controller webhook from the control plane: The API server calls the load-balancer controller's mutating webhook on 9443.";
const ingress = (p: Record<string, unknown>, name = "r") => resource(INGRESS, name, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, ...p });
const policy = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const long = (n: number, c = "a") => c.repeat(n);

const cases: RuleCase[] = [
  // API-001: EC2 security-group text.
  { title: "API-001 ✔ SG with plain name and description", rule: "API-001", target: resource(SG, "sg", { name: "hc-prod-pods", description: "Pods (custom networking) #1 [a+b=c]; {x}!$*@,&" }), expect: null },
  { title: "API-001 ✘ B1: a rule description with ' (the audit's load-balancer-controller webhook row)", rule: "API-001", target: ingress({ referencedSecurityGroupId: "sg-2", description: B1_TEXT }), expect: mandatory("\"'\"") },
  { title: "API-001 ✘ & in a rule referencing a security group (UserIdGroupPair set has no &)", rule: "API-001", target: ingress({ referencedSecurityGroupId: "sg-2", description: "nodes & pods" }), expect: mandatory("UserIdGroupPair") },
  { title: "API-001 ✔ & in an IPv4 CIDR rule (IpRange set allows &)", rule: "API-001", target: ingress({ cidrIpv4: "10.0.0.0/16", description: "nodes & pods" }), expect: null },
  { title: "API-001 ✘ & in a prefix-list egress rule", rule: "API-001", target: resource(EGRESS, "e", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-1", description: "S3 & more" }), expect: mandatory("PrefixListId") },
  { title: "API-001 ✘ rule description over 255 characters", rule: "API-001", target: ingress({ cidrIpv4: "10.0.0.0/16", description: long(256) }), expect: mandatory("255") },
  { title: "API-001 ✘ SG description with a non-ASCII character", rule: "API-001", target: resource(SG, "sg", { name: "ok", description: "Pods – custom networking" }), expect: mandatory("GroupDescription") },
  { title: "API-001 ✘ SG name starting with sg-", rule: "API-001", target: resource(SG, "sg", { name: "sg-pods", description: "x" }), expect: mandatory("sg-") },
  { title: "API-001 ✘ inline ingress description with ' on a security-group reference", rule: "API-001", target: resource(SG, "sg", { name: "ok", description: "x", ingress: [{ protocol: "tcp", fromPort: 1, toPort: 1, securityGroups: ["sg-2"], description: "it's" }] }), expect: mandatory("ingress[0].description") },
  { title: "API-001 ✘ ec2.SecurityGroupRule with a quote", rule: "API-001", target: resource(SG_RULE, "sr", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 1, toPort: 1, cidrBlocks: ["10.0.0.0/8"], description: 'say "hi"' }), expect: mandatory("IpRange") },
  // API-002: IAM names (explicit, prefix, Pulumi auto-name).
  { title: "API-002 ✔ role name of 64 characters", rule: "API-002", target: resource("aws:iam/role:Role", "r", { name: long(64), assumeRolePolicy: "{}" }), expect: null },
  { title: "API-002 ✘ role name of 65 characters", rule: "API-002", target: resource("aws:iam/role:Role", "r", { name: long(65), assumeRolePolicy: "{}" }), expect: mandatory("65 characters") },
  { title: "API-002 ✘ role auto-name: 57-character resource name + 8", rule: "API-002", target: resource("aws:iam/role:Role", long(57), { assumeRolePolicy: "{}" }), expect: mandatory("auto-name") },
  { title: "API-002 ✔ role auto-name: 56-character resource name + 8 = 64", rule: "API-002", target: resource("aws:iam/role:Role", long(56), { assumeRolePolicy: "{}" }), expect: null },
  { title: "API-002 ✘ role namePrefix of 39 characters (+26)", rule: "API-002", target: resource("aws:iam/role:Role", "r", { namePrefix: long(39), assumeRolePolicy: "{}" }), expect: mandatory("namePrefix") },
  { title: "API-002 ✘ role name with a space", rule: "API-002", target: resource("aws:iam/role:Role", "r", { name: "my role", assumeRolePolicy: "{}" }), expect: mandatory("offending characters") },
  { title: "API-002 ✘ role path without trailing slash", rule: "API-002", target: resource("aws:iam/role:Role", "r", { name: "ok", path: "/team", assumeRolePolicy: "{}" }), expect: mandatory("path") },
  { title: "API-002 ✔ inline policy name of 128", rule: "API-002", target: resource("aws:iam/rolePolicy:RolePolicy", "p", { name: long(128), role: "r", policy: "{}" }), expect: null },
  { title: "API-002 ✘ policy name with a slash", rule: "API-002", target: resource("aws:iam/policy:Policy", "p", { name: "team/policy", policy: "{}" }), expect: mandatory("offending") },
  // API-003..009: other services.
  { title: "API-003 ✘ N4: EventRule auto-name over 64 (39-char cluster + -guardduty-findings)", rule: "API-003", target: resource("aws:cloudwatch/eventRule:EventRule", `${long(39)}-guardduty-findings`, {}), expect: mandatory("auto-name") },
  { title: "API-003 ✔ EventRule short auto-name", rule: "API-003", target: resource("aws:cloudwatch/eventRule:EventRule", "hc-prod-guardduty-findings", {}), expect: null },
  { title: "API-003 ✘ EventRule name with a colon", rule: "API-003", target: resource("aws:cloudwatch/eventRule:EventRule", "e", { name: "a:b" }), expect: mandatory("offending") },
  { title: "API-004 ✔ EKS log group name", rule: "API-004", target: resource("aws:cloudwatch/logGroup:LogGroup", "lg", { name: "/aws/eks/hc-prod/cluster" }), expect: null },
  { title: "API-004 ✘ log group name with a space", rule: "API-004", target: resource("aws:cloudwatch/logGroup:LogGroup", "lg", { name: "/aws/eks/hc prod" }), expect: mandatory("offending") },
  { title: "API-004 ✘ log group name starting with aws/", rule: "API-004", target: resource("aws:cloudwatch/logGroup:LogGroup", "lg", { name: "aws/x" }), expect: mandatory("aws/") },
  { title: "API-004 ✘ metric filter name with *", rule: "API-004", target: resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "f", { name: "exec*", logGroupName: "g", pattern: "x" }), expect: mandatory("name") },
  { title: "API-004 ✘ alarm name over 255", rule: "API-004", target: resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { name: long(256) }), expect: mandatory("255") },
  { title: "API-005 ✔ alias/hc-prod-secrets", rule: "API-005", target: resource("aws:kms/alias:Alias", "a", { name: "alias/hc-prod-secrets", targetKeyId: "k" }), expect: null },
  { title: "API-005 ✘ alias without alias/ prefix", rule: "API-005", target: resource("aws:kms/alias:Alias", "a", { name: "hc-prod-secrets", targetKeyId: "k" }), expect: mandatory("alias/") },
  { title: "API-005 ✘ alias under alias/aws/", rule: "API-005", target: resource("aws:kms/alias:Alias", "a", { name: "alias/aws/ebs", targetKeyId: "k" }), expect: mandatory("reserved") },
  { title: "API-006 ✔ ECR team/app-name", rule: "API-006", target: resource("aws:ecr/repository:Repository", "r", { name: "payments/api-v2" }), expect: null },
  { title: "API-006 ✘ ECR uppercase", rule: "API-006", target: resource("aws:ecr/repository:Repository", "r", { name: "Payments/API" }), expect: mandatory("offending") },
  { title: "API-006 ✘ ECR doubled separator", rule: "API-006", target: resource("aws:ecr/repository:Repository", "r", { name: "payments//api" }), expect: mandatory("allowed form") },
  { title: "API-007 ✔ CodeBuild hc-prod-deployer", rule: "API-007", target: resource("aws:codebuild/project:Project", "p", { name: "hc-prod-deployer" }), expect: null },
  { title: "API-007 ✘ CodeBuild name with a dot", rule: "API-007", target: resource("aws:codebuild/project:Project", "p", { name: "hc.prod" }), expect: mandatory("offending") },
  { title: "API-008 ✘ EKS cluster name starting with -", rule: "API-008", target: resource("aws:eks/cluster:Cluster", "c", { name: "-hc" }), expect: mandatory("allowed form") },
  { title: "API-008 ✘ node group name of 64", rule: "API-008", target: resource("aws:eks/nodeGroup:NodeGroup", "g", { nodeGroupName: long(64) }), expect: mandatory("64 characters") },
  { title: "API-008 ✔ node group auto-name fits 63", rule: "API-008", target: resource("aws:eks/nodeGroup:NodeGroup", "hc-prod-general", {}), expect: null },
  { title: "API-009 ✘ SNS topic with a dot (not .fifo)", rule: "API-009", target: resource("aws:sns/topic:Topic", "t", { name: "alerts.prod" }), expect: mandatory("allowed form") },
  { title: "API-009 ✔ SNS FIFO topic", rule: "API-009", target: resource("aws:sns/topic:Topic", "t", { name: "alerts.fifo" }), expect: null },
  // API-010: ARNs.
  { title: "API-010 ✘ B8: secret ARN without suffix in an IAM policy", rule: "API-010", target: resource("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy: policy([{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:222222222222:secret:pulumi-deployer-token" }]) }), expect: mandatory("-??????") },
  { title: "API-010 ✔ secret ARN with -?????? in a policy", rule: "API-010", target: resource("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy: policy([{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:222222222222:secret:pulumi-deployer-token-??????" }]) }), expect: null },
  { title: "API-010 ✔ full secret ARN in a policy", rule: "API-010", target: resource("aws:iam/policy:Policy", "p", { policy: policy([{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:eu-west-1:222222222222:secret:token-AbC123"] }]) }), expect: null },
  { title: "API-010 ✘ account with 11 digits in a role ARN input", rule: "API-010", target: resource("aws:eks/accessEntry:AccessEntry", "e", { clusterName: "c", principalArn: "arn:aws:iam::33333333333:role/x" }), expect: mandatory("12 digits") },
  { title: "API-010 ✘ ARN with five parts in a key policy principal", rule: "API-010", target: resource("aws:kms/key:Key", "k", { policy: policy([{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::333333333333" }, Action: "kms:*", Resource: "*" }]) }), expect: mandatory("arn:partition") },
  { title: "API-010 ✘ bad region in a CodeBuild encryption key", rule: "API-010", target: resource("aws:codebuild/project:Project", "p", { encryptionKey: "arn:aws:kms:euwest1:333333333333:key/x" }), expect: mandatory("region") },
  { title: "API-010 ✔ wildcards and global ARNs", rule: "API-010", target: resource("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy: policy([{ Effect: "Allow", Action: "eks:*", Resource: ["arn:aws:eks:*:333333333333:cluster/hc-*", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "*"] }]) }), expect: null },
  // API-011: CIDRs.
  { title: "API-011 ✘ VPC cidrBlock with host bits", rule: "API-011", target: resource("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.0.0.5/16" }), expect: mandatory("10.0.0.0/16") },
  { title: "API-011 ✔ VPC cidrBlock canonical", rule: "API-011", target: resource("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.30.0.0/16" }), expect: null },
  { title: "API-011 ✘ SG rule cidrIpv4 with host bits", rule: "API-011", target: ingress({ cidrIpv4: "192.168.1.1/24" }), expect: mandatory("192.168.1.0/24") },
  { title: "API-011 ✘ EKS publicAccessCidrs with host bits", rule: "API-011", target: resource("aws:eks/cluster:Cluster", "c", { vpcConfig: { publicAccessCidrs: ["203.0.113.0/24", "198.51.100.7/24"] } }), expect: mandatory("vpcConfig.publicAccessCidrs.1") },
  { title: "API-011 ✘ inline SG egress CIDR malformed", rule: "API-011", target: resource(SG, "sg", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/33"] }] }), expect: mandatory("egress.0.cidrBlocks.0") },
  { title: "API-011 ✘ IPv6 subnet with host bits", rule: "API-011", target: resource("aws:ec2/subnet:Subnet", "s", { ipv6CidrBlock: "2001:db8::1/64" }), expect: mandatory("2001:db8:0:0:0:0:0:0/64") },
  // API-012: enums.
  { title: "API-012 ✔ EKS enums of the blueprint", rule: "API-012", target: resource("aws:eks/cluster:Cluster", "c", { accessConfig: { authenticationMode: "API" }, enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"], upgradePolicy: { supportType: "STANDARD" } }), expect: null },
  { title: "API-012 ✘ authenticationMode lowercase", rule: "API-012", target: resource("aws:eks/cluster:Cluster", "c", { accessConfig: { authenticationMode: "api" } }), expect: mandatory("accessConfig.authenticationMode") },
  { title: "API-012 ✘ log type controllermanager", rule: "API-012", target: resource("aws:eks/cluster:Cluster", "c", { enabledClusterLogTypes: ["api", "controllermanager"] }), expect: mandatory("enabledClusterLogTypes.1") },
  { title: "API-012 ✘ Kubernetes-style taint effect NoSchedule", rule: "API-012", target: resource("aws:eks/nodeGroup:NodeGroup", "g", { taints: [{ key: "k", value: "v", effect: "NoSchedule" }] }), expect: mandatory("taints.0.effect") },
  { title: "API-012 ✘ log retention 400 is valid, 366 is not", rule: "API-012", target: resource("aws:cloudwatch/logGroup:LogGroup", "lg", { retentionInDays: 366 }), expect: mandatory("retentionInDays") },
  { title: "API-012 ✘ access entry type ec2_linux", rule: "API-012", target: resource("aws:eks/accessEntry:AccessEntry", "e", { type: "ec2_linux" }), expect: mandatory("type") },
  { title: "API-012 ✔ access entry STANDARD, IMDS required", rule: "API-012", target: [resource("aws:eks/accessEntry:AccessEntry", "e", { type: "STANDARD" }), resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" } })], expect: null },
];

describe("aws-api rules", () => {
  runCases(cases);
});

describe("aws-api rules at preview (unknown values)", () => {
  const unknownString = sdkProxy.unknownStringValue;
  const previewed = (type: string, props: Record<string, unknown>) => ({ ...resource(type, "u", props), props: sdkProxy.unknownCheckingProxy(props) });

  it.each([
    ["API-001", previewed(INGRESS, { referencedSecurityGroupId: "sg-2", description: unknownString }), "description"],
    ["API-002", previewed("aws:iam/role:Role", { name: unknownString }), "name"],
    ["API-010", previewed("aws:iam/rolePolicy:RolePolicy", { role: "r", policy: unknownString }), "policy"],
    ["API-011", previewed("aws:ec2/vpc:Vpc", { cidrBlock: unknownString }), "cidrBlock"],
    ["API-012", previewed("aws:eks/cluster:Cluster", { accessConfig: { authenticationMode: unknownString } }), "accessConfig.authenticationMode"],
  ])("%s reports an unknown field as advisory 'cannot verify', never mandatory", (rule, target, field) => {
    const vs = violationsOf(rule, target);
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toBe(`${rule}: cannot verify ${field} at preview (value unknown until update); it is checked again during \`pulumi up\``);
  });

  it("API-002 judges the auto-name when name and namePrefix are absent, and says so", () => {
    const [v] = violationsOf("API-002", resource("aws:iam/role:Role", long(60), {}));
    expect(v.message).toContain("Pulumi appends 8 characters");
  });
});

describe("aws-api core helpers", () => {
  it("sanitizeEc2Description keeps only EC2's strict set and 255 characters (the B1 text becomes valid)", () => {
    const clean = sanitizeEc2Description(`${B1_TEXT} & more`);
    expect(badCharacters(clean, EC2_TEXT_NO_AMPERSAND)).toEqual([]);
    expect(clean).toContain("controllers mutating webhook");
    expect(clean).toContain("and more");
    expect(sanitizeEc2Description(long(300)).length).toBe(255);
  });

  it("every name spec cites an AWS doc and accepts a simple valid name", () => {
    for (const spec of NAME_SPECS) {
      expect(spec.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      const sample = spec.type === "aws:kms/alias:Alias" ? "alias/ok-name" : spec.type === "aws:signer/signingProfile:SigningProfile" ? "ok_name" : "ok-name";
      expect(nameProblems(spec, { kind: "explicit", name: sample })).toEqual([]);
    }
  });

  it("arnProblems: secret suffix matters only in policies", () => {
    const partial = "arn:aws:secretsmanager:eu-west-1:222222222222:secret:token";
    expect(arnProblems(partial, false)).toEqual([]);
    expect(arnProblems(partial, true)).toHaveLength(1);
    expect(arnProblems("arn:aws:secretsmanager:eu-west-1:222222222222:secret:token*", true)).toEqual([]);
  });

  it("judgeCidr: canonical, host bits and malformed", () => {
    expect(judgeCidr("10.0.0.0/16")).toEqual({ kind: "ok" });
    expect(judgeCidr("10.0.1.0/16")).toEqual({ kind: "host-bits", canonical: "10.0.0.0/16" });
    expect(judgeCidr("10.0.0.1")).toEqual({ kind: "malformed" });
    expect(judgeCidr("0.0.0.0/0")).toEqual({ kind: "ok" });
  });
});
