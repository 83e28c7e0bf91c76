/**
 * Workload types (W) and pod-spec extraction, after PSA `admission/admission.go`. Also the mapping from a
 * plain Kubernetes object to the Pulumi type token and props the pack sees (used by the scanner for every kind).
 */

/** Where the pod spec sits inside a workload's props, as a property path. */
const POD_SPEC_PATHS = {
  "kubernetes:core/v1:Pod": ["spec"],
  "kubernetes:core/v1:PodTemplate": ["template", "spec"],
  "kubernetes:core/v1:ReplicationController": ["spec", "template", "spec"],
  "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
  "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
} as const satisfies Record<string, readonly string[]>;

/** Where the pod spec sits in the props of each non-Patch workload token. */
export const POD_SPEC_PATHS_BY_TYPE: Readonly<Record<BaseWorkloadType, readonly string[]>> = POD_SPEC_PATHS;

/** A non-Patch workload token. */
export type BaseWorkloadType = keyof typeof POD_SPEC_PATHS;

/** The non-Patch workload tokens, in catalog order. */
export const BASE_WORKLOAD_TYPES = Object.keys(POD_SPEC_PATHS) as BaseWorkloadType[];

/** The `…Patch` token of a workload token. */
export function patchTypeOf(type: BaseWorkloadType): string {
  return `${type}Patch`;
}

/** Every workload token W: each base token followed by its Patch variant. */
export const WORKLOAD_TYPES: readonly string[] = BASE_WORKLOAD_TYPES.flatMap((t) => [t, patchTypeOf(t)]);

/** True for a Patch workload token (partial inputs: flag only explicitly set bad values). */
export function isPatchType(type: string): boolean {
  return type.endsWith("Patch") && WORKLOAD_TYPES.includes(type);
}

/** True for any workload token (base or Patch). */
export function isWorkloadType(type: string): boolean {
  return WORKLOAD_TYPES.includes(type);
}

function baseTypeOf(type: string): BaseWorkloadType | undefined {
  const base = type.endsWith("Patch") ? type.slice(0, -"Patch".length) : type;
  return base in POD_SPEC_PATHS ? (base as BaseWorkloadType) : undefined;
}

/** The pod spec of a workload, its pod (template) metadata, and where they sit. */
export interface PodSpecView {
  /** The pod spec (`{}` when absent, e.g. on a Patch that does not touch it). */
  readonly spec: Record<string, any>;
  /** The pod (template) metadata: the sibling `metadata` of the spec (`{}` when absent). */
  readonly metadata: Record<string, any>;
  readonly isPatch: boolean;
  /** Dotted path of the spec inside the props, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** Dotted path of the pod metadata, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
}

function objectOr(value: unknown): Record<string, any> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** Extract the pod spec of a workload (undefined for non-workload types). */
export function podSpecOf(type: string, props: Record<string, any>): PodSpecView | undefined {
  const base = baseTypeOf(type);
  if (!base) return undefined;
  const path = POD_SPEC_PATHS[base];
  let parent: Record<string, any> = objectOr(props);
  for (const key of path.slice(0, -1)) parent = objectOr(parent[key]);
  const parentPath = path.slice(0, -1);
  return {
    spec: objectOr(parent[path[path.length - 1]]),
    metadata: objectOr(parent.metadata),
    isPatch: type.endsWith("Patch"),
    specPath: path.join("."),
    metadataPath: [...parentPath, "metadata"].join("."),
  };
}

/** The three container lists PSA visits. */
export const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

/** One container of a pod spec and where it sits. */
export interface ContainerRef {
  readonly container: Record<string, any>;
  readonly list: ContainerList;
  readonly index: number;
  /** Path relative to the pod spec, e.g. `initContainers[0]`. */
  readonly path: string;
  /** The container's `name`, or `""`. */
  readonly name: string;
}

/** Visit every container, init container and ephemeral container of a pod spec, in that order. */
export function visitContainers(spec: Record<string, any>, visit: (ref: ContainerRef) => void): void {
  for (const list of CONTAINER_LISTS) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      const container = objectOr(item);
      visit({ container, list, index, path: `${list}[${index}]`, name: typeof container.name === "string" ? container.name : "" });
    });
  }
}

/** All containers of a pod spec (see {@link visitContainers}). */
export function containersOf(spec: Record<string, any>): ContainerRef[] {
  const out: ContainerRef[] = [];
  visitContainers(spec, (ref) => out.push(ref));
  return out;
}

/** A plain Kubernetes object as found in YAML. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [key: string]: unknown;
}

/**
 * The Pulumi type token of an `apiVersion`/`kind` pair: `v1` → `kubernetes:core/v1:<Kind>`,
 * `<group>/<version>` → `kubernetes:<group>/<version>:<Kind>` (custom resources use the same form).
 */
