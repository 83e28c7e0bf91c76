import type { Rule } from "../../core/rule";

/** Rules of the `logs` family, in catalog order. */
export const logsRules: readonly Rule[] = [];
