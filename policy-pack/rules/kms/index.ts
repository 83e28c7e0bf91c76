import type { Rule } from "../../core/rule";

/** Rules of the `kms` family, in catalog order. */
export const kmsRules: readonly Rule[] = [];
