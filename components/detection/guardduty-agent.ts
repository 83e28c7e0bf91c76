import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError } from "./args-error";

/** The EKS add-on name of the GuardDuty security agent. */
export const GUARDDUTY_AGENT_ADDON = "aws-guardduty-agent";

/** Add-on version pattern, e.g. `v1.12.1-eksbuild.2`. */
const ADDON_VERSION = /^v\d+\.\d+\.\d+(-eksbuild\.\d+)?$/;

/** Args of the GuardDuty security agent add-on (manual agent management, R2). */
export interface GuardDutyAgentArgs {
  /** The cluster to install the agent on (Cluster.clusterName). */
  readonly clusterName: pulumi.Input<string>;
  /** Pinned add-on version, e.g. `v1.12.1-eksbuild.2` (`aws eks describe-addon-versions --addon-name aws-guardduty-agent`). */
  readonly addonVersion: string;
  /** AWS tags of the add-on (`hardened-cluster.io/component: detection` is added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * Throws a named-field error for bad args. `component`/`prefix` let {@link RuntimeDetection} report its own
 * field (`agent.addonVersion`) for the same checks.
 */
export function validateGuardDutyAgentArgs(name: string, args: Partial<GuardDutyAgentArgs> | undefined, component = "GuardDutyAgent", prefix = ""): void {
  const err = (field: string, problem: string, fix: string) => argError(component, name, `${prefix}${field}`, problem, fix);
  if (!args || args.clusterName === undefined || args.clusterName === null) throw err("clusterName", "is missing", "pass the cluster whose GuardDuty agent add-on to install (Cluster.clusterName)");
  if (!ADDON_VERSION.test(args.addonVersion ?? "")) {
    throw err("addonVersion", `is ${JSON.stringify(args.addonVersion)}`, "pin the aws-guardduty-agent add-on version, e.g. v1.12.1-eksbuild.2 (aws eks describe-addon-versions --addon-name aws-guardduty-agent)");
  }
}

/**
 * The GuardDuty security agent as the managed `aws-guardduty-agent` EKS add-on (a DaemonSet whose pods use pod
 * IPs, in the `amazon-guardduty` namespace). Create it after the detector's RUNTIME_MONITORING feature and
 * once pods can get IPs: after the node pools, and with VPC CNI custom networking after the ENIConfigs (ORD-002),
 * and in strict NetworkPolicy mode after the agent's egress policy (SystemNetworkPolicies). Pass those
 * resources as `dependsOn`; it reaches the add-on itself.
 */
export class GuardDutyAgent extends pulumi.ComponentResource {
  readonly addon: aws.eks.Addon;

  constructor(name: string, args: GuardDutyAgentArgs, opts?: pulumi.ComponentResourceOptions) {
    validateGuardDutyAgentArgs(name, args);
    super("hardened-cluster:detection:GuardDutyAgent", name, {}, opts);
    this.addon = new aws.eks.Addon(
      name,
      {
        clusterName: args.clusterName,
        addonName: GUARDDUTY_AGENT_ADDON,
        addonVersion: args.addonVersion,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        tags: { ...(args.tags ?? {}), "hardened-cluster.io/component": "detection" },
      },
      // The add-on was a direct child of RuntimeDetection before this component: keep its URN's history.
      { parent: this, dependsOn: opts?.dependsOn, aliases: opts?.parent ? [{ parent: opts.parent }] : undefined },
    );
    this.registerOutputs({ addonArn: this.addon.arn });
  }
}
