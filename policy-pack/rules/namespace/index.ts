import type { Rule } from "../../core/rule";

/** Rules of the `namespace` family, in catalog order. */
export const namespaceRules: readonly Rule[] = [];
