import type { Rule } from "../../core/rule";

/** Rules of the `network` family, in catalog order. */
export const networkRules: readonly Rule[] = [];
