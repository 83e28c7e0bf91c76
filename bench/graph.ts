/** Dependency-graph measures over recorded resources: the critical path and security-group rule counts. */
import type { RecordedResource } from "../engine/record";

/** Security-group rule types in all three forms the AWS provider offers. */
export const SG_RULE_TYPES = [
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:ec2/securityGroupRule:SecurityGroupRule",
] as const;

/** The minimal chain a tenant resource has to wait for: VPC → cluster → node pools → Kubernetes provider → tenant resource. */
export const MINIMAL_CHAIN = ["VPC", "EKS cluster", "node pool", "Kubernetes provider", "tenant resource"] as const;

/** The URNs `r` waits for: its dependencies, its parent and its explicit provider. */
export function predecessors(r: RecordedResource): string[] {
  const out = [...r.dependencies];
  if (r.parent) out.push(r.parent);
  if (r.provider) out.push(r.provider.split("::").slice(0, -1).join("::"));
  return out;
}

/** The longest chain of resources, each waiting for the previous one. */
export interface CriticalPath {
  /** Resources on the path, from the first created to the last. */
  readonly path: readonly RecordedResource[];
  /** Custom resources (things a cloud API creates) on the path; components cost nothing and are not counted. */
  readonly depth: number;
}

/**
 * Critical path over dependency, parent and provider edges, weighting each custom resource 1 and each component 0.
 * Registration order is a topological order (a resource can only depend on ones already registered).
 */
export function criticalPath(resources: readonly RecordedResource[]): CriticalPath {
  const index = new Map(resources.map((r, i) => [r.urn, i]));
  const depth = new Array<number>(resources.length).fill(0);
  const via = new Array<number>(resources.length).fill(-1);
  const order = [...resources.keys()];
  // Sort defensively by predecessor depth in case a parent URN was registered later than its child's record.
  const visited = new Array<boolean>(resources.length).fill(false);
  const topo: number[] = [];
  const visit = (i: number) => {
    const stack: [number, boolean][] = [[i, false]];
    while (stack.length > 0) {
      const [n, done] = stack.pop()!;
      if (done) {
        topo.push(n);
        continue;
      }
      if (visited[n]) continue;
      visited[n] = true;
      stack.push([n, true]);
      for (const p of predecessors(resources[n])) {
        const j = index.get(p);
        if (j !== undefined && !visited[j]) stack.push([j, false]);
      }
    }
  };
  order.forEach(visit);
  for (const i of topo) {
    let best = 0;
    for (const p of predecessors(resources[i])) {
      const j = index.get(p);
      if (j !== undefined && depth[j] > best) {
        best = depth[j];
        via[i] = j;
      } else if (j !== undefined && via[i] < 0) via[i] = j;
    }
    depth[i] = best + (resources[i].custom ? 1 : 0);
  }
  let end = 0;
  depth.forEach((d, i) => {
    if (d > depth[end]) end = i;
  });
  const path: RecordedResource[] = [];
  for (let i = end; i >= 0; i = via[i]) {
    path.unshift(resources[i]);
    if (!resources[i].custom && depth[i] === 0) break;
  }
  return { path, depth: resources.length === 0 ? 0 : depth[end] };
}

/** Count of security-group rules (all three forms). */
export function securityGroupRuleCount(resources: readonly RecordedResource[]): number {
  return resources.filter((r) => (SG_RULE_TYPES as readonly string[]).includes(r.type)).length;
}

/** Short label of a type token: `aws:eks/cluster:Cluster` → `eks:Cluster`. */
export function shortType(type: string): string {
  const [pkg, mod = "", name = ""] = type.split(":");
  if (pkg === "pulumi" && mod === "providers") return `provider:${name}`;
  return `${mod.split("/")[0] || pkg}:${name || mod}`;
}
