import type { Rule } from "../../core/rule";

/** Rules of the `service` family, in catalog order. */
export const serviceRules: readonly Rule[] = [];
