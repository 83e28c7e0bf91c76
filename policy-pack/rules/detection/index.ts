import type { Rule } from "../../core/rule";

/** Rules of the `detection` family, in catalog order. */
export const detectionRules: readonly Rule[] = [];
