import { np004 } from "./np-004-netpol-no-allow-all";
import type { Rule } from "../../core/rule";
import { np001 } from "./np-001-tenant-default-deny";
import { np002 } from "./np-002-netpol-no-open-peers";
import { np003 } from "./np-003-network-policy-enforced";

/** Rules of the `network` family, in catalog order. */
export const networkRules: readonly Rule[] = [np001, np002, np003, np004];
