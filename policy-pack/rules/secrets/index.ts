import type { Rule } from "../../core/rule";
import { sec001 } from "./sec-001-pod-identity-secrets-tenant-scoped";
import { sec002 } from "./sec-002-secret-provider-class-tenant-scoped";

/** Rules of the `secrets` family, in catalog order. */
export const secretsRules: readonly Rule[] = [sec001, sec002];
