import * as pulumi from "@pulumi/pulumi";
import { parsePlatformConfig } from "../../infra/config";
import { packConfigFor } from "../../infra/policy-config";
import { loadStackConfig, ofType } from "./stack-config";
import { dependsOnComponent, judge, stackRun } from "./fixtures";

const STACKS = ["dev", "staging", "prod"] as const;

async function resolved(value: unknown): Promise<unknown> {
  return pulumi.Output.isInstance(value) ? new Promise((res) => (value as pulumi.Output<unknown>).apply(res)) : value;
}

describe.each(STACKS)("the %s stack", (stack) => {
  test("runs without error and registers the platform", async () => {
    const { resources } = await stackRun(stack);
    for (const type of ["aws:eks/cluster:Cluster", "aws:ec2/vpc:Vpc"]) expect(ofType(resources, type)).toHaveLength(1);
    expect(ofType(resources, "aws:eks/nodeGroup:NodeGroup")).toHaveLength(3);
  });

  test("zero mandatory violations through the pack's rules (with the stack's exported policyConfig)", async () => {
    const { resources, outputs } = await stackRun(stack);
    const policyConfig = (await resolved(outputs.policyConfig)) as Record<string, unknown>;
    expect(policyConfig).toEqual(packConfigFor(parsePlatformConfig(loadStackConfig(stack))));
    const { violations } = judge(resources, policyConfig);
    const mandatory = violations.filter((v) => v.level === "mandatory");
    expect(mandatory.map((v) => `${v.message} @ ${v.urn}`)).toEqual([]);
    // The audit alarms satisfy LOG-004 in every environment.
    expect(violations.filter((v) => v.rule === "LOG-004")).toEqual([]);
  });

  test("exports what a team stack needs", async () => {
    const { outputs } = await stackRun(stack);
    for (const key of ["clusterName", "kubeconfig", "oidcProviderArn", "oidcProviderUrl", "pools", "policyConfig"]) expect(outputs[key]).toBeDefined();
    const pools = (await resolved(outputs.pools)) as Record<string, { labels: Record<string, string>; taints: unknown[] }>;
    expect(Object.keys(pools).sort()).toEqual(["general", "sensitive", "system"]);
  });

  test("policyConfig carries the generated add-on ports and the trusted principals", async () => {
    const config = parsePlatformConfig(loadStackConfig(stack));
    const pc = packConfigFor(config);
    expect(pc.extraPorts?.map((p) => p.name)).toEqual(config.addonPorts.filter((a) => a.enabled).map((a) => a.name));
    for (const admin of config.admins) expect(pc.clusterAdminPrincipals).toContain(admin.roleArn);
    for (const cidr of pc.trustedCidrs ?? []) expect(cidr).not.toMatch(/\/0$/);
  });
});

describe("production protection", () => {
  test("cluster, KMS keys and log groups are protected; keys are retained on delete; deletion protection on", async () => {
    const { resources } = await stackRun("prod");
    const [cluster] = ofType(resources, "aws:eks/cluster:Cluster");
    expect(cluster.protect).toBe(true);
    expect(cluster.inputs.deletionProtection).toBe(true);
    for (const k of ofType(resources, "aws:kms/key:Key")) {
      expect(k.protect).toBe(true);
      expect(k.retainOnDelete).toBe(true);
    }
    const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup");
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const g of groups) expect(g.protect).toBe(true);
  });

  test.each(["dev", "staging"] as const)("%s is not protected, so it can be torn down", async (stack) => {
    const { resources } = await stackRun(stack);
    const [cluster] = ofType(resources, "aws:eks/cluster:Cluster");
    expect(cluster.protect).toBe(false);
    expect(cluster.inputs.deletionProtection).toBe(false);
    for (const k of ofType(resources, "aws:kms/key:Key")) expect(k.protect).toBe(false);
  });
});

