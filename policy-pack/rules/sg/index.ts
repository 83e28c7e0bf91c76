import type { Rule } from "../../core/rule";
import { sg001 } from "./sg-001-ingress-documented-ports-only";
import { sg002 } from "./sg-002-no-world-ingress";
import { sg003 } from "./sg-003-no-self-managed-control-plane-ports";
import { sg004 } from "./sg-004-no-all-traffic-ingress";
import { sg005 } from "./sg-005-dns-from-cluster-only";
import { sg006 } from "./sg-006-kubelet-from-control-plane-only";
import { sg007 } from "./sg-007-nodeport-from-trusted-only";
import { sg008 } from "./sg-008-no-rule-management-conflicts";
import { sg009 } from "./sg-009-security-group-rule-resolved";
import { sg010 } from "./sg-010-restricted-egress";

/** Rules of the `sg` family, in catalog order. */
export const sgRules: readonly Rule[] = [sg001, sg002, sg003, sg004, sg005, sg006, sg007, sg008, sg009, sg010];
