import type { Rule } from "../../core/rule";
import { kms001 } from "./kms-001-rotation-enabled";
import { kms002 } from "./kms-002-deletion-window";
import { kms003 } from "./kms-003-no-lockout-bypass";

/** Rules of the `kms` family, in catalog order. */
export const kmsRules: readonly Rule[] = [kms001, kms002, kms003];
