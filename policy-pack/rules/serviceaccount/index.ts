import type { Rule } from "../../core/rule";

/** Rules of the `serviceaccount` family, in catalog order. */
export const serviceaccountRules: readonly Rule[] = [];
