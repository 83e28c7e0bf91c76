import type { Rule } from "../../core/rule";
import { svc001 } from "./svc-001-sensitive-tenant-no-external-service";
import { svc002 } from "./svc-002-service-no-external-ips";

/** Rules of the `service` family, in catalog order. */
export const serviceRules: readonly Rule[] = [svc001, svc002];
