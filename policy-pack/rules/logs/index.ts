import type { Rule } from "../../core/rule";
import { log001 } from "./log-001-group-kms-encrypted";
import { log002 } from "./log-002-group-retention";
import { log003 } from "./log-003-eks-log-group-managed";
import { log004 } from "./log-004-audit-alerts-defined";

/** Rules of the `logs` family, in catalog order. */
export const logsRules: readonly Rule[] = [log001, log002, log003, log004];
