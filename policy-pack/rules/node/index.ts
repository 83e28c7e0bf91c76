import type { Rule } from "../../core/rule";
import { node001 } from "./node-001-imdsv2-hop-limit-1";
import { node002 } from "./node-002-root-volume-encrypted";
import { node003 } from "./node-003-nodegroup-uses-hardened-launch-template";
import { node003s } from "./node-003s-nodegroup-launch-template-hardened";
import { node004 } from "./node-004-no-ssh-access";
import { node005 } from "./node-005-sensitive-pool-tainted";
import { node007 } from "./node-007-ami-family-allowed";
import { node008 } from "./node-008-no-public-ip";
import { node008s } from "./node-008s-node-subnets-private";
import { node009 } from "./node-009-sensitive-pool-own-role";
import { node010 } from "./node-010-sensitive-pool-own-security-groups";
import { node011 } from "./node-011-ignored-desired-size-needs-autoscaler";

/**
 * Rules of the `node` family, in catalog order (stack parts `NODE-003S` and `NODE-008S` right after their rules).
 * NODE-006 is a Kubernetes workload rule and lives with the workload rules.
 */
export const nodeRules: readonly Rule[] = [node001, node002, node003, node003s, node004, node005, node007, node008, node008s, node009, node010, node011];
