import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../../policy-pack/baseline/pss";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource } from "../../support/rules";

/** Pod-spec nesting per owner type, written independently of core/workloads.ts. */
const NESTING: Record<string, { spec: string[]; specPath: string }> = {
  Pod: { spec: ["spec"], specPath: "spec" },
  PodTemplate: { spec: ["template", "spec"], specPath: "template.spec" },
  ReplicationController: { spec: ["spec", "template", "spec"], specPath: "spec.template.spec" },
  Deployment: { spec: ["spec", "template", "spec"], specPath: "spec.template.spec" },
  ReplicaSet: { spec: ["spec", "template", "spec"], specPath: "spec.template.spec" },
  StatefulSet: { spec: ["spec", "template", "spec"], specPath: "spec.template.spec" },
  DaemonSet: { spec: ["spec", "template", "spec"], specPath: "spec.template.spec" },
  Job: { spec: ["spec", "template", "spec"], specPath: "spec.template.spec" },
  CronJob: { spec: ["spec", "jobTemplate", "spec", "template", "spec"], specPath: "spec.jobTemplate.spec.template.spec" },
};

/** Owner types most tests iterate: a bare Pod, a Deployment, a CronJob and a Patch type. */
export const OWNERS = ["kubernetes:core/v1:Pod", "kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob", "kubernetes:apps/v1:DeploymentPatch"] as const;

/** Owners without Patch (for checks that require presence). */
export const FULL_OWNERS = OWNERS.filter((o) => !o.endsWith("Patch"));

function kindOf(type: string): string {
  const kind = type.split(":")[2];
  return kind.endsWith("Patch") ? kind.slice(0, -"Patch".length) : kind;
}

/** Dotted pod-spec path the messages must name for this owner type. */
export function specPathOf(type: string): string {
  return NESTING[kindOf(type)].specPath;
}

/** Dotted pod-metadata path for this owner type. */
export function metadataPathOf(type: string): string {
  return specPathOf(type).replace(/spec$/, "metadata");
}

/** Build a workload of `type` around a pod spec (and optional pod-template metadata). */
export function workload(
  type: string,
  podSpec: Record<string, any>,
  opts: { namespace?: string; podMetadata?: Record<string, any>; name?: string } = {},
): StackResource {
  const path = NESTING[kindOf(type)].spec;
  const props: Record<string, any> = { metadata: { name: opts.name ?? "w", namespace: opts.namespace ?? "team-a" } };
  let parent = props;
  for (const key of path.slice(0, -1)) {
    parent[key] = parent[key] ?? {};
    parent = parent[key];
  }
  parent[path[path.length - 1]] = podSpec;
  if (opts.podMetadata) {
    if (path.length === 1) props.metadata = { ...props.metadata, ...opts.podMetadata };
    else parent.metadata = opts.podMetadata;
  }
  return resource(type, opts.name ?? "w", props);
}

/** A container that passes every PSS check. */
export function goodContainer(name = "app", extra: Record<string, any> = {}): Record<string, any> {
  return { name, image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0", securityContext: structuredClone(RESTRICTED_CONTAINER_SECURITY_CONTEXT), ...extra };
}

/** A pod spec that passes every PSS check. */
export function goodPod(extra: Record<string, any> = {}): Record<string, any> {
  return { securityContext: structuredClone(RESTRICTED_POD_SECURITY_CONTEXT), containers: [goodContainer()], ...extra };
}

/** Where a container can sit. */
export const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

/** A compliant pod with one extra container in `list` whose securityContext is merged with `sc`. */
export function podWithContainer(list: (typeof CONTAINER_LISTS)[number], container: Record<string, any>): { spec: Record<string, any>; index: number } {
  const spec = goodPod();
  if (list === "containers") {
    spec.containers.push(container);
    return { spec, index: 1 };
  }
  spec[list] = [container];
  return { spec, index: 0 };
}

/** A compliant container with its securityContext extended by `sc`. */
export function containerWith(sc: Record<string, any>, extra: Record<string, any> = {}): Record<string, any> {
  const c = goodContainer("bad", extra);
  c.securityContext = { ...c.securityContext, ...sc };
  return c;
}

/** Config at a given PSS version. */
export function at(version: string, extra: Partial<PackConfig> = {}): Partial<PackConfig> {
  return { podSecurityVersion: version, ...extra };
}
