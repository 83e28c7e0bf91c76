import type { Rule } from "../../core/rule";

/** Rules of the `ecr` family, in catalog order. */
export const ecrRules: readonly Rule[] = [];
