import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";

/**
 * Offline answers for the Kubernetes provider's YAML handling, as pulumi-kubernetes does it
 * (`provider/pkg/provider/yaml/v2/yaml.go`): decode multi-document YAML, flatten `List` kinds, default
 * the namespace of namespaced kinds, name each object `[<prefix>:][<namespace>/]<name>` and type it
 * `kubernetes:<group>/<version>:<Kind>` (`core` for the legacy group).
 */

/** Kinds that are cluster-scoped (everything else gets the default namespace, as the provider's Normalize does). */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
  "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "CSINode",
  "IngressClass", "RuntimeClass", "VolumeAttachment", "FlowSchema", "PriorityLevelConfiguration", "CertificateSigningRequest",
]);

/** A Kubernetes object as decoded from YAML. */
export type KubeObject = Record<string, any>;

/** Why an object or file could not be expanded (the caller reports it as bad input or UNVERIFIED). */
export class ExpansionError extends Error {}

/** Decode YAML text (one or more documents) into objects, skipping empty documents, as `kubernetes:yaml:decode` does. */
export function decodeYaml(text: string, source: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const err = doc.errors[0];
    if (err) throw new ExpansionError(`${source}: malformed YAML (${err.message.split("\n")[0]}): fix the manifest`);
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) throw new ExpansionError(`${source}: a Kubernetes manifest document must be an object`);
    if (Object.keys(value).length > 0) objects.push(value);
  }
  return objects;
}

/** Flatten `List` kinds (`v1/List`, `*List`) into their items, recursively. */
export function flattenLists(objects: readonly KubeObject[]): KubeObject[] {
  return objects.flatMap((o) => (typeof o.kind === "string" && o.kind.endsWith("List") && Array.isArray(o.items) ? flattenLists(o.items) : [o]));
}

/** Pulumi type token of an object: `kubernetes:core/v1:Pod`, `kubernetes:apps/v1:Deployment`, ... */
export function kubeTypeToken(apiVersion: string, kind: string): string {
  const gv = apiVersion.includes("/") ? apiVersion.replace(/^core\//, "core/") : `core/${apiVersion}`;
  return `kubernetes:${gv}:${kind}`;
}

/** A child the provider would register for an object. */
export interface KubeChild {
  readonly type: string;
  readonly name: string;
  readonly object: KubeObject;
}

/** The children a `yaml/v2` component registers for `objects` (validated, namespaced, named, typed). */
export function kubeChildren(objects: readonly KubeObject[], prefix: string, skipAwait: boolean, source: string, defaultNamespace = "default"): KubeChild[] {
  return flattenLists(objects).map((original) => {
    const object: KubeObject = JSON.parse(JSON.stringify(original));
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string" || object.apiVersion === "" || object.kind === "") {
      throw new ExpansionError(`${source}: Kubernetes resources require a kind and apiVersion: add them to ${JSON.stringify(original).slice(0, 80)}`);
    }
    const metadata = (object.metadata ??= {});
    if (typeof metadata.name !== "string" || metadata.name === "") throw new ExpansionError(`${source}: Kubernetes resources require a .metadata.name: add it to the ${object.kind}`);
    if (object.apiVersion.startsWith("core/")) object.apiVersion = object.apiVersion.slice("core/".length);
    if (!CLUSTER_SCOPED.has(object.kind) && !metadata.namespace) metadata.namespace = defaultNamespace;
    if (skipAwait) metadata.annotations = { ...(metadata.annotations ?? {}), "pulumi.com/skipAwait": "true" };
    let name: string = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
    if (prefix !== "") name = `${prefix}:${name}`;
    return { type: kubeTypeToken(object.apiVersion, object.kind), name, object };
  });
}

/** Whether a `files` entry is a URL (the provider would fetch it over the network). */
export function isUrl(file: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(file);
}

/** Read a local manifest file relative to the program folder. */
export function readManifest(file: string, cwd: string): string {
  const full = path.resolve(cwd, file);
  try {
    return fs.readFileSync(full, "utf8");
  } catch (error) {
    throw new ExpansionError(`${full}: cannot read the manifest (${(error as NodeJS.ErrnoException).code ?? String(error)}): check the 'file'/'files' path of the ConfigFile/ConfigGroup`);
  }
}

/** Expand a glob pattern the way Go's filepath.Glob does for the simple `*`/`?` cases (no `**`). */
export function expandGlob(pattern: string, cwd: string): string[] {
  if (!/(?:^|[^\\])[*?[]/.test(pattern)) return [pattern];
  const abs = path.resolve(cwd, pattern);
  const dir = path.dirname(abs);
  const re = new RegExp(`^${path.basename(abs).replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f));
}

/**
 * Objects of a `kubernetes:yaml/v2:ConfigFile` (`file`) or `ConfigGroup` (`objs`, `yaml`, `files` with
 * globs), in the provider's order: objects, then YAML text, then files. URLs cannot be read offline:
 * they are returned in `unreadable`.
 */
export function yamlV2Objects(type: string, inputs: Record<string, any>, cwd: string): { objects: KubeObject[]; unreadable: string[] } {
  const objects: KubeObject[] = [];
  const unreadable: string[] = [];
  const files: string[] = type.endsWith(":ConfigFile") ? [inputs.file] : [...(inputs.files ?? [])];
  if (!type.endsWith(":ConfigFile")) {
    objects.push(...((inputs.objs ?? []) as KubeObject[]));
    const yamls: string[] = Array.isArray(inputs.yaml) ? inputs.yaml : inputs.yaml ? [inputs.yaml] : [];
    for (const text of yamls) objects.push(...decodeYaml(text, `${type} yaml`));
  }
  for (const file of files) {
    if (typeof file !== "string") continue;
    if (isUrl(file)) {
      unreadable.push(file);
      continue;
    }
    const matches = type.endsWith(":ConfigFile") ? [file] : expandGlob(file, cwd);
    for (const f of matches) objects.push(...decodeYaml(readManifest(f, cwd), path.resolve(cwd, f)));
  }
  return { objects, unreadable };
}
