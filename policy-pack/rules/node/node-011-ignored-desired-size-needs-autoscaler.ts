import { UNKNOWN, quietGet } from "../../core/fields";
import { nativeStackRule } from "../../core/native";
import type { StackResource } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { NODE_TYPES } from "./types";

const POD_IDENTITY = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const ROLE = "aws:iam/role:Role";

/** Service accounts, images and charts of the autoscalers EKS documents (Cluster Autoscaler, Karpenter). */
const AUTOSCALER_NAME = /^(cluster-autoscaler|karpenter)$/;
const AUTOSCALER_IMAGE = /(^|\/)(cluster-autoscaler|karpenter\/controller)(:|@|$)/;
const IRSA_SUBJECT = /system:serviceaccount:[a-z0-9-]+:(cluster-autoscaler|karpenter)(?![a-z0-9-])/;

/** True when an `ignoreChanges` path covers `scalingConfig.desiredSize` (the path itself, its parent, or everything). */
export function ignoresDesiredSize(paths: readonly string[] | undefined): boolean {
  return (paths ?? []).some((p) => p === "*" || p === "scalingConfig" || /^scalingConfig(\[\d+\])?\.desiredSize$/.test(p) || p === 'scalingConfig["desiredSize"]');
}

/** Whether the stack runs an autoscaler (its identity, its Deployment or its chart), `UNKNOWN` when a candidate field is unknown. */
function autoscalerIn(resources: readonly StackResource[]): boolean | typeof UNKNOWN {
  let unknown = false;
  const test = (value: unknown, re: RegExp): boolean => {
    if (value === UNKNOWN) unknown = true;
    return typeof value === "string" && re.test(value);
  };
  for (const r of resources) {
    if (r.type === POD_IDENTITY && test(quietGet(r.props, "serviceAccount"), AUTOSCALER_NAME)) return true;
    if (r.type === RELEASE && test(quietGet(r.props, "chart"), AUTOSCALER_NAME)) return true;
    if (r.type === ROLE && test(quietGet(r.props, "assumeRolePolicy"), IRSA_SUBJECT)) return true;
    if (r.type === DEPLOYMENT) {
      const containers = quietGet(r.props, "spec.template.spec.containers");
      if (containers === UNKNOWN) unknown = true;
      if (!Array.isArray(containers)) continue;
      for (let i = 0; i < containers.length; i++) if (test(quietGet(containers, `${i}.image`), AUTOSCALER_IMAGE)) return true;
    }
  }
  return unknown ? UNKNOWN : false;
}

/** NODE-011: a node group that leaves `desiredSize` to an autoscaler has one (audit R5). */
export const node011 = nativeStackRule({
  id: "NODE-011",
  name: "ignored-desired-size-needs-autoscaler",
  description:
    "A node group whose scalingConfig.desiredSize is in ignoreChanges hands its size to an autoscaler; the stack must run one (Cluster Autoscaler or Karpenter: its Pod Identity association or IRSA role, Deployment or chart), or the pool stays at its first size forever and maxSize means nothing (a sensitive pool created at 0 never schedules its tenants).",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["node", "aws"],
  seed: ["S1 §5.6", "S3"],
  upstream: "Amazon EKS docs, Scale cluster compute with Karpenter and Cluster Autoscaler; Pulumi ignoreChanges resource option",
  remediation:
    "Install the Cluster Autoscaler (hardened-cluster:autoscaler.enabled: true, components/autoscaler), or drop scalingConfig.desiredSize from ignoreChanges so the stack manages the size.",
  resourceTypes: [NODE_TYPES.nodeGroup, POD_IDENTITY, DEPLOYMENT, RELEASE, ROLE],
  check(resources, report) {
    const autoscaled = resources.filter((r) => r.type === NODE_TYPES.nodeGroup && ignoresDesiredSize(r.ignoreChanges));
    if (autoscaled.length === 0) return;
    const present = autoscalerIn(resources);
    if (present === true) return;
    for (const group of autoscaled) {
      if (present === UNKNOWN) {
        report({ urn: group.urn, ...cannotVerify("whether the stack runs an autoscaler (serviceAccount / image)") });
        continue;
      }
      report({
        urn: group.urn,
        message: `node group ${group.name} ignores changes to scalingConfig.desiredSize, but the stack runs no autoscaler (no cluster-autoscaler or karpenter Pod Identity association, IRSA role, Deployment or chart): its size never changes`,
      });
    }
  },
});
