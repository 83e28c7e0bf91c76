/**
 * Compliant namespaced Roles built from the tenant role rules of baseline/tenancy.ts (a random subset of a
 * random tenant role, shuffled), and single weakenings of one rule of the Role.
 */
import * as fc from "fast-check";
import { TENANT_ROLE_RULES, TENANT_ROLES, tenantRoleName, type PolicyRule } from "../../../policy-pack/baseline/tenancy";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource } from "../../support/rules";
import { pick, weakening, type Weakening } from "../support/pack";
import { tenantNamespace } from "./common";

/** The Role type token. */
export const ROLE_TYPE = "kubernetes:rbac.authorization.k8s.io/v1:Role";

/** A compliant tenant Role in a tenant namespace. */
export const compliantRole: fc.Arbitrary<StackResource> = fc
  .tuple(fc.constantFrom(...TENANT_ROLES), tenantNamespace)
  .chain(([role, namespace]) =>
    fc
      .shuffledSubarray(TENANT_ROLE_RULES[role] as PolicyRule[], { minLength: 1 })
      .map((rules) =>
        resource(ROLE_TYPE, `${namespace}-${tenantRoleName(role)}`, {
          metadata: { name: tenantRoleName(role), namespace },
          rules: structuredClone(rules).map((r) => ({ ...r, verbs: [...r.verbs] })),
        }),
      ),
  );

type W = Weakening<StackResource>;

function ruleAt(role: StackResource, i: number): Record<string, any> {
  return pick(role.props.rules as Record<string, any>[], i);
}

const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

/** Every single weakening of a Role, with the rule id that must catch it. */
export const roleWeakening: fc.Arbitrary<W> = fc.oneof(
  fc.nat().map((i) => weakening<StackResource>(`verb "*" in rule #${i}`, ["RBAC-001"], (r) => ruleAt(r, i).verbs.push("*"))),
  fc.tuple(fc.nat(), fc.constantFrom("resource *", "resource <res>/*", "apiGroup *")).map(([i, how]) =>
    weakening<StackResource>(`${how} in rule #${i}`, ["RBAC-002"], (r) => {
      const rule = ruleAt(r, i);
      if (how === "apiGroup *") rule.apiGroups = [...(rule.apiGroups ?? []), "*"];
      else rule.resources = [...(rule.resources ?? []), how === "resource *" ? "*" : `${String(rule.resources?.[0] ?? "pods").split("/")[0]}/*`];
    }),
  ),
  fc
    .tuple(fc.nat(), fc.constantFrom("pods/exec", "pods/attach", "pods/portforward"), fc.constantFrom(...VERBS), fc.boolean())
    .map(([i, sub, verb, own]) =>
      weakening<StackResource>(`${verb} on ${sub} (${own ? "new rule" : "added to the core rule"}) at #${i}`, ["RBAC-003"], (r) => {
        const rules = r.props.rules as Record<string, any>[];
        const core = rules.find((x) => (x.apiGroups ?? []).includes(""));
        if (!own && core) {
          core.resources = [...(core.resources ?? []), sub];
          if (!core.verbs.includes(verb)) core.verbs.push(verb);
        } else {
          rules.splice(i % (rules.length + 1), 0, { apiGroups: [""], resources: [sub], verbs: [verb] });
        }
      }),
    ),
  fc
    .tuple(fc.nat(), fc.constantFrom<[string[], string[]]>([[""], ["*"]], [[""], ["pods/*"]], [["*"], ["pods/exec"]], [["*"], ["*"]]), fc.constantFrom(...VERBS))
    .map(([i, [apiGroups, resources], verb]) =>
      // A wildcard that covers pods/exec is both a wildcard (RBAC-002) and exec access (RBAC-003).
      weakening<StackResource>(`${verb} on ${JSON.stringify(resources)} in groups ${JSON.stringify(apiGroups)} at #${i}`, ["RBAC-002", "RBAC-003"], (r) => {
        const rules = r.props.rules as Record<string, any>[];
        rules.splice(i % (rules.length + 1), 0, { apiGroups, resources, verbs: [verb] });
      }),
    ),
  fc.tuple(fc.nat(), fc.constantFrom("escalate", "bind", "impersonate")).map(([i, verb]) =>
    weakening<StackResource>(`verb ${verb} in rule #${i}`, ["RBAC-004"], (r) => ruleAt(r, i).verbs.push(verb)),
  ),
);
