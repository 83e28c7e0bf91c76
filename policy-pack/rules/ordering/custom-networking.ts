/**
 * VPC CNI custom networking, as the ordering rules see it: is it on in this stack, and which EKS add-ons
 * run only host-network pods (and so need no pod IP from an ENIConfig).
 */
import { quietGet, UNKNOWN } from "../../core/fields";
import type { StackResource } from "../../core/rule";
import { addonConfiguration } from "../../core/addon-config";

/** Token of an ENIConfig custom resource. */
export const ENICONFIG = "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig";

/** Token of an EKS add-on. */
export const ADDON = "aws:eks/addon:Addon";

/** Token of a managed node group. */
export const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

/**
 * Add-ons whose pods all use the host network (aws-node and kube-proxy DaemonSets, the Pod Identity agent
 * on the node's link-local address): they start without an ENIConfig. Every other add-on is treated as
 * needing pod IPs (ordering it after the ENIConfigs is never wrong).
 */
export const HOST_NETWORK_ADDONS: readonly string[] = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];

/** The EKS docs on custom networking (ENIConfig before nodes) and the Pod Identity agent (host network). */
export const CUSTOM_NETWORKING_DOCS = "https://docs.aws.amazon.com/eks/latest/userguide/cni-custom-network-tutorial.html · https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html";

/** True when a vpc-cni `configurationValues` (JSON text or object) sets AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG to "true". */
export function enablesCustomNetworking(configurationValues: unknown): boolean {
  const env = addonConfiguration(configurationValues)?.env as Record<string, unknown> | null | undefined;
  return env !== undefined && env !== null && String(env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG).toLowerCase() === "true";
}

/** Whether custom networking is on: by the stack's vpc-cni add-on, or (no vpc-cni add-on here) by the stack creating ENIConfigs. */
export type CustomNetworking = { readonly kind: "on"; readonly by: string } | { readonly kind: "off" } | { readonly kind: "unknown"; readonly urn: string };

/** Decide custom networking for a stack. */
export function customNetworking(resources: readonly StackResource[]): CustomNetworking {
  const cni = resources.filter((r) => r.type === ADDON && quietGet(r.props, "addonName") === "vpc-cni");
  for (const addon of cni) {
    const values = quietGet(addon.props, "configurationValues");
    if (values === UNKNOWN) return { kind: "unknown", urn: addon.urn };
    if (enablesCustomNetworking(values)) return { kind: "on", by: `the vpc-cni add-on ${addon.name} sets AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true` };
  }
  if (cni.length === 0 && resources.some((r) => r.type === ENICONFIG)) return { kind: "on", by: "the stack creates ENIConfigs (its vpc-cni add-on lives in another stack)" };
  return { kind: "off" };
}
