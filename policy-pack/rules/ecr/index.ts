import type { Rule } from "../../core/rule";
import { ecr001 } from "./ecr-001-scan-on-push";
import { ecr002 } from "./ecr-002-immutable-tags";
import { ecr003 } from "./ecr-003-kms-encrypted";
import { ecr004 } from "./ecr-004-lifecycle-policy";

/** Rules of the `ecr` family, in catalog order. */
export const ecrRules: readonly Rule[] = [ecr001, ecr002, ecr003, ecr004];
