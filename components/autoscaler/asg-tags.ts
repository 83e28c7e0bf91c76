import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AUTODISCOVERY_TAG, clusterOwnershipTag } from "./permissions";

/** A node taint in EKS spelling (`NO_SCHEDULE`, …), as NodePool exposes it. */
interface EksTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

const K8S_EFFECT = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" } as const;

/**
 * The ASG tags the Cluster Autoscaler reads (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md):
 * auto-discovery (`k8s.io/cluster-autoscaler/enabled`, `k8s.io/cluster-autoscaler/<cluster>` = `owned`, which EKS also
 * sets on managed node groups) and the node template for scaling up from zero nodes:
 * `k8s.io/cluster-autoscaler/node-template/label/<label>` = value and `…/taint/<key>` = `<value>:<Effect>`.
 */
export function nodeTemplateTags(clusterName: string, labels: Readonly<Record<string, string>>, taints: readonly EksTaint[]): Record<string, string> {
  return {
    [AUTODISCOVERY_TAG]: "true",
    [clusterOwnershipTag(clusterName)]: "owned",
    ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [`k8s.io/cluster-autoscaler/node-template/label/${k}`, v])),
    ...Object.fromEntries(taints.map((t) => [`k8s.io/cluster-autoscaler/node-template/taint/${t.key}`, `${t.value}:${K8S_EFFECT[t.effect]}`])),
  };
}

/** Arguments of {@link NodeTemplateTags}. */
export interface NodeTemplateTagsArgs {
  /** EKS cluster name (literal: the ownership tag names it). */
  readonly clusterName: string;
  /** The managed node group whose Auto Scaling group is tagged (`pool.nodeGroup`). */
  readonly nodeGroup: aws.eks.NodeGroup;
  /** The pool's node labels (`pool.labels`). */
  readonly labels: Readonly<Record<string, string>>;
  /** The pool's taints (`pool.taints`). */
  readonly taints: readonly EksTaint[];
}

/**
 * Tags a managed node group's Auto Scaling group with {@link nodeTemplateTags}, one `aws.autoscaling.Tag` each (not
 * propagated to instances): EKS does not copy node-group labels and taints to the ASG, and the autoscaler asks EKS
 * (`eks:DescribeNodegroup`) only for a group that has never had a node, so without these a pool scaled back to zero
 * (the sensitive pool in dev) would never be scaled up for pods that select it or tolerate its taint.
 */
export class NodeTemplateTags extends pulumi.ComponentResource {
  readonly tags: readonly aws.autoscaling.Tag[];

  constructor(name: string, args: NodeTemplateTagsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hardened-cluster:autoscaler:NodeTemplateTags", name, {}, opts);
    const asgName = args.nodeGroup.resources.apply((r) => r?.[0]?.autoscalingGroups?.[0]?.name ?? "");
    this.tags = Object.entries(nodeTemplateTags(args.clusterName, args.labels, args.taints)).map(
      ([key, value]) =>
        new aws.autoscaling.Tag(
          `${name}-${key.replace(/^k8s\.io\/cluster-autoscaler\//, "").replace(/[^a-zA-Z0-9-]/g, "-")}`,
          { autoscalingGroupName: asgName, tag: { key, value, propagateAtLaunch: false } },
          { parent: this },
        ),
    );
    this.registerOutputs({});
  }
}
