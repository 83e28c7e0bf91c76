import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LABELS, SENSITIVE_POOL } from "../../policy-pack/baseline/labels";
import { DEFAULT_PACK_CONFIG } from "../../policy-pack/core/config";

export { NodeRole, type NodeRoleArgs } from "./role";
export { SensitivePodSecurityGroups, SECURITY_GROUP_POLICY, SENSITIVE_POD_SG_POLICY_NAME, type SensitivePodSecurityGroupsArgs } from "./pod-security-group";

/** The three pool kinds of the platform. */
export const POOL_KINDS = ["system", "general", "sensitive"] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** A node taint in EKS spelling. */
export interface PoolTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** Arguments of {@link NodePool}. */
export interface NodePoolArgs {
  /** Name of the EKS cluster the node group joins, e.g. `cluster.clusterName`. */
  readonly clusterName: pulumi.Input<string>;
  /** Pool kind: `sensitive` is tainted and labelled for sensitive tenants; `system` for critical add-ons. */
  readonly kind: PoolKind;
  /**
   * ARN of the node IAM role, e.g. `nodeRole.arn` ({@link NodeRole}: only the managed policies nodes need).
   * Required.
   */
  readonly nodeRoleArn: pulumi.Input<string>;
  /** Private subnets only. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The Firewall's node SG. */
  readonly securityGroupIds: pulumi.Input<string>[];
  /** Customer KMS key for the EBS volumes (NODE-002). Required. */
  readonly ebsKmsKeyArn: pulumi.Input<string>;
  /** EC2 instance types of the group, e.g. `["m6i.large"]` (at least one). */
  readonly instanceTypes: readonly string[];
  /** Minimum node count; `0 <= minSize <= desiredSize`. */
  readonly minSize: number;
  /** Maximum node count; `maxSize >= desiredSize` and at least 1. */
  readonly maxSize: number;
  /** Node count: the initial one when {@link NodePoolArgs.autoscaled} (the autoscaler owns it afterwards), else kept by the stack. */
  readonly desiredSize: number;
  /**
   * A Cluster Autoscaler manages the group (components/autoscaler): later `desiredSize` changes are ignored
   * (`ignoreChanges`) so a deploy never resets what the autoscaler chose. Without one, the stack keeps `desiredSize`.
   * Default false.
   */
  readonly autoscaled?: boolean;
  /** AMI type; default `BOTTLEROCKET_x86_64` for sensitive pools, `AL2023_x86_64_STANDARD` otherwise. */
  readonly amiType?: string;
  /** Root (AL2023) or data (Bottlerocket) volume size. Default 50. */
  readonly diskSizeGiB?: number;
  /** IMDS hop limit: only 1 is accepted (pods behind a second hop could read node credentials, NODE-001). Default 1. */
  readonly metadataHopLimit?: number;
  /** `ON_DEMAND` (default) or `SPOT` (cheaper, interruptible; avoid for `system` and `sensitive` pools). */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /**
   * The node role's policy attachments (`NodeRole.attachments`): the node group waits for them (N2), so nodes never
   * launch with a role that cannot join or pull, and on destroy the policies outlive the group. Default none.
   */
  readonly nodeRolePolicies?: readonly pulumi.Resource[];
  /** AWS tags of the node group, its instances and volumes (the pool label is added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** Taints of a pool kind. */
export function taintsFor(kind: PoolKind): PoolTaint[] {
  switch (kind) {
    case "sensitive":
      return [{ key: LABELS.pool, value: SENSITIVE_POOL, effect: "NO_SCHEDULE" }];
    case "system":
      return [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }];
    case "general":
      return [];
  }
}

/** Labels of a pool kind: the pool label always matches the pool's taint value (NODE-005). */
export function labelsFor(kind: PoolKind): Record<string, string> {
  return { [LABELS.pool]: kind === "sensitive" ? SENSITIVE_POOL : kind };
}

/** Default AMI type of a pool kind. */
export function defaultAmiType(kind: PoolKind): string {
  return kind === "sensitive" ? "BOTTLEROCKET_x86_64" : "AL2023_x86_64_STANDARD";
}

