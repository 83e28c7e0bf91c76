import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { recordResources, type RecordedResource } from "../../engine/record";
import { stackOutputsFromFiles } from "../../engine/run-program";
import { evaluateAll, type Evaluation } from "../../policy-pack/core/evaluate";
import type { PackConfig } from "../../policy-pack/core/config";
import type { StackResource } from "../../policy-pack/core/rule";
import { RULES } from "../../policy-pack/registry";
import { loadStackConfig, ROOT, runPlatform, toConfigMap } from "./stack-config";

import { cachedRun, type Run } from "./stack-run-cache";

/** Recorded runs of the stack files, computed once per test file. */
const cache = new Map<string, Promise<Run>>();

/** Run an AWS stack file's config through the platform program (memoised). */
export function stackRun(stack: "dev" | "staging" | "prod"): Promise<Run> {
  if (!cache.has(stack)) cache.set(stack, cachedRun(`platform-${stack}`, () => runPlatform(loadStackConfig(stack), stack)));
  return cache.get(stack)!;
}

/** The in-cluster program's folder (its Pulumi.yaml, stacks/ and offline stack outputs). */
export const IN_CLUSTER_DIR = path.join(ROOT, "infra", "in-cluster");

/** An in-cluster stack file's `config:` map as Pulumi holds it. */
export function loadInClusterStackConfig(stack: string): Record<string, string> {
  const doc = parse(fs.readFileSync(path.join(IN_CLUSTER_DIR, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return toConfigMap(doc.config);
}

/** Run the in-cluster program with a config map, StackReferences answered from the committed outputs files. */
export async function runInCluster(config: Record<string, string>, stack = "test"): Promise<Run> {
  const { main } = await import("../../infra/in-cluster/program");
  let outputs: Record<string, unknown> = {};
  const resources = await recordResources(
    async () => {
      outputs = await main();
    },
    { config, stack, project: "hardened-cluster-in-cluster", stackOutputs: stackOutputsFromFiles(IN_CLUSTER_DIR) },
  );
  return { resources, outputs };
}

/** Run an in-cluster stack file (memoised). */
export function inClusterRun(stack: "staging" | "prod"): Promise<Run> {
  const key = `in-cluster/${stack}`;
  if (!cache.has(key)) cache.set(key, cachedRun(`in-cluster-${stack}`, () => runInCluster(loadInClusterStackConfig(stack), stack)));
  return cache.get(key)!;
}

/** A recorded resource as the pack sees it: resource rules judge inputs, stack rules outputs (as the engine sends them). */
export function toStackResource(r: RecordedResource, view: "inputs" | "outputs"): StackResource {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: view === "inputs" ? r.inputs : r.outputs,
    parent: r.parent ?? undefined,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ignoreChanges: r.options?.ignoreChanges,
  };
}

/**
 * Judge recorded resources with every rule of the pack, as the engine does: resource rules see each custom
 * resource's inputs; stack rules see every resource (components too, as `AnalyzeStack` receives all of them,
 * so the ordering rules can follow parent edges) with its outputs, parent and dependencies.
 */
export function judge(resources: readonly RecordedResource[], config: Partial<PackConfig>): Evaluation {
  const custom = resources.filter((r) => r.custom);
  const byResource = evaluateAll(RULES.filter((r) => r.kind === "resource"), custom.map((r) => toStackResource(r, "inputs")), { config });
  const byStack = evaluateAll(RULES.filter((r) => r.kind === "stack"), resources.map((r) => toStackResource(r, "outputs")), { config });
  return { violations: [...byResource.violations, ...byStack.violations], exemptions: [...byResource.exemptions, ...byStack.exemptions] };
}

/** Tag map of a recorded resource. */
export function tagsOf(r: RecordedResource): Record<string, string> {
  return (r.inputs.tags ?? {}) as Record<string, string>;
}

/** True when `r` depends on `component` (the engine expands a component dependency to its children). */
export function dependsOnComponent(resources: readonly RecordedResource[], r: RecordedResource, component: RecordedResource): boolean {
  return r.dependencies.includes(component.urn) || resources.some((c) => c.parent === component.urn && r.dependencies.includes(c.urn));
}
