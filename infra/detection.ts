import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicy } from "../components/cluster/irsa";
import type { Cluster } from "../components/cluster";
import { AlertTopic, AuditAlarms, ResourceExhaustionAlarms, RuntimeDetection } from "../components/detection";
import { HardenedKey } from "../components/kms";
import { EncryptedLogGroup } from "../components/logs";
import { guardDutyEnabled, type PlatformConfig } from "./schema";

/** The CloudWatch agent's service account (namespace:name) installed by the observability add-on. */
export const CLOUDWATCH_AGENT_SERVICE_ACCOUNT = "amazon-cloudwatch:cloudwatch-agent";
/** Managed policy the CloudWatch agent needs to publish Container Insights metrics. */
export const CLOUDWATCH_AGENT_POLICY = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

/** What detection needs from the rest of the AWS layer. */
export interface DetectionInputs {
  readonly config: PlatformConfig;
  readonly region: string;
  readonly cluster: Cluster;
  /** Key for log groups (the Container Insights performance group). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** The node pools: the observability add-on needs nodes to schedule its agents. */
  readonly nodePools: pulumi.Resource[];
  /**
   * Where the observability add-on is created. `this-stack` (same-stack layout): after the pools, which wait
   * for the ENIConfigs. `in-cluster-stack` (split layout): the ENIConfigs exist only once the in-cluster
   * stack ran, and the add-on's operator pod is not host-network, so created here it would never get an IP
   * and time out DEGRADED (audit B3); the in-cluster stack creates it after the ENIConfigs instead.
   */
  readonly observabilityIn: "this-stack" | "in-cluster-stack";
  readonly tags: Record<string, string>;
}

/** What the in-cluster stack needs to create the observability add-on and its node alarms (split layout). */
export interface ObservabilitySpec {
  readonly clusterName: string;
  readonly addonVersion: string;
  /** IRSA role of the CloudWatch agent (created by the AWS stack). */
  readonly serviceAccountRoleArn: pulumi.Input<string>;
  readonly containerLogs: boolean;
  readonly topicArn: pulumi.Input<string>;
  readonly cpuThresholdPercent?: number;
  readonly memoryThresholdPercent?: number;
  /**
   * The GuardDuty security agent add-on, when GuardDuty is on: a DaemonSet whose pods need pod IPs, so in the
   * split layout the in-cluster stack creates it after the ENIConfigs too (ORD-002), with `GuardDutyAgent`.
   */
  readonly guardDutyAgent?: { readonly clusterName: string; readonly addonVersion: string };
}

/** The detection layer as composed. */
export interface Detection {
  readonly topic: AlertTopic;
  readonly auditAlarms: AuditAlarms;
  /** Container Insights and node alarms, when created in this stack. */
  readonly resourceAlarms?: ResourceExhaustionAlarms;
  /** Split layout: the add-on specs the in-cluster stack creates (exported as `observability`). */
  readonly observability?: ObservabilitySpec;
  readonly runtime?: RuntimeDetection;
}

/** The CloudWatch agent's IRSA role name (deterministic, so the deployer may pass exactly this role). */
export function cloudwatchAgentRoleName(clusterName: string): string {
  return `${clusterName}-cloudwatch-agent`;
}


/**
 * Detection (AWS resources only, every environment): a KMS-encrypted alert topic; audit-log metric filters
 * and alarms on the control-plane log group (created before the cluster by the Cluster component);
 * Container Insights (observability add-on, with its performance log group pre-created encrypted and with
 * retention) plus node CPU/memory alarms after the node pools; GuardDuty EKS protection when enabled
 * (default: prod only), its agent add-on after the node pools (same-stack layout) or, like the observability
 * add-on, by the in-cluster stack after the ENIConfigs (split layout: `observability.guardDutyAgent`).
 */
