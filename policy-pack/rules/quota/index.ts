import type { Rule } from "../../core/rule";

/** Rules of the `quota` family, in catalog order. */
export const quotaRules: readonly Rule[] = [];
