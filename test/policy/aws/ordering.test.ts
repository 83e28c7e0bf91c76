import { CreationOrder } from "../../../policy-pack/core/creation-order";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { sdkProxy } from "../../support/unknowns";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const PROJECT = "aws:codebuild/project:Project";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const ADDON = "aws:eks/addon:Addon";
const ENICONFIG = "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig";
const KEY = "aws:kms/key:Key";
const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const COMPONENT = "hardened-cluster:deployer:Deployer";

const role = (name: string, extra: Partial<StackResource> = {}) => resource(ROLE, name, { name, arn: `arn:aws:iam::123456789012:role/${name}` }, extra);
const grant = (type: string, name: string, r: StackResource, extra: Partial<StackResource> = {}) =>
  resource(type, name, { role: r.props.name, policy: "{}" }, { dependencies: [r.urn], propertyDependencies: { role: [r.urn] }, ...extra });
const uses = (type: string, name: string, field: string, r: StackResource, deps: string[] = []) =>
  resource(type, name, { [field]: r.props.arn }, { dependencies: [r.urn, ...deps], propertyDependencies: { [field]: [r.urn] } });

/** B2 as recorded: the project depends on the role but not on the role policy (which waits for the cluster). */
function deployerStack(projectDependsOnPolicy: boolean): StackResource[] {
  const r = role("hc-prod-deployer");
  const p = grant(ROLE_POLICY, "hc-prod-deployer", r);
  return [r, p, uses(PROJECT, "hc-prod-deployer", "serviceRole", r, projectDependsOnPolicy ? [p.urn] : [])];
}

/** A node group whose role attachments are reached only through its parent component's dependsOn (N2 fixed the component way). */
function nodeGroupViaParent(): StackResource[] {
  const r = role("node");
  const a = grant(ATTACH, "node-worker", r);
  const pool = resource("hardened-cluster:node-pool:NodePool", "pool", {}, { dependencies: [a.urn] });
  const g = resource(NODE_GROUP, "general", { nodeRoleArn: r.props.arn }, { parent: pool.urn, dependencies: [r.urn], propertyDependencies: { nodeRoleArn: [r.urn] } });
  return [r, a, pool, g];
}

const cni = (custom: boolean) =>
  resource(ADDON, "vpc-cni", { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true", env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: String(custom) } }) });
const eni = (az: string, extra: Partial<StackResource> = {}) => resource(ENICONFIG, `pods-${az}`, { metadata: { name: az }, spec: { subnet: "s" } }, extra);

const EBS_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::333333333333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" }, Action: ["kms:Decrypt"], Resource: "*" }],
});
const slr = resource(SLR, "autoscaling", { awsServiceName: "autoscaling.amazonaws.com" });

