import * as aws from "@pulumi/aws";
import { recordResources, type RecordedResource } from "../../../engine/record";
import { AlertTopic } from "../../../components/detection/alert-topic";
import { AuditAlarms } from "../../../components/detection/audit-alarms";
import { ResourceExhaustionAlarms } from "../../../components/detection/resource-alarms";
import { RuntimeDetection } from "../../../components/detection/runtime-detection";
import { TenantRegistry } from "../../../components/registry/tenant-registry";
import { evaluateAll } from "../../../policy-pack/core/evaluate";
import type { StackResource } from "../../../policy-pack/core/rule";
import { RULES } from "../../../policy-pack/registry";

/** A recorded resource as the pack sees it (props = checked inputs). */
const asStackResource = (r: RecordedResource): StackResource => ({
  type: r.type,
  name: r.name,
  urn: r.urn,
  props: r.inputs,
  parent: r.parent ?? undefined,
  dependencies: r.dependencies,
  propertyDependencies: r.propertyDependencies,
});

/** The platform's EKS log group (written by the logs component in the real program). */
const eksLogGroup = () =>
  new aws.cloudwatch.LogGroup("eks-logs", { name: "/aws/eks/prod-eks/cluster", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/logs" });

describe("detection and registry components pass the pack", () => {
  it("emit no mandatory violation, and satisfy LOG-004 and GD-001", async () => {
    const rs = await recordResources(() => {
      const group = eksLogGroup();
      const topic = new AlertTopic("alerts", { accountId: "123456789012", region: "eu-west-1", emailEndpoints: ["secops@example.com"] });
      new AuditAlarms("audit", { clusterName: "prod-eks", logGroupName: group.name, topicArn: topic.topicArn });
      new ResourceExhaustionAlarms("exhaustion", { clusterName: "prod-eks", addonVersion: "v4.1.0-eksbuild.1", topicArn: topic.topicArn });
      new RuntimeDetection("guardduty", { topicArn: topic.topicArn, agent: { clusterName: "prod-eks", addonVersion: "v1.12.1-eksbuild.2" } });
      new TenantRegistry("images", {
        repositories: ["team-a/api"],
        kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/registry",
        nodeRoleArns: ["arn:aws:iam::123456789012:role/prod-eks-nodes"],
        ciPushPrincipalArns: ["arn:aws:iam::123456789012:role/ci-push"],
        enhancedScanning: true,
      });
    }, { stack: "prod" });
    expect(rs.length).toBeGreaterThan(20);
    const { violations } = evaluateAll(RULES, rs.map(asStackResource), { config: { requireGuardDuty: true } });
    expect(violations.filter((v) => v.level === "mandatory")).toEqual([]);
    // Advisory rules of this area (ECR-004 lifecycle, LOG-004 audit alerts) must not fire either.
    expect(violations.filter((v) => /^(ECR|LOG|GD|KMS)-/.test(v.rule))).toEqual([]);
  });

  it("control: without the components, LOG-004 and GD-001 fire on the same stack", async () => {
    const rs = await recordResources(() => {
      eksLogGroup();
      // GD-001 judges stacks that own a cluster; the cluster itself is the resource it reports on.
      new aws.eks.Cluster("hc-prod", { name: "hc-prod", roleArn: "arn:aws:iam::123456789012:role/eks", vpcConfig: { subnetIds: ["subnet-a"] } });
    }, { stack: "prod" });
    const { violations } = evaluateAll(RULES, rs.map(asStackResource), { config: { requireGuardDuty: true } });
    expect(violations.filter((v) => v.rule === "LOG-004")).toHaveLength(3);
    expect(violations.filter((v) => v.rule === "GD-001")).toHaveLength(1);
  });
});
