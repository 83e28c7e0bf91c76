import type { Rule } from "../../core/rule";
import { gd001 } from "./gd-001-guardduty-eks-protection";

/** Rules of the `detection` family, in catalog order. */
export const detectionRules: readonly Rule[] = [gd001];
