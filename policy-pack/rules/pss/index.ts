import type { Rule } from "../../core/rule";

/** Rules of the `pss` family, in catalog order. */
export const pssRules: readonly Rule[] = [];