export function pulumiTypeOf(apiVersion: string, kind: string): string {
  if (typeof apiVersion !== "string" || apiVersion === "" || typeof kind !== "string" || kind === "") {
    throw new Error(`a Kubernetes object needs apiVersion and kind (got apiVersion=${String(apiVersion)}, kind=${String(kind)})`);
  }
  const groupVersion = apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`;
  return `kubernetes:${groupVersion}:${kind}`;
}

/** Map a plain Kubernetes object to the Pulumi type token and the props the pack sees (object minus apiVersion/kind). */
export function toPulumiResource(object: KubernetesObject): { type: string; props: Record<string, any> } {
  const { apiVersion, kind, ...props } = object;
  return { type: pulumiTypeOf(apiVersion, kind), props };
}

/** A built-in kind that embeds a pod spec, in every apiVersion it was served in (current and removed). */
export interface PodSpecKind {
  /** API group (`""` for core). */
  readonly group: string;
  readonly versions: readonly string[];
  readonly kind: string;
  /** The current workload token with the same shape, which the rules judge it as. */
  readonly canonical: BaseWorkloadType;
}

/**
 * Every built-in kind/apiVersion that embeds a pod spec. Removed versions (extensions/v1beta1,
 * apps/v1beta1, apps/v1beta2, batch/v1beta1, batch/v2alpha1) have the shape of their current successor.
 */
export const POD_SPEC_KINDS: readonly PodSpecKind[] = [
  { group: "", versions: ["v1"], kind: "Pod", canonical: "kubernetes:core/v1:Pod" },
  { group: "", versions: ["v1"], kind: "PodTemplate", canonical: "kubernetes:core/v1:PodTemplate" },
  { group: "", versions: ["v1"], kind: "ReplicationController", canonical: "kubernetes:core/v1:ReplicationController" },
  { group: "apps", versions: ["v1", "v1beta1", "v1beta2"], kind: "Deployment", canonical: "kubernetes:apps/v1:Deployment" },
  { group: "apps", versions: ["v1", "v1beta1", "v1beta2"], kind: "StatefulSet", canonical: "kubernetes:apps/v1:StatefulSet" },
  { group: "apps", versions: ["v1", "v1beta2"], kind: "DaemonSet", canonical: "kubernetes:apps/v1:DaemonSet" },
  { group: "apps", versions: ["v1", "v1beta2"], kind: "ReplicaSet", canonical: "kubernetes:apps/v1:ReplicaSet" },
  { group: "extensions", versions: ["v1beta1"], kind: "Deployment", canonical: "kubernetes:apps/v1:Deployment" },
  { group: "extensions", versions: ["v1beta1"], kind: "DaemonSet", canonical: "kubernetes:apps/v1:DaemonSet" },
  { group: "extensions", versions: ["v1beta1"], kind: "ReplicaSet", canonical: "kubernetes:apps/v1:ReplicaSet" },
  { group: "batch", versions: ["v1"], kind: "Job", canonical: "kubernetes:batch/v1:Job" },
  { group: "batch", versions: ["v1", "v1beta1", "v2alpha1"], kind: "CronJob", canonical: "kubernetes:batch/v1:CronJob" },
];

/** How a plain object's pod spec is judged: as which workload token, and where its spec really sits. */
export interface PodSpecLocation {
  readonly canonical: BaseWorkloadType;
  /** Dotted path of the pod spec in the object as written (e.g. `spec.template` for a bare template). */
  readonly actualSpecPath: string;
  /** How it was recognised. */
  readonly source: "table" | "generic";
}

function isRecord(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function hasContainers(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.containers);
}

/**
 * Where the pod spec of an object sits: from {@link POD_SPEC_KINDS} for built-in kinds, else by the
 * generic rule for unknown kinds (OpenShift DeploymentConfig, Argo Rollout, any CRD): `spec.template.spec`,
 * `spec.jobTemplate.spec.template.spec`, or `spec.template` itself when it has `containers`.
 */
export function podSpecLocationOf(apiVersion: string, kind: string, object: Record<string, unknown>): PodSpecLocation | undefined {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const hit = POD_SPEC_KINDS.find((k) => k.group === group && k.kind === kind && k.versions.includes(version));
  if (hit) return { canonical: hit.canonical, actualSpecPath: POD_SPEC_PATHS[hit.canonical].join("."), source: "table" };
  if (POD_SPEC_KINDS.some((k) => k.group === group && k.kind === kind)) return undefined; // a built-in kind at an unknown version
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec) return undefined;
  if (isRecord(spec.template) && hasContainers(spec.template.spec)) return { canonical: "kubernetes:apps/v1:Deployment", actualSpecPath: "spec.template.spec", source: "generic" };
  const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
  if (job && isRecord(job.template) && hasContainers(job.template.spec)) {
    return { canonical: "kubernetes:batch/v1:CronJob", actualSpecPath: "spec.jobTemplate.spec.template.spec", source: "generic" };
  }
  if (hasContainers(spec.template)) return { canonical: "kubernetes:apps/v1:Deployment", actualSpecPath: "spec.template", source: "generic" };
  return undefined;
}