export function composeDetection(inputs: DetectionInputs): Detection {
  const { config, region, cluster, tags } = inputs;
  const name = config.clusterName;
  const detection = config.detection;
  const protect = config.protect;

  const alertsKey = new HardenedKey(`${name}-alerts`, {
    accountId: config.accountId,
    region,
    description: `${name}: security alert topic (CloudWatch alarms, GuardDuty findings)`,
    services: ["alerts"],
    deletionWindowInDays: config.kms.deletionWindowInDays,
    protect,
    tags,
  });
  const topic = new AlertTopic(`${name}-alerts`, {
    accountId: config.accountId,
    region,
    kmsKeyArn: detection.topicKmsKeyArn ?? alertsKey.arn,
    emailEndpoints: detection.alertEmails,
    httpsEndpoints: detection.alertWebhooks,
    tags,
  });

  const auditAlarms = new AuditAlarms(
    `${name}-audit`,
    {
      clusterName: name,
      logGroupName: `/aws/eks/${name}/cluster`,
      topicArn: topic.topicArn,
      privilegedRoles: detection.privilegedRoles,
      platformNamespaces: detection.platformNamespaces,
      overrides: detection.signalOverrides,
      tags,
    },
    { dependsOn: [cluster.logGroup] },
  );

  // The agent would otherwise create this group itself, unencrypted and never expiring (LOG-001/002).
  const performanceLogs = new EncryptedLogGroup(`${name}-container-insights`, {
    name: `/aws/containerinsights/${name}/performance`,
    kmsKeyArn: inputs.logsKeyArn,
    retentionInDays: config.logRetentionDays,
    protect,
    tags,
  });
  const agentRole = new aws.iam.Role(`${name}-cloudwatch-agent`, {
    name: cloudwatchAgentRoleName(name),
    assumeRolePolicy: pulumi.all([cluster.oidcProviderArn, cluster.oidcProviderUrl]).apply(([arn, url]) => irsaTrustPolicy(arn, url, ...(CLOUDWATCH_AGENT_SERVICE_ACCOUNT.split(":") as [string, string]))),
    tags,
  });
  const agentPolicy = new aws.iam.RolePolicyAttachment(`${name}-cloudwatch-agent`, { role: agentRole.name, policyArn: CLOUDWATCH_AGENT_POLICY });
  const spec: ObservabilitySpec = {
    clusterName: name,
    addonVersion: detection.observabilityAddonVersion,
    serviceAccountRoleArn: agentRole.arn,
    containerLogs: detection.containerLogs,
    topicArn: topic.topicArn,
    cpuThresholdPercent: detection.cpuThresholdPercent,
    memoryThresholdPercent: detection.memoryThresholdPercent,
  };
  const resourceAlarms =
    inputs.observabilityIn === "this-stack" ? new ResourceExhaustionAlarms(`${name}-resources`, { ...spec, tags }, { dependsOn: [...inputs.nodePools, performanceLogs, agentPolicy] }) : undefined;

  // Split layout: the agent's pods need pod IPs, which exist only once the in-cluster stack created the
  // ENIConfigs; the detector and its features stay here, the add-on goes to the in-cluster stack (ORD-002).
  const agentHere = inputs.observabilityIn === "this-stack";
  // Validated by the schema: required whenever GuardDuty is on.
  const agentAddonVersion = detection.guardDuty.agentAddonVersion ?? "";
  const runtime = guardDutyEnabled(config)
    ? new RuntimeDetection(`${name}-guardduty`, {
        topicArn: topic.topicArn,
        detectorId: detection.guardDuty.detectorId,
        minSeverity: detection.guardDuty.minSeverity,
        ruleNamePrefix: name,
        agent: agentHere ? { clusterName: cluster.clusterName, addonVersion: agentAddonVersion, dependsOn: inputs.nodePools } : undefined,
        tags,
      })
    : undefined;
  const exported: ObservabilitySpec = runtime && !agentHere ? { ...spec, guardDutyAgent: { clusterName: name, addonVersion: agentAddonVersion } } : spec;

  return { topic, auditAlarms, resourceAlarms, observability: resourceAlarms ? undefined : exported, runtime };
}
