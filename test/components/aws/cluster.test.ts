import * as pulumi from "@pulumi/pulumi";
import { recordResources } from "../../../engine/record";
import { Cluster, CONTROL_PLANE_LOG_TYPES, type ClusterArgs } from "../../../components/cluster";
import { parsePlatformConfig } from "../../../infra/config";
import { loadStackConfig, ofType } from "../../infra/stack-config";
import { stackRun } from "../../infra/fixtures";

const CLUSTER = "aws:eks/cluster:Cluster";

describe.each(["dev", "staging", "prod"] as const)("Cluster in the %s stack", (stack) => {
  test("private endpoint on; public endpoint off unless CIDRs are listed, never the world", async () => {
    const { resources } = await stackRun(stack);
    const [cluster] = ofType(resources, CLUSTER);
    const vpc = cluster.inputs.vpcConfig;
    expect(vpc.endpointPrivateAccess).toBe(true);
    if (vpc.endpointPublicAccess) {
      expect(vpc.publicAccessCidrs.length).toBeGreaterThan(0);
      for (const c of vpc.publicAccessCidrs) expect(c).not.toMatch(/\/0$/);
    } else {
      expect(vpc.endpointPublicAccess).toBe(false);
    }
  });

  test("secrets encrypted with the in-stack customer key; all five log types; API auth; no creator admin; pinned version", async () => {
    const { resources } = await stackRun(stack);
    const [cluster] = ofType(resources, CLUSTER);
    expect(cluster.inputs.encryptionConfig.resources).toEqual(["secrets"]);
    const keyUrns = ofType(resources, "aws:kms/key:Key").map((k) => k.urn);
    expect(cluster.propertyDependencies.encryptionConfig.some((u) => keyUrns.includes(u))).toBe(true);
    expect(cluster.inputs.encryptionConfig.provider.keyArn).toMatch(/^arn:aws:kms:/);
    expect([...cluster.inputs.enabledClusterLogTypes].sort()).toEqual([...CONTROL_PLANE_LOG_TYPES].sort());
    expect(cluster.inputs.accessConfig).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
    expect(cluster.inputs.version).toMatch(/^1\.(3[3-9]|[4-9]\d)$/);
  });

  test("the control-plane log group is named for the cluster, encrypted, retained, and created first", async () => {
    const { resources } = await stackRun(stack);
    const [cluster] = ofType(resources, CLUSTER);
    const group = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === `/aws/eks/${cluster.inputs.name}/cluster`)!;
    expect(group).toBeDefined();
    expect(group.inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
    expect(group.inputs.retentionInDays).toBeGreaterThanOrEqual(365);
    expect(cluster.dependencies).toContain(group.urn);
  });

  test("vpc-cni enforces NetworkPolicy; add-ons pinned (CoreDNS here only when the in-cluster layer is in this stack)", async () => {
    const { resources, outputs } = await stackRun(stack);
    const addons = ofType(resources, "aws:eks/addon:Addon");
    const guardDuty = ofType(resources, "aws:guardduty/detectorFeature:DetectorFeature").length > 0;
    const secretsDriver = parsePlatformConfig(loadStackConfig(stack)).secrets?.enabled === true;
    // CoreDNS, the observability and GuardDuty agent add-ons need pod IPs (ENIConfigs): in the split layout the in-cluster stack creates them (B3).
    const expected = [
      "eks-pod-identity-agent",
      "kube-proxy",
      "vpc-cni",
      ...(outputs.inClusterLayer === "same-stack" ? ["amazon-cloudwatch-observability", "coredns"] : []),
      // R2: with GuardDuty on, the platform installs the security agent itself; it needs pod IPs too, so in the
      // split layout the in-cluster stack creates it after the ENIConfigs (ORD-002).
      ...(guardDuty && outputs.inClusterLayer === "same-stack" ? ["aws-guardduty-agent"] : []),
      // Secrets on demand: the Secrets Store CSI driver + AWS provider add-on, with the in-cluster layer (pod IPs).
      ...(secretsDriver && outputs.inClusterLayer === "same-stack" ? ["aws-secrets-store-csi-driver-provider"] : []),
    ].sort();
    expect(addons.map((a) => a.inputs.addonName).sort()).toEqual(expected);
    for (const a of addons) expect(a.inputs.addonVersion).toMatch(/^v\d+\.\d+\.\d+/);
    const cni = addons.find((a) => a.inputs.addonName === "vpc-cni")!;
    expect(JSON.parse(cni.inputs.configurationValues).enableNetworkPolicy).toBe("true");
    // W5: strict mode (standard mode started new pods default-allow).
    expect(JSON.parse(cni.inputs.configurationValues).env.NETWORK_POLICY_ENFORCING_MODE).toBe("strict");
  });

  test("admins get explicit access entries, never system:masters; OIDC thumbprint from tls", async () => {
    const { resources } = await stackRun(stack);
    const allEntries = ofType(resources, "aws:eks/accessEntry:AccessEntry");
    for (const e of allEntries) expect(e.inputs.kubernetesGroups ?? []).not.toContain("system:masters");
    // Admin entries belong to the Cluster component (admins owned elsewhere) or to an MfaAdminRole (admin roles the
    // platform creates, MFA-gated); tenant entries (Tenant component) carry no access policy.
    const [clusterComponent] = ofType(resources, "hardened-cluster:cluster:Cluster");
    const adminOwners = new Set([clusterComponent.urn, ...ofType(resources, "hardened-cluster:admin-access:MfaAdminRole").map((c) => c.urn)]);
    const entries = allEntries.filter((e) => adminOwners.has(e.parent ?? ""));
    expect(entries.length).toBeGreaterThan(0);
    const assoc = ofType(resources, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    expect(assoc.map((a) => a.inputs.principalArn).sort()).toEqual(entries.map((e) => e.inputs.principalArn).sort());
    const [oidc] = ofType(resources, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    expect(oidc.inputs.thumbprintLists).toEqual(["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]);
    expect(oidc.inputs.clientIdLists).toEqual(["sts.amazonaws.com"]);
  });

  test("kubeconfig is a secret output and feeds a Kubernetes provider", async () => {
    const { resources, outputs } = await stackRun(stack);
    expect(pulumi.Output.isInstance(outputs.kubeconfig)).toBe(true);
    expect(await pulumi.isSecret(outputs.kubeconfig as pulumi.Output<string>)).toBe(true);
    expect(ofType(resources, "pulumi:providers:kubernetes")).toHaveLength(1);
  });
});

const goodArgs: ClusterArgs = {
  name: "c1",
  version: "1.33",
  region: "eu-west-1",
  accountId: "123456789012",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-1",
  secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abc",
  logsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/def",
  admins: [],
  addonVersions: { vpcCni: "v1.20.4-eksbuild.1", kubeProxy: "v1.33.3-eksbuild.4", podIdentityAgent: "v1.3.8-eksbuild.2" },
};

describe("Cluster argument validation (nothing registered)", () => {
  test.each([
    ["publicAccess.cidrs", { publicAccess: { enabled: true, cidrs: ["0.0.0.0/0"] } }],
    ["publicAccess.cidrs", { publicAccess: { enabled: true, cidrs: [] } }],
    ["secretsKeyArn", { secretsKeyArn: "" }],
    ["secretsKeyArn", { secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/aws/eks" }],
    ["logsKeyArn", { logsKeyArn: "" }],
    ["version", { version: "1.28" }],
    ["principalArn", { admins: [{ name: "x", principalArn: "arn:aws:iam::123456789012:user/bob" }] }],
  ] as const)("rejects a bad %s", async (field, patch) => {
    let error: Error | undefined;
    const recorded = await recordResources(() => {
      try {
        new Cluster("c1", { ...goodArgs, ...(patch as Partial<ClusterArgs>) });
      } catch (e) {
        error = e as Error;
      }
    });
    expect(error?.message).toContain(field);
    expect(recorded).toHaveLength(0);
  });

  test("deletion protection and protect are set when asked (prod)", async () => {
    const recorded = await recordResources(() => new Cluster("c1", { ...goodArgs, deletionProtection: true, protect: true }));
    const [cluster] = ofType(recorded, CLUSTER);
    expect(cluster.inputs.deletionProtection).toBe(true);
    expect(cluster.protect).toBe(true);
  });
});
