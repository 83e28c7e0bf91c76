import { res001 } from "./res-001-container-resources-set";
import type { Rule } from "../../core/rule";
import { qt001 } from "./qt-001-tenant-has-resourcequota";
import { qt002 } from "./qt-002-resourcequota-covers-compute";
import { qt003 } from "./qt-003-tenant-has-limitrange";
import { qt004 } from "./qt-004-limitrange-container-defaults";

/** Rules of the `quota` family, in catalog order. */
export const quotaRules: readonly Rule[] = [qt001, qt002, qt003, qt004, res001];
