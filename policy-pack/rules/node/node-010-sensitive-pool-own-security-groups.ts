import { nativeStackRule } from "../../core/native";
import type { StackResource } from "../../core/rule";
import { findTenants, namespaceOf } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { describeIdentity, identitiesOf, poolOf, shared, type Identities } from "./pool-isolation";
import { NODE_TYPES } from "./types";

const SG = "aws:ec2/securityGroup:SecurityGroup";
/** The VPC CNI's custom-networking config (the pod SG of every pod without a SecurityGroupPolicy). */
export const ENICONFIG_TYPE = "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig";
/** Security groups for pods (VPC resource controller). */
export const SECURITY_GROUP_POLICY_TYPE = "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy";

/** SG identities of a node group's launch template (`vpcSecurityGroupIds`), or undefined when the template is not in the stack. */
function nodeSecurityGroups(group: StackResource, byUrn: ReadonlyMap<string, StackResource>): Identities | undefined {
  const template = (group.propertyDependencies.launchTemplate ?? []).map((u) => byUrn.get(u)).find((r) => r?.type === NODE_TYPES.launchTemplate);
  if (!template) return undefined;
  return identitiesOf(template, "vpcSecurityGroupIds", "vpcSecurityGroupIds", byUrn, [SG]);
}

/** NODE-010: the sensitive pool's node SG and its pods' SG are their own (audit W6). */
export const node010 = nativeStackRule({
  id: "NODE-010",
  name: "sensitive-pool-own-security-groups",
  description:
    "The sensitive pool must not share a node security group with another pool (its launch template's vpcSecurityGroupIds), and a SecurityGroupPolicy in a sensitive tenant namespace must not name a pod security group that an ENIConfig puts on every other pod.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "sg", "aws"],
  seed: ["S1 §5.6", "S1 §5.4.1", "S2"],
  upstream: "EKS user guide: Security groups for Pods, custom networking (ENIConfig); EKS best practices (tenant isolation)",
  remediation:
    "Put the Firewall's sensitive-node SG on the sensitive pool's launch template and the sensitive-pods SG in the sensitive namespaces' SecurityGroupPolicy (infra/pools.ts, components/node-pool/pod-security-group.ts).",
  resourceTypes: [NODE_TYPES.nodeGroup, NODE_TYPES.launchTemplate, SG, ENICONFIG_TYPE, SECURITY_GROUP_POLICY_TYPE, "kubernetes:core/v1:Namespace"],
  check(resources, report, config) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const groups = resources.filter((r) => r.type === NODE_TYPES.nodeGroup);
    const others = groups.filter((g) => poolOf(g, config) === "other").map((g) => ({ g, sgs: nodeSecurityGroups(g, byUrn) }));
    for (const group of groups) {
      const pool = poolOf(group, config);
      if (pool !== "sensitive") continue; // NODE-009 reports unknown pools
      const mine = nodeSecurityGroups(group, byUrn);
      if (!mine) continue; // NODE-003S reports a template outside the stack
      if (mine.unknown) {
        report({ urn: group.urn, ...cannotVerify("launchTemplate.vpcSecurityGroupIds") });
        continue;
      }
      for (const other of others) {
        const common = other.sgs ? shared(mine.keys, other.sgs.keys) : [];
        if (common.length === 0) continue;
        report({
          urn: group.urn,
          message: `the sensitive node group's launch template shares node security group ${common.map((k) => describeIdentity(k, byUrn)).join(", ")} with node group ${other.g.name}: general nodes reach sensitive nodes on every port that group opens to itself`,
        });
      }
    }

    // Pod SGs: what the ENIConfigs give every pod vs what a sensitive namespace's SecurityGroupPolicy gives its pods.
    const general = new Set<string>();
    for (const e of resources.filter((r) => r.type === ENICONFIG_TYPE)) for (const k of identitiesOf(e, "spec.securityGroups", "spec", byUrn, [SG]).keys) general.add(k);
    if (general.size === 0) return;
    const { tenants } = findTenants(resources, config);
    for (const policy of resources.filter((r) => r.type === SECURITY_GROUP_POLICY_TYPE)) {
      if (!readMaybeUnknown(() => policy.props?.metadata?.namespace).known) {
        report({ urn: policy.urn, ...cannotVerify("metadata.namespace") });
        continue;
      }
      const namespace = namespaceOf(policy);
      if (!tenants.get(namespace)?.sensitive) continue;
      const mine = identitiesOf(policy, "spec.securityGroups.groupIds", "spec", byUrn, [SG]);
      if (mine.unknown) {
        report({ urn: policy.urn, ...cannotVerify("spec.securityGroups.groupIds") });
        continue;
      }
      const common = shared(mine.keys, general);
      if (common.length === 0 && mine.keys.size > 0) continue;
      report({
        urn: policy.urn,
        message:
          common.length > 0
            ? `the SecurityGroupPolicy of sensitive namespace ${namespace} names ${common.map((k) => describeIdentity(k, byUrn)).join(", ")}, the pod security group the ENIConfigs put on every other pod`
            : `the SecurityGroupPolicy of sensitive namespace ${namespace} names no security group`,
      });
    }
  },
});
