import type { Rule } from "../../core/rule";

/** Rules of the `eks` family, in catalog order. */
export const eksRules: readonly Rule[] = [];
