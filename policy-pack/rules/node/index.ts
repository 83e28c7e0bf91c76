import type { Rule } from "../../core/rule";

/** Rules of the `node` family, in catalog order. */
export const nodeRules: readonly Rule[] = [];
