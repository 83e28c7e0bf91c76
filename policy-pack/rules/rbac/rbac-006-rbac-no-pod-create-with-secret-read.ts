import { WORKLOAD_RESOURCES } from "../../baseline/tenancy";
import { RBAC_TYPES, grants, type PolicyRule } from "../../core/rbac";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { buildRbacGraph, scopesOverlap, type BindingNode, type Scope } from "./graph";
import { SECRET_READ_VERBS } from "./rbac-005-rbac-no-cluster-wide-secret-read";

interface Grant {
  readonly scope: Scope;
  readonly binding: BindingNode;
  readonly what: string;
}

function workloadCreate(rules: readonly PolicyRule[]): string | undefined {
  const hit = WORKLOAD_RESOURCES.find((w) => rules.some((r) => grants(r, w.group, w.resource, ["create"])));
  return hit ? `create ${hit.resource}` : undefined;
}

function secretRead(rules: readonly PolicyRule[]): string | undefined {
  const rule = rules.find((r) => grants(r, "", "secrets", SECRET_READ_VERBS));
  return rule ? `${SECRET_READ_VERBS.filter((v) => rule.verbs.includes(v) || rule.verbs.includes("*")).join("/")} secrets` : undefined;
}

/**
 * RBAC-006: no service account may both create pods (or workloads) and read secrets in an overlapping scope — the
 * union of every Role/ClusterRole bound to it (RoleBinding = its namespace, ClusterRoleBinding = all).
 *
 * Users and Groups are deliberately not judged here (audit W2): for a person, workload creation *implies* secret
 * access (RBAC Good Practices), so holding both is consistent (a tenant admin), and flagging it would push teams
 * to drop the explicit `get` while keeping the implicit access. The W2 fix lives in the tenancy data instead
 * (`baseline/tenancy.ts`: only roles that may read secrets create workloads). A ServiceAccount is different: its
 * token sits in the pods it runs, so one that creates pods and reads secrets hands both to any compromised pod.
 */
export const rbac006 = stackRule({
  id: "RBAC-006",
  name: "rbac-no-pod-create-with-secret-read",
  description: "No ServiceAccount is granted both create on pods/workloads and get/list/watch on secrets in an overlapping scope.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["rbac"],
  seed: ["S2", "S3"],
  upstream: "kubernetes.io RBAC Good Practices (workload creation implies secret and service-account access)",
  remediation: "Split deployer and reader identities: bind create on pods/workloads and secret reads to different service accounts (tenant service accounts get neither).",
  resourceTypes: [RBAC_TYPES.role, RBAC_TYPES.clusterRole, RBAC_TYPES.roleBinding, RBAC_TYPES.clusterRoleBinding],
  check(resources, report, config) {
    const graph = buildRbacGraph(resources, config);
    for (const r of graph.deferred) report({ ...cannotVerify("rules / roleRef / subjects"), urn: r.urn });
    const creates = new Map<string, Grant[]>();
    const reads = new Map<string, Grant[]>();
    const add = (map: Map<string, Grant[]>, sa: string, grant: Grant) => map.set(sa, [...(map.get(sa) ?? []), grant]);
    for (const b of graph.bindings) {
      if (!b.role || b.role.platform) continue;
      const create = workloadCreate(b.role.rules);
      const read = secretRead(b.role.rules);
      if (!create && !read) continue;
      for (const s of b.subjects) {
        if (s.kind !== "ServiceAccount") continue;
        const sa = `${s.namespace ?? (b.scope === "*" ? "default" : b.scope)}/${s.name}`;
        if (create) add(creates, sa, { scope: b.scope, binding: b, what: create });
        if (read) add(reads, sa, { scope: b.scope, binding: b, what: read });
      }
    }
    for (const [sa, createGrants] of creates) {
      const readGrants = reads.get(sa) ?? [];
      const reported = new Set<string>();
      for (const c of createGrants) {
        const r = readGrants.find((g) => scopesOverlap(c.scope, g.scope));
        if (!r || reported.has(c.binding.resource.urn)) continue;
        reported.add(c.binding.resource.urn);
        const where = (g: Grant) => `${g.binding.kind} "${objectLabel(g.binding)}" (${g.binding.roleRef.kind} "${g.binding.roleRef.name}", scope ${g.scope === "*" ? "cluster" : `"${g.scope}"`})`;
        report({
          urn: c.binding.resource.urn,
          message: `subjects ServiceAccount "${sa}" can ${c.what} via ${where(c)} and ${r.what} via ${where(r)}: a pod it creates can read any secret`,
        });
      }
    }
  },
});

function objectLabel(b: BindingNode): string {
  const name = b.resource.props?.metadata?.name;
  return typeof name === "string" ? name : b.resource.name;
}
