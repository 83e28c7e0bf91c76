/**
 * Creation order as Pulumi derives it from the graph the engine records, for the ordering rules.
 *
 * A resource is registered (and so created) only after:
 * - every URN in its `dependencies` (explicit `dependsOn` plus implicit input dependencies) and its
 *   `propertyDependencies` — the Node SDK awaits their URNs, which resolve once they are created;
 * - its `parent`: the SDK awaits the parent's URN before registering a child (pulumi/pulumi#7833), and a
 *   component parent is itself registered only after its own `dependsOn`. So a component's children do not
 *   list the component's dependencies, but they still come after them, transitively through the parent;
 * - for a dependency on a component (which the Node SDK only sends for remote components; the engine's
 *   `DependencyGraph` applies it to any component): all of the component's descendants, walking down
 *   through component children only (a custom resource's children are not included).
 * This matches `pkg/resource/graph/dependency_graph.go` (dependencies, parent, component expansion) and
 * `sdk/nodejs/runtime/resource.ts` (`prepareResource` awaits dependencies and the parent URN).
 */
import type { StackResource } from "./rule";

/** Packages whose resources are custom resources (never aggregated like components). `pulumi` covers the root stack and providers. */
const CUSTOM_PACKAGES = new Set(["aws", "aws-native", "kubernetes", "tls", "random", "command", "pulumi"]);

/** True when `type` is a component (its package is not a resource provider's). */
export function isComponentType(type: string): boolean {
  return !CUSTOM_PACKAGES.has(type.split(":")[0]);
}

/** The happens-before relation over one stack's resources. */
export class CreationOrder {
  private readonly byUrn: Map<string, StackResource>;
  private readonly children = new Map<string, string[]>();
  private readonly memo = new Map<string, Set<string>>();
  private readonly descendantsMemo = new Map<string, string[]>();
  /** False when no resource carries any dependency, property dependency or parent: the engine sent no graph. */
  readonly recorded: boolean;

  constructor(resources: readonly StackResource[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const r of resources) {
      if (r.parent) this.children.set(r.parent, [...(this.children.get(r.parent) ?? []), r.urn]);
    }
    this.recorded = resources.some(
      (r) => (r.dependencies?.length ?? 0) > 0 || Object.values(r.propertyDependencies ?? {}).some((d) => d.length > 0) || (r.parent ?? "") !== "",
    );
  }

  /** Descendants of a component reached through component children only (the engine's expansion). */
  private descendants(urn: string): string[] {
    const cached = this.descendantsMemo.get(urn);
    if (cached) return cached;
    const out: string[] = [];
    for (const child of this.children.get(urn) ?? []) {
      out.push(child);
      const node = this.byUrn.get(child);
      if (node && isComponentType(node.type)) out.push(...this.descendants(child));
    }
    this.descendantsMemo.set(urn, out);
    return out;
  }

  /** Direct predecessors: dependencies, property dependencies, parent, and the expansion of component dependencies. */
  private predecessors(urn: string): string[] {
    const r = this.byUrn.get(urn);
    if (!r) return [];
    const direct = [...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat(), ...(r.parent ? [r.parent] : [])];
    const out: string[] = [];
    for (const d of direct) {
      out.push(d);
      const node = this.byUrn.get(d);
      if (d !== r.parent && node && isComponentType(node.type)) out.push(...this.descendants(d));
    }
    return out;
  }

  /** Every resource created before `urn` starts (transitive). */
  ancestors(urn: string): ReadonlySet<string> {
    const cached = this.memo.get(urn);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [...this.predecessors(urn)];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next) || next === urn) continue;
      seen.add(next);
      stack.push(...this.predecessors(next));
    }
    this.memo.set(urn, seen);
    return seen;
  }

  /** True when `first` is created before `second` is (a path in the recorded graph). */
  isBefore(first: string, second: string): boolean {
    return this.ancestors(second).has(first);
  }

  /** The resource with this URN, if the engine sent it. */
  get(urn: string): StackResource | undefined {
    return this.byUrn.get(urn);
  }
}

/** The finding for a stack whose engine sent no dependency graph at all (text starts with "cannot verify"). */
export function graphMissing(what: string, urn: string): { message: string; advisory: true; urn: string } {
  return {
    message: `cannot verify ${what} at preview: the engine sent no dependency graph (no dependencies, property dependencies or parents on any resource); it is checked again during \`pulumi up\``,
    advisory: true,
    urn,
  };
}

/** Short display name of a resource for messages: `Type name`. */
export function label(r: StackResource): string {
  return `${r.type.split(":").pop()} ${r.name}`;
}
