/**
 * Joins the ordering rules need: which IAM role a resource names (by property dependency, ARN or name),
 * which policies grant a role its permissions. Values are read quietly; an unknown join key is returned as
 * `unknown` so the rule can report "cannot verify".
 */
import { quietGet, UNKNOWN } from "../../core/fields";
import type { StackResource } from "../../core/rule";

/** Token of an IAM role. */
export const ROLE = "aws:iam/role:Role";

/** Resources that give a role permissions, with the input naming the role (a name, or a list of names). */
export const GRANTS: Readonly<Record<string, string>> = {
  "aws:iam/rolePolicy:RolePolicy": "role",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "role",
  "aws:iam/policyAttachment:PolicyAttachment": "roles",
  "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive": "roleName",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "roleName",
};

/** The role's name and path from its outputs, when known. */
function roleIdentity(role: StackResource): { name?: string; arn?: string; id?: string } {
  const name = quietGet(role.props, "name");
  const arn = quietGet(role.props, "arn");
  const id = quietGet(role.props, "id");
  return {
    name: typeof name === "string" ? name : undefined,
    arn: typeof arn === "string" ? arn : undefined,
    id: typeof id === "string" ? id : undefined,
  };
}

/** The role name at the end of a role ARN (`arn:…:iam::<acct>:role/<path/>name`). */
export function roleNameOfArn(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/** The verdict of a join: the matched role, none, or unknown (value not known at preview and no property dependency). */
export type RoleJoin = { readonly kind: "role"; readonly role: StackResource } | { readonly kind: "none" } | { readonly kind: "unknown" };

/**
 * The stack role `resource` names in `field`: by property dependency first, else by ARN, else by role
 * name (a principal in another account with the same name also matches: ordering after it is harmless).
 */
export function roleNamedBy(resource: StackResource, field: string, roles: readonly StackResource[]): RoleJoin {
  const deps = resource.propertyDependencies?.[field] ?? [];
  const byDep = roles.find((r) => deps.includes(r.urn));
  if (byDep) return { kind: "role", role: byDep };
  const value = quietGet(resource.props, field);
  if (value === UNKNOWN) return { kind: "unknown" };
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  for (const v of values) {
    const name = v.startsWith("arn:") ? roleNameOfArn(v) : v;
    const hit = roles.find((r) => {
      const id = roleIdentity(r);
      return id.arn === v || (name !== undefined && (id.name === name || id.id === name));
    });
    if (hit) return { kind: "role", role: hit };
  }
  return { kind: "none" };
}

/** The grants (inline policies, attachments) of `role` in the stack. */
export function grantsOf(role: StackResource, resources: readonly StackResource[]): StackResource[] {
  return resources.filter((r) => {
    const field = GRANTS[r.type];
    if (!field) return false;
    const join = roleNamedBy(r, field, [role]);
    return join.kind === "role";
  });
}