describe("the in-VPC deployer", () => {
  test.each(["staging", "prod"] as const)("%s runs CodeBuild in private deployer subnets with an ingress-free SG", async (stack) => {
    const { resources } = await stackRun(stack);
    const [project] = ofType(resources, "aws:codebuild/project:Project");
    expect(project).toBeDefined();
    const deployerSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-deployer-"));
    expect([...project.inputs.vpcConfig.subnets].sort()).toEqual(deployerSubnets.map((s) => s.outputs.id).sort());
    for (const s of deployerSubnets) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
    const [sgId] = project.inputs.vpcConfig.securityGroupIds;
    expect(ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").some((r) => r.inputs.securityGroupId === sgId)).toBe(false);
    expect(project.inputs.environment.privilegedMode).toBe(false);
    expect(project.inputs.encryptionKey).toMatch(/^arn:aws:kms:/);
    expect(project.inputs.logsConfig.cloudwatchLogs.status).toBe("ENABLED");
    // The deployer subnets reach the private API through the cluster SG's api row.
    const apiFromDeployer = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => deployerSubnets.some((s) => s.inputs.cidrBlock === r.inputs.cidrIpv4));
    expect(apiFromDeployer.map((r) => r.inputs.fromPort)).toEqual(deployerSubnets.map(() => 443));
  });

  test("dev has no deployer (public endpoint limited to the office CIDR instead)", async () => {
    const { resources } = await stackRun("dev");
    expect(ofType(resources, "aws:codebuild/project:Project")).toHaveLength(0);
  });
});

describe("the in-cluster layer", () => {
  const ENICONFIG = "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig";

  test("dev (no deployer) composes it in the same stack: one ENIConfig per AZ on the pod subnets behind the pod SG", async () => {
    const { resources, outputs } = await stackRun("dev");
    expect(outputs.inClusterLayer).toBe("same-stack");
    const eniConfigs = ofType(resources, ENICONFIG);
    const podSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-pods-"));
    expect(eniConfigs.map((e) => e.inputs.metadata.name).sort()).toEqual(podSubnets.map((s) => s.inputs.availabilityZone).sort());
    const podSg = ofType(resources, "aws:ec2/securityGroup:SecurityGroup").find((s) => s.name.endsWith("-pods"))!;
    for (const e of eniConfigs) {
      expect(podSubnets.map((s) => s.outputs.id)).toContain(e.inputs.spec.subnet);
      expect(e.inputs.spec.securityGroups).toEqual([podSg.outputs.id]);
      expect(e.provider).toMatch(/pulumi:providers:kubernetes/);
    }
  });

  test.each(["staging", "prod"] as const)("%s leaves it to the in-cluster stack run by the deployer", async (stack) => {
    const { resources, outputs } = await stackRun(stack);
    expect(outputs.inClusterLayer).toBe("deployer");
    expect(resources.some((r) => r.type.startsWith("kubernetes:"))).toBe(false);
  });
});