/** Block devices to map: Bottlerocket has an OS volume (/dev/xvda) and a data volume (/dev/xvdb). */
export function blockDevicesFor(amiType: string, diskSizeGiB: number, kmsKeyId: pulumi.Input<string>): aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[] {
  const ebs = (size: number) => ({ encrypted: "true", kmsKeyId, volumeType: "gp3", volumeSize: size, deleteOnTermination: "true" });
  if (amiType.startsWith("BOTTLEROCKET_")) {
    return [
      { deviceName: "/dev/xvda", ebs: ebs(4) },
      { deviceName: "/dev/xvdb", ebs: ebs(diskSizeGiB) },
    ];
  }
  return [{ deviceName: "/dev/xvda", ebs: ebs(diskSizeGiB) }];
}

/**
 * A managed node group on a hardened launch template: IMDSv2 required with hop limit 1, every mapped volume
 * encrypted with a customer key, no SSH key and no remote access, an allowed AMI family, private subnets,
 * the pool label and (sensitive/system) a matching NoSchedule taint.
 */
export class NodePool extends pulumi.ComponentResource {
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly nodeGroup: aws.eks.NodeGroup;
  readonly labels: Record<string, string>;
  readonly taints: PoolTaint[];

  constructor(name: string, args: NodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    validateNodePoolArgs(name, args);
    super("hardened-cluster:node-pool:NodePool", name, {}, opts);
    const tags = { ...args.tags, [LABELS.pool]: args.kind };
    const amiType = args.amiType ?? defaultAmiType(args.kind);
    this.labels = labelsFor(args.kind);
    this.taints = taintsFor(args.kind);

    this.launchTemplate = new aws.ec2.LaunchTemplate(
      name,
      {
        description: `Hardened launch template for the ${args.kind} pool`,
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        blockDeviceMappings: blockDevicesFor(amiType, args.diskSizeGiB ?? 50, args.ebsKmsKeyArn),
        vpcSecurityGroupIds: args.securityGroupIds,
        updateDefaultVersion: true,
        tagSpecifications: [
          { resourceType: "instance", tags: { ...tags, Name: name } },
          { resourceType: "volume", tags: { ...tags, Name: name } },
        ],
        tags,
      },
      { parent: this },
    );

    this.nodeGroup = new aws.eks.NodeGroup(
      name,
      {
        clusterName: args.clusterName,
        nodeGroupNamePrefix: `${args.kind}-`,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        amiType,
        capacityType: args.capacityType ?? "ON_DEMAND",
        instanceTypes: [...args.instanceTypes],
        scalingConfig: { minSize: args.minSize, maxSize: args.maxSize, desiredSize: args.desiredSize },
        updateConfig: { maxUnavailable: 1 },
        launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply((v) => String(v)) },
        labels: this.labels,
        taints: this.taints.map((t) => ({ ...t })),
        tags,
      },
      { parent: this, ignoreChanges: args.autoscaled === true ? ["scalingConfig.desiredSize"] : [], dependsOn: [...(args.nodeRolePolicies ?? [])] },
    );
    this.registerOutputs({ labels: this.labels, taints: this.taints, nodeGroupName: this.nodeGroup.nodeGroupName });
  }
}

function validateNodePoolArgs(name: string, args: NodePoolArgs): void {
  const where = `NodePool ${name}`;
  if (!(POOL_KINDS as readonly string[]).includes(args.kind)) throw new Error(`${where}: kind "${args.kind}" must be one of ${POOL_KINDS.join(", ")}`);
  if (args.metadataHopLimit !== undefined && args.metadataHopLimit !== 1) {
    throw new Error(`${where}: metadataHopLimit ${args.metadataHopLimit} is not allowed; it must be 1 so pods cannot reach node credentials (NODE-001)`);
  }
  if (!args.ebsKmsKeyArn) throw new Error(`${where}: ebsKmsKeyArn is required (volumes are encrypted with a customer key, NODE-002)`);
  const ami = args.amiType ?? defaultAmiType(args.kind);
  if (ami.startsWith("AL2_") || !DEFAULT_PACK_CONFIG.allowedAmiTypes.some((p) => ami.startsWith(p))) {
    throw new Error(`${where}: amiType "${ami}" is not allowed; use ${DEFAULT_PACK_CONFIG.allowedAmiTypes.map((p) => `${p}*`).join(" or ")} (NODE-007)`);
  }
  if (args.instanceTypes.length === 0) throw new Error(`${where}: instanceTypes is empty; list at least one`);
  if (!(args.minSize >= 0 && args.minSize <= args.desiredSize && args.desiredSize <= args.maxSize && args.maxSize >= 1)) {
    throw new Error(`${where}: sizes must satisfy 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1 (got ${args.minSize}/${args.desiredSize}/${args.maxSize})`);
  }
}