const cases: RuleCase[] = [
  // ORD-001
  { title: "ORD-001 ✘ B2: CodeBuild project not after its role policy", rule: "ORD-001", target: deployerStack(false), expect: mandatory("RolePolicy hc-prod-deployer") },
  { title: "ORD-001 ✔ CodeBuild project with dependsOn on the role policy", rule: "ORD-001", target: deployerStack(true), expect: null },
  {
    title: "ORD-001 ✘ N2: node group after the role but not its attachments",
    rule: "ORD-001",
    target: (() => {
      const r = role("node");
      return [r, grant(ATTACH, "node-worker", r), uses(NODE_GROUP, "general", "nodeRoleArn", r)];
    })(),
    expect: mandatory("RolePolicyAttachment node-worker"),
  },
  { title: "ORD-001 ✔ node group after the attachments through its parent component's dependsOn", rule: "ORD-001", target: nodeGroupViaParent(), expect: null },
  {
    title: "ORD-001 ✔ add-on role joined by ARN value, attachment reached through a dependsOn on a component (expanded to its children)",
    rule: "ORD-001",
    target: (() => {
      const r = role("cw-agent");
      const comp = resource(COMPONENT, "agent-iam", {});
      const a = grant(ATTACH, "cw-agent", r, { parent: comp.urn });
      return [r, comp, a, resource(ADDON, "observability", { addonName: "amazon-cloudwatch-observability", serviceAccountRoleArn: r.props.arn }, { dependencies: [comp.urn] })];
    })(),
    expect: null,
  },
  {
    title: "ORD-001 ✘ EKS cluster after one of two attachments",
    rule: "ORD-001",
    target: (() => {
      const r = role("cluster");
      const a1 = grant(ATTACH, "cluster-policy", r);
      const a2 = grant(ATTACH, "vpc-controller", r);
      return [r, a1, a2, uses("aws:eks/cluster:Cluster", "c", "roleArn", r, [a1.urn])];
    })(),
    expect: mandatory("vpc-controller", 1),
  },
  // ORD-002
  {
    title: "ORD-002 ✘ B3: observability add-on with custom networking and no ENIConfig in the stack",
    rule: "ORD-002",
    target: [cni(true), resource(ADDON, "observability", { addonName: "amazon-cloudwatch-observability" })],
    expect: mandatory("no ENIConfig"),
  },
  { title: "ORD-002 ✔ host-network add-ons need no ENIConfig", rule: "ORD-002", target: [cni(true), resource(ADDON, "kube-proxy", { addonName: "kube-proxy" }), resource(ADDON, "pia", { addonName: "eks-pod-identity-agent" })], expect: null },
  { title: "ORD-002 ✔ custom networking off", rule: "ORD-002", target: [cni(false), resource(ADDON, "coredns", { addonName: "coredns" })], expect: null },
  { title: "ORD-002 advisory: node groups with custom networking and no ENIConfig in the stack (recycle later)", rule: "ORD-002", target: [cni(true), resource(NODE_GROUP, "g", {})], expect: advisory("recycled") },
  {
    title: "ORD-002 ✘ node group not after the second ENIConfig",
    rule: "ORD-002",
    target: (() => {
      const a = eni("eu-west-1a");
      const b = eni("eu-west-1b");
      return [cni(true), a, b, resource(NODE_GROUP, "g", {}, { dependencies: [a.urn] })];
    })(),
    expect: mandatory("ENIConfig pods-eu-west-1b"),
  },
  {
    title: "ORD-002 ✔ in-cluster stack: ENIConfigs (custom networking implied) then CoreDNS through its parent's dependsOn",
    rule: "ORD-002",
    target: (() => {
      const net = resource("hardened-cluster:network:PodNetworking", "pod-networking", {});
      const a = eni("eu-west-1a", { parent: net.urn });
      const dns = resource("hardened-cluster:cluster:ClusterAddons", "dns", {}, { dependencies: [a.urn] });
      return [net, a, dns, resource(ADDON, "coredns", { addonName: "coredns" }, { parent: dns.urn })];
    })(),
    expect: null,
  },
  // ORD-003
  { title: "ORD-003 advisory B4: EBS key names the Auto Scaling SLR the stack does not create", rule: "ORD-003", target: [resource(KEY, "ebs", { policy: EBS_POLICY })], expect: advisory("AWSServiceRoleForAutoScaling") },
  { title: "ORD-003 ✘ B4 on a fresh account (config freshAccount)", rule: "ORD-003", target: [resource(KEY, "ebs", { policy: EBS_POLICY })], config: { freshAccount: true }, expect: mandatory("freshAccount") },
  { title: "ORD-003 ✘ SLR in the stack but the key is not ordered after it", rule: "ORD-003", target: [slr, resource(KEY, "ebs", { policy: EBS_POLICY }, { dependencies: ["urn:x"] })], expect: mandatory("not ordered after") },
  { title: "ORD-003 ✔ key with dependsOn on the SLR", rule: "ORD-003", target: [slr, resource(KEY, "ebs", { policy: EBS_POLICY }, { dependencies: [slr.urn] })], config: { freshAccount: true }, expect: null },
  // ORD-004
  {
    title: "ORD-004 ✘ N1: access entry names the stack's role by a literal ARN with no dependency",
    rule: "ORD-004",
    target: (() => {
      const r = role("hc-prod-deployer");
      return [r, resource(ENTRY, "deployer", { clusterName: "c", principalArn: "arn:aws:iam::333333333333:role/hc-prod-deployer" }, { dependencies: ["urn:cluster"] })];
    })(),
    expect: mandatory("role hc-prod-deployer"),
  },
  {
    title: "ORD-004 ✔ access entry with principalArn = role.arn",
    rule: "ORD-004",
    target: (() => {
      const r = role("admin");
      return [r, uses(ENTRY, "admin", "principalArn", r)];
    })(),
    expect: null,
  },
  { title: "ORD-004 ✔ principal outside the stack", rule: "ORD-004", target: [role("other"), resource(ENTRY, "e", { principalArn: "arn:aws:iam::333333333333:role/breakglass" }, { dependencies: ["urn:cluster"] })], expect: null },
];

