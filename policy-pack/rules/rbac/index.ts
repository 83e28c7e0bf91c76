import { rbac010 } from "./rbac-010-rbac-no-cluster-admin-for-users-groups";
import type { Rule } from "../../core/rule";
import { rbac001 } from "./rbac-001-rbac-no-wildcard-verbs";
import { rbac002 } from "./rbac-002-rbac-no-wildcard-resources";
import { rbac003 } from "./rbac-003-rbac-no-exec-attach-portforward";
import { rbac004 } from "./rbac-004-rbac-no-escalate-bind-impersonate";
import { rbac005 } from "./rbac-005-rbac-no-cluster-wide-secret-read";
import { rbac006 } from "./rbac-006-rbac-no-pod-create-with-secret-read";
import { rbac007 } from "./rbac-007-rbac-no-cluster-admin-for-sa-or-system-groups";
import { rbac008 } from "./rbac-008-rbac-no-anonymous-bindings";
import { rbac009 } from "./rbac-009-rbac-no-escalation-resources";

/** Rules of the `rbac` family, in catalog order. */
export const rbacRules: readonly Rule[] = [rbac001, rbac002, rbac003, rbac004, rbac005, rbac006, rbac007, rbac008, rbac009, rbac010];
