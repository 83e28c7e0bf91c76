import type * as pulumi from "@pulumi/pulumi";
import { roleNames } from "../components/cluster/iam";
import type { Firewall } from "../components/firewall";
import { NodeRole, type PoolKind } from "../components/node-pool";
import type { PlatformConfig } from "./schema";

/** The IAM role and node SG one pool kind launches with. */
export interface PoolIdentity {
  readonly role: NodeRole;
  readonly nodeSecurityGroupId: pulumi.Output<string>;
}

/**
 * Pool isolation (audit W6): the system and general pools share the node role and the Firewall's node SG; the
 * sensitive pool gets its own node role (same least-privilege managed policies; EKS maps it with its own
 * `EC2_LINUX` access entry when its managed node group is created) and the Firewall's `sensitive-node` SG. Its pods
 * get the `sensitive-pods` SG through security groups for pods (components/node-pool/pod-security-group.ts).
 */
export function poolIsolation(name: string, config: PlatformConfig, nodeRole: NodeRole, firewall: Firewall, tags: Record<string, string>): Record<PoolKind, PoolIdentity> {
  const sensitiveRole = new NodeRole(`${name}-sensitive-node`, {
    roleName: roleNames.sensitiveNode(name),
    ssmAccess: config.nodeSsmAccess,
    ssmJustification: config.nodeSsmJustification,
    tags: { ...tags, "hardened-cluster.io/pool": "sensitive" },
  });
  const general: PoolIdentity = { role: nodeRole, nodeSecurityGroupId: firewall.nodeSecurityGroupId };
  return { system: general, general, sensitive: { role: sensitiveRole, nodeSecurityGroupId: firewall.sensitiveNodeSecurityGroupId } };
}