describe("bootstrap order", () => {
  test("same stack (dev): ENIConfigs exist before node pools, CoreDNS after them", async () => {
    const { resources } = await stackRun("dev");
    const eni = ofType(resources, "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig").map((e) => e.urn);
    const groups = ofType(resources, "aws:eks/nodeGroup:NodeGroup");
    const parents = new Map(resources.map((r) => [r.urn, r.parent]));
    for (const g of groups) {
      // dependsOn on a component is recorded on the group's component parent or expanded to children.
      const deps = [...g.dependencies, ...(resources.find((r) => r.urn === parents.get(g.urn))?.dependencies ?? [])];
      expect(eni.some((u) => deps.includes(u) || deps.includes(parents.get(u) ?? ""))).toBe(true);
    }
    const coredns = ofType(resources, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "coredns")!;
    const corednsParent = resources.find((r) => r.urn === coredns.parent)!;
    const deps = [...coredns.dependencies, ...corednsParent.dependencies];
    for (const g of groups) expect(deps.includes(g.urn) || deps.includes(g.parent ?? "")).toBe(true);
  });

  test("split stack: the in-cluster stack creates ENIConfigs and CoreDNS's policy, then CoreDNS, then the composed layer", async () => {
    const k8s = await import("@pulumi/kubernetes");
    const { recordResources } = await import("../../engine/record");
    const { runInClusterStack } = await import("../../infra/in-cluster");
    let seen: unknown[] = [];
    const resources = await recordResources(() => {
      const provider = new k8s.Provider("platform", { kubeconfig: "{}" });
      runInClusterStack(
        {
          environment: "prod",
          region: "eu-west-1",
          clusterName: "hc-prod",
          provider,
          oidcProviderArn: "arn:aws:iam::333333333333:oidc-provider/x",
          oidcProviderUrl: "https://x",
          pools: { system: { labels: {}, taints: [] }, general: { labels: {}, taints: [] }, sensitive: { labels: {}, taints: [] } },
          podSecurityGroupId: "sg-pods",
          sensitivePodSecurityGroupId: "sg-sensitive-pods",
          podSubnets: [
            { availabilityZone: "eu-west-1a", subnetId: "subnet-a" },
            { availabilityZone: "eu-west-1b", subnetId: "subnet-b" },
          ],
          corednsVersion: "v1.12.1-eksbuild.2",
          dependsOn: [],
          tenants: [],
          policyConfig: {},
          observability: {
            clusterName: "hc-prod",
            addonVersion: "v4.1.0-eksbuild.1",
            serviceAccountRoleArn: "arn:aws:iam::333333333333:role/hc-prod-cloudwatch-agent",
            containerLogs: false,
            topicArn: "arn:aws:sns:eu-west-1:333333333333:hc-prod-alerts",
            guardDutyAgent: { clusterName: "hc-prod", addonVersion: "v1.12.1-eksbuild.2" },
          },
        },
        (ctx) => {
          seen = ctx.dependsOn;
          return {};
        },
      );
    });
    expect(ofType(resources, "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig")).toHaveLength(2);
    const addons = ofType(resources, "aws:eks/addon:Addon");
    expect(addons.map((a) => a.inputs.addonName).sort()).toEqual(["amazon-cloudwatch-observability", "aws-guardduty-agent", "coredns"]);
    // B3: the observability add-on (non-host-network operator pod) and the GuardDuty agent (DaemonSet on pod
    // IPs, ORD-002) wait for the ENIConfigs, like CoreDNS.
    const networking = ofType(resources, "hardened-cluster:network:PodNetworking")[0];
    for (const addon of addons) expect(dependsOnComponent(resources, resources.find((r) => r.urn === addon.parent)!, networking)).toBe(true);
    // W5: CoreDNS's strict-mode NetworkPolicy exists before CoreDNS.
    const coredns = addons.find((a) => a.inputs.addonName === "coredns")!;
    const policies = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    const policy = policies.find((p) => p.inputs.metadata.name === "coredns-strict-mode")!;
    expect(policy.inputs.metadata).toMatchObject({ name: "coredns-strict-mode", namespace: "kube-system" });
    expect(coredns.dependencies).toContain(policy.urn);
    // W5: the observability operator's and the GuardDuty agent's namespaces get their policy before the add-ons.
    const system = ofType(resources, "hardened-cluster:cluster:SystemNetworkPolicies")[0];
    for (const [addonName, namespace] of [["amazon-cloudwatch-observability", "amazon-cloudwatch"], ["aws-guardduty-agent", "amazon-guardduty"]]) {
      const agentPolicy = policies.find((p) => p.inputs.metadata.namespace === namespace)!;
      expect(agentPolicy.parent).toBe(system.urn);
      expect(agentPolicy.inputs.spec.egress).toContainEqual({ ports: [{ protocol: "TCP", port: 443 }] });
      const addon = addons.find((a) => a.inputs.addonName === addonName)!;
      expect(dependsOnComponent(resources, resources.find((r) => r.urn === addon.parent)!, system)).toBe(true);
    }
    expect(seen).toHaveLength(6);
  });

  test.each(["staging", "prod"] as const)("split layout (%s): the AWS stack creates no observability or GuardDuty agent add-on (B3) and exports their spec instead", async (stack) => {
    const { resources, outputs } = await stackRun(stack);
    expect(ofType(resources, "aws:eks/addon:Addon").map((a) => a.inputs.addonName)).not.toContain("amazon-cloudwatch-observability");
    expect(ofType(resources, "aws:eks/addon:Addon").map((a) => a.inputs.addonName)).not.toContain("aws-guardduty-agent");
    const spec = (await resolved(outputs.observability)) as Record<string, unknown>;
    const config = parsePlatformConfig(loadStackConfig(stack));
    expect(spec).toMatchObject({ clusterName: config.clusterName, addonVersion: config.detection.observabilityAddonVersion, containerLogs: false });
  });

  test("same stack (dev): the observability add-on follows the node pools, which follow the ENIConfigs", async () => {
    const { resources, outputs } = await stackRun("dev");
    expect(outputs.observability).toBeUndefined();
    const addon = ofType(resources, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "amazon-cloudwatch-observability")!;
    const component = resources.find((r) => r.urn === addon.parent)!;
    for (const pool of ofType(resources, "hardened-cluster:node-pool:NodePool")) expect(dependsOnComponent(resources, component, pool)).toBe(true);
  });
});
