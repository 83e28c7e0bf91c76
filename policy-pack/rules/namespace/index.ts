import type { Rule } from "../../core/rule";
import { ns001 } from "./ns-001-psa-enforce-restricted";
import { ns002 } from "./ns-002-psa-audit-warn-restricted";
import { ns003 } from "./ns-003-tenant-labels";
import { ns004 } from "./ns-004-no-workloads-in-default-namespace";
import { node006 } from "./node-006-sensitive-tenant-pinned-to-sensitive-pool";

/**
 * Rules of the `namespace` family, in catalog order. NODE-006 (catalog §1.2) lives here because it is a
 * tenant-namespace stack rule (it needs tenant tiers, not node-group inputs).
 */
export const namespaceRules: readonly Rule[] = [ns001, ns002, ns003, ns004, node006];
