/** Shared reading of a RoleBinding/ClusterRoleBinding for RBAC-007/008. */
import { roleRefOf, subjectsOf, type Subject } from "../../core/rbac";
import type { Report, ResourceUnderTest } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

/** A binding's roleRef and subjects, or `undefined` (after an advisory) when unknown at preview. */
export function readBinding(resource: ResourceUnderTest, report: Report): { roleRef?: { kind: string; name: string }; subjects: Subject[] } | undefined {
  const read = readMaybeUnknown(() => ({ roleRef: roleRefOf(resource.props), subjects: subjectsOf(resource.props).map((s) => ({ ...s })) }));
  if (!read.known) {
    report(cannotVerify("roleRef / subjects"));
    return undefined;
  }
  return read.value;
}

/** Group every unauthenticated request belongs to. */
export const UNAUTHENTICATED_GROUP = "system:unauthenticated";
/** User of anonymous requests. */
export const ANONYMOUS_USER = "system:anonymous";

/** True for an anonymous subject: Group `system:unauthenticated` or User `system:anonymous`. */
export function isAnonymous(s: Subject): boolean {
  return (s.kind === "Group" && s.name === UNAUTHENTICATED_GROUP) || (s.kind === "User" && s.name === ANONYMOUS_USER);
}
