import type { Rule } from "../../core/rule";

/** Rules of the `rbac` family, in catalog order. */
export const rbacRules: readonly Rule[] = [];
