import { analyzeWithPack } from "../../engine/analyze";
import type { RecordedResource } from "../../engine/record";
import { recorded } from "../support/recorded";
import { startPack, type PackProcess } from "../../engine/pack-process";
import { LABELS, PSA_LABELS } from "../../policy-pack/baseline/labels";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../policy-pack/baseline/pss";
import { RULE_FAMILIES } from "../../policy-pack/registry";


const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2";
const pod = (container: Record<string, unknown>) => ({
  metadata: { name: "p", namespace: "team-a" },
  spec: { securityContext: RESTRICTED_POD_SECURITY_CONTEXT, automountServiceAccountToken: false, containers: [{ name: "app", image, securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT, ...container }] },
});

/** One violating resource per family, sent to the real pack; the expected rule must come back mandatory (or the family's advisory level). */
const cases: [family: string, rule: string, resource: RecordedResource][] = [
  ["eks", "EKS-005", recorded("aws:eks/cluster:Cluster", "c", { name: "c", roleArn: "r", vpcConfig: { subnetIds: ["s"], endpointPrivateAccess: true, endpointPublicAccess: false }, enabledClusterLogTypes: ["api"] })],
  ["node", "NODE-001", recorded("aws:ec2/launchTemplate:LaunchTemplate", "lt", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 } })],
  ["sg", "SG-002", recorded("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 30000, toPort: 30000, cidrIpv4: "0.0.0.0/0", tags: { [LABELS.sgRole]: "node" } })],
  ["kms", "KMS-001", recorded("aws:kms/key:Key", "k", { enableKeyRotation: false })],
  ["ecr", "ECR-001", recorded("aws:ecr/repository:Repository", "repo", { imageScanningConfiguration: { scanOnPush: false } })],
  ["logs", "LOG-002", recorded("aws:cloudwatch/logGroup:LogGroup", "lg", { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/x", retentionInDays: 7 })],
  ["namespace", "NS-001", recorded("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "team-a", labels: { [LABELS.tenant]: "team-a", [PSA_LABELS.enforce]: "baseline" } } })],
  ["network", "NP-001", recorded("kubernetes:core/v1:Namespace", "ns2", { metadata: { name: "team-b", labels: { [LABELS.tenant]: "team-b" } } })],
  ["quota", "QT-004", recorded("kubernetes:core/v1:LimitRange", "lr", { metadata: { name: "lr", namespace: "team-a" }, spec: { limits: [{ type: "Container", max: { cpu: "1" } }] } })],
  ["rbac", "RBAC-003", recorded("kubernetes:rbac.authorization.k8s.io/v1:Role", "role", { metadata: { name: "debug", namespace: "team-a" }, rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }] })],
  ["serviceaccount", "SA-001", recorded("kubernetes:core/v1:Namespace", "ns3", { metadata: { name: "team-c", labels: { [LABELS.tenant]: "team-c" } } })],
  ["pss", "PSS-B03", recorded("kubernetes:core/v1:Pod", "priv", pod({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, privileged: true } }))],
  ["service", "SVC-002", recorded("kubernetes:core/v1:Service", "svc", { metadata: { name: "s", namespace: "team-a" }, spec: { type: "ClusterIP", externalIPs: ["10.0.0.5"] } })],
  ["image", "IMG-002", recorded("kubernetes:core/v1:Pod", "latest", pod({ image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest" }))],
  ["detection", "GD-001", recorded("aws:eks/cluster:Cluster", "c2", { name: "c2", roleArn: "r", vpcConfig: { subnetIds: ["s"] } })],
  ["aws-api", "API-001", recorded("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "quote", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 9443, toPort: 9443, referencedSecurityGroupId: "sg-2", description: "the controller's webhook" })],
  ["ingress", "ING-001", recorded("kubernetes:networking.k8s.io/v1:Ingress", "public", { metadata: { name: "web", namespace: "team-a", annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } }, spec: { ingressClassName: "team-a-alb" } })],
  // With `vpcCni` below (custom networking on) and no ENIConfig in the stack, CoreDNS can never get pod IPs.
  ["ordering", "ORD-002", recorded("aws:eks/addon:Addon", "coredns", { clusterName: "c", addonName: "coredns" })],
  // A role EKS Pod Identity assumes, reading every secret of the account.
  [
    "secrets",
    "SEC-001",
    recorded("aws:iam/role:Role", "pod-role", {
      name: "pod-role",
      assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] }),
      inlinePolicies: [{ name: "all", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }) }],
    }),
  ],
];

/** The vpc-cni add-on that turns custom networking on for the ORD-002 case. */
const vpcCni = recorded("aws:eks/addon:Addon", "vpc-cni", { clusterName: "c", addonName: "vpc-cni", configurationValues: JSON.stringify({ env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true" } }) });

describe("the real pack over the protocol, one rule per family", () => {
  let pack: PackProcess;
  let result: Awaited<ReturnType<typeof analyzeWithPack>>;
  const compliantPod = recorded("kubernetes:core/v1:Pod", "ok", pod({}));

  beforeAll(async () => {
    pack = await startPack();
    result = await analyzeWithPack(pack.port, [...cases.map(([, , r]) => r), compliantPod, vpcCni], { shared: { requireGuardDuty: true }, policies: {} });
  });
  afterAll(() => pack?.stop());

  it("covers every family of the registry", () => {
    expect(new Set(cases.map(([family]) => family))).toEqual(new Set(Object.keys(RULE_FAMILIES)));
  });

  it.each(cases)("%s: %s comes back for its seeded violation", (family, ruleId, resource) => {
    const rule = RULE_FAMILIES[family].find((r) => r.id === ruleId);
    expect(rule).toBeDefined();
    const hits = result.violations.filter((v) => v.rule === ruleId && v.urn === resource.urn);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].level).toBe(rule!.enforcementLevel);
    expect(hits[0].message.startsWith(`${ruleId}: `)).toBe(true);
  });

  it("a restricted pod from the baseline data comes back with no mandatory violation", () => {
    expect(result.violations.filter((v) => v.urn === compliantPod.urn && v.level === "mandatory")).toEqual([]);
  });
});
