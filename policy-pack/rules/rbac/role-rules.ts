/** Shared reading of a Role/ClusterRole for the RBAC resource rules. */
import type { PackConfig } from "../../core/config";
import { isPlatformRole, objectName, policyRulesOf, type PolicyRule } from "../../core/rbac";
import type { Report, ResourceUnderTest } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

/**
 * The role's `rules` for checking, or `undefined` when the role is a justified platform role (config
 * `platformRoles`, exempt) or its rules are unknown at preview (an advisory "cannot verify" is reported).
 */
export function checkedRoleRules(resource: ResourceUnderTest, report: Report, config: PackConfig): PolicyRule[] | undefined {
  const read = readMaybeUnknown(() => ({ name: objectName(resource.props, resource.name), rules: policyRulesOf(resource.props) }));
  if (!read.known) {
    report(cannotVerify("rules"));
    return undefined;
  }
  if (isPlatformRole(read.value.name, config)) return undefined;
  return read.value.rules;
}

/** `rules[i]` as it appears in messages. */
export function rulePath(index: number): string {
  return `rules[${index}]`;
}
