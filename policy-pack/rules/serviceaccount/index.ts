import { sa003 } from "./sa-003-workload-dedicated-service-account";
import type { Rule } from "../../core/rule";
import { sa001 } from "./sa-001-default-sa-no-automount";
import { sa002 } from "./sa-002-workload-token-automount";

/** Rules of the `serviceaccount` family, in catalog order. */
export const serviceaccountRules: readonly Rule[] = [sa001, sa002, sa003];
