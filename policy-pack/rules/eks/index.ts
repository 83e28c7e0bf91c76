import type { Rule } from "../../core/rule";
import { eks001 } from "./eks-001-private-endpoint-enabled";
import { eks002 } from "./eks-002-public-endpoint-disabled";
import { eks003 } from "./eks-003-public-cidrs-not-open";
import { eks004 } from "./eks-004-secrets-encrypted-with-cmk";
import { eks004s } from "./eks-004s-secrets-key-in-stack-valid";
import { eks005 } from "./eks-005-control-plane-logging-complete";
import { eks006 } from "./eks-006-authentication-mode-api";
import { eks007 } from "./eks-007-supported-version";
import { eks008 } from "./eks-008-no-implicit-cluster-admin";
import { eks009 } from "./eks-009-cluster-admin-role-requires-mfa";
import { eks009x } from "./eks-009x-cluster-admin-external-principal";

/** Rules of the `eks` family, in catalog order (EKS-004's stack part is `EKS-004S`, right after it; EKS-009X is EKS-009's advisory part). */
export const eksRules: readonly Rule[] = [eks001, eks002, eks003, eks004, eks004s, eks005, eks006, eks007, eks008, eks009, eks009x];
