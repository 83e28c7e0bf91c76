import type { Rule } from "../../core/rule";
import { ord001 } from "./ord-001-role-grants-before-assumer";
import { ord002 } from "./ord-002-eniconfig-before-pods";
import { ord003 } from "./ord-003-service-linked-role-before-key-policy";
import { ord004 } from "./ord-004-access-entry-after-principal";

/** Rules of the `ordering` family: creation orders the AWS APIs need, read from the engine's dependency graph. */
export const orderingRules: readonly Rule[] = [ord001, ord002, ord003, ord004];