describe("ordering rules", () => {
  runCases(cases);
});

describe("ordering rules without a dependency graph", () => {
  it.each([
    ["ORD-001", deployerStack(false).map((r) => ({ ...r, dependencies: [], propertyDependencies: {} }))],
    [
      "ORD-002",
      [cni(true), eni("eu-west-1a"), resource(NODE_GROUP, "g", {})],
    ],
    ["ORD-003", [slr, resource(KEY, "ebs", { policy: EBS_POLICY })]],
    ["ORD-004", [role("r"), resource(ENTRY, "e", { principalArn: "arn:aws:iam::333333333333:role/r" })]],
  ] as const)("%s reports 'cannot verify' (advisory) instead of passing when the engine sent no graph", (rule, target) => {
    const vs = violationsOf(rule, [...target]);
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      expect(v.level).toBe("advisory");
      expect(v.message).toMatch(new RegExp(`^${rule}: cannot verify .* the engine sent no dependency graph`));
    }
  });

  it("an unknown join field is 'cannot verify', not a pass or a failure", () => {
    const r = role("x");
    const project = resource(PROJECT, "p", {}, { dependencies: [r.urn] });
    const unknown = { ...project, props: sdkProxy.unknownCheckingProxy({ serviceRole: sdkProxy.unknownStringValue }) };
    const vs = violationsOf("ORD-001", [r, grant(ROLE_POLICY, "p", r), unknown]);
    expect(vs.map((v) => [v.level, v.message])).toEqual([["advisory", expect.stringMatching(/^ORD-001: cannot verify serviceRole at preview/)]]);
  });
});

describe("CreationOrder (the engine's graph)", () => {
  const a = resource("aws:s3/bucket:Bucket", "a", {});
  const comp = resource(COMPONENT, "comp", {}, { dependencies: [a.urn] });
  const child = resource("aws:s3/bucket:Bucket", "child", {}, { parent: comp.urn });
  const sub = resource("hardened-cluster:x:Sub", "sub", {}, { parent: comp.urn });
  const grandchild = resource("aws:s3/bucket:Bucket", "grandchild", {}, { parent: sub.urn });
  const customParent = resource("aws:s3/bucket:Bucket", "custom-parent", {}, { parent: comp.urn });
  const underCustom = resource("aws:s3/bucket:Bucket", "under-custom", {}, { parent: customParent.urn });
  const onComp = resource("aws:s3/bucket:Bucket", "on-comp", {}, { dependencies: [comp.urn] });
  const order = new CreationOrder([a, comp, child, sub, grandchild, customParent, underCustom, onComp]);

  it("a child comes after its component parent's dependsOn (through the parent edge)", () => {
    expect(order.isBefore(a.urn, child.urn)).toBe(true);
    expect(order.isBefore(a.urn, grandchild.urn)).toBe(true);
  });

  it("depending on a component means after all its descendants through component children, not below custom resources", () => {
    expect(order.isBefore(child.urn, onComp.urn)).toBe(true);
    expect(order.isBefore(grandchild.urn, onComp.urn)).toBe(true);
    expect(order.isBefore(customParent.urn, onComp.urn)).toBe(true);
    expect(order.isBefore(underCustom.urn, onComp.urn)).toBe(false);
  });

  it("is not symmetric and is transitive only along recorded edges", () => {
    expect(order.isBefore(child.urn, a.urn)).toBe(false);
    expect(order.isBefore(onComp.urn, child.urn)).toBe(false);
    expect(new CreationOrder([a, resource("aws:s3/bucket:Bucket", "b", {})]).recorded).toBe(false);
    expect(order.recorded).toBe(true);
  });
});
