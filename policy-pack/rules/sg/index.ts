import type { Rule } from "../../core/rule";

/** Rules of the `sg` family, in catalog order. */
export const sgRules: readonly Rule[] = [];
