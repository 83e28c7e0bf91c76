import type { Rule } from "../../core/rule";

/** Rules of the `image` family, in catalog order. */
export const imageRules: readonly Rule[] = [];
