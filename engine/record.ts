import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { defaultProviderFor, type AnalyzerProvider } from "./default-providers";
import { realisticMocks, type StackOutputsLookup } from "./mocks";
import { ExpansionError, kubeChildren, yamlV2Objects } from "./expanders/kubernetes-yaml";
import { deferPromiseStackTraces } from "./lazy-promise-stacks";
import type { UnverifiedEntry } from "./unverified";
import { Interner } from "./interner";
import { deserializeShared, serializePlain } from "./plain-values";
import { toAnalyzerWire } from "./wire";

/** Type of the root stack resource, which the engine leaves out of its children's URNs. */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Remote components of the Kubernetes provider that the engine expands from local files. */
const YAML_V2_COMPONENTS: ReadonlySet<string> = new Set(["kubernetes:yaml/v2:ConfigFile", "kubernetes:yaml/v2:ConfigGroup"]);

/** Resource options the engine forwards to analyzers (`AnalyzerResourceOptions`). */
export interface RecordedOptions {
  readonly aliases: string[];
  readonly ignoreChanges: string[];
  /** Unset when the program did not set `deleteBeforeReplace`. */
  readonly deleteBeforeReplace?: boolean;
  readonly additionalSecretOutputs: string[];
  readonly customTimeouts: { create: string; update: string; delete: string };
}

/** One resource as the program registered it: what `preview --json` lists and the pack judges. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string | null;
  readonly inputs: Record<string, any>;
  /** Outputs as the mocks returned them (stack policies see outputs). */
  readonly outputs: Record<string, any>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  /** Provider reference `urn::id`, when an explicit provider was passed. */
  readonly provider: string | null;
  /**
   * The provider the engine sends with this resource: the explicit provider or the engine's default
   * provider of the package (`pulumi:providers:<pkg>::default_<version>`, configured from the stack's
   * `<pkg>:*` config). Null for components and built-in `pulumi:` types.
   */
  readonly providerResource?: AnalyzerProvider | null;
  /** Inputs exactly as the engine sends them to analyzers (unknown sentinels, secret envelopes). */
  readonly wireInputs?: Record<string, unknown>;
  /** Outputs in the same wire form (what `AnalyzeStack` sees). */
  readonly wireOutputs?: Record<string, unknown>;
  /** Options forwarded as `AnalyzerResourceOptions`. */
  readonly options?: RecordedOptions;
  /** A remote (multi-language) component, registered for a provider to construct. */
  readonly remote?: boolean;
  /** Package version the SDK asked for (selects the default provider). */
  readonly version?: string;
  /**
   * Where the program declared the resource (`file:` URI, 1-based line), from the source position the SDK
   * sends with the registration; when that is inside `node_modules` (a packaged component), the first frame
   * of the registration's stack trace outside `node_modules`. Children expanded offline take their
   * component's position. Null when the SDK sent none, and for the root stack (the language host registers it).
   */
  readonly sourcePosition?: SourcePosition | null;
}

/** A position in the program's sources: a `file:` URI and a 1-based line. */
export interface SourcePosition {
  readonly uri: string;
  readonly line: number;
}

function positionOf(pos: any): SourcePosition | null {
  const uri: unknown = pos?.getUri?.();
  const line: unknown = pos?.getLine?.();
  return typeof uri === "string" && uri !== "" && typeof line === "number" && line > 0 ? { uri, line } : null;
}

/** The registration's source position, preferring the first frame outside `node_modules` (see {@link RecordedResource.sourcePosition}). */
function sourcePositionOf(req: any): SourcePosition | null {
  const direct = positionOf(req.getSourceposition?.());
  if (direct && !direct.uri.includes("/node_modules/")) return direct;
  const frames = (req.getStacktrace?.()?.getFramesList?.() ?? []) as any[];
  for (const frame of frames) {
    const pos = positionOf(frame.getPc?.());
    if (pos && !pos.uri.includes("/node_modules/")) return pos;
  }
  return direct;
}

/** A protobuf `Struct` as plain JavaScript (`{}` when absent). */
function structToJs(struct: { toJavaScript(): Record<string, unknown> } | undefined): Record<string, unknown> {
  return struct ? struct.toJavaScript() : {};
}

/**
 * What `MockMonitor.registerResource` answers, in the shape the SDK reads (`getUrn`, `getId`, `getObject`,
 * `getPropertydependenciesMap`, `getResult`, as its own offline fallback in runtime/resource.js builds it): the
 * state is handed over as the JavaScript value the SDK would get back from the `Struct` (`toJavaScript()`), without
 * building the protobuf message and converting it back.
 */
function mockResponse(urn: string, id: string, state: Record<string, unknown>): unknown {
  const object = { toJavaScript: () => state };
  return { getUrn: () => urn, getId: () => id, getObject: () => object, getPropertydependenciesMap: () => undefined, getResult: () => 0 };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** URN of a child, as the engine builds it: the parent's type chain `$`-joined with the child's type. */
function childUrn(parentUrn: string, type: string, name: string): string {
  const parts = parentUrn.split("::");
  return `${parts[0]}::${parts[1]}::${parts[2].split("$").pop()}$${type}::${name}`;
}

function aliasUrns(req: any): string[] {
  const structured = (req.getAliasesList?.() ?? []) as any[];
  const urns = structured.map((a) => (a.hasUrn?.() ? a.getUrn() : "")).filter((u: string) => u !== "");
  return [...urns, ...((req.getAliasurnsList?.() ?? []) as string[])];
}

/** The options of a registration that set none of them (most registrations), shared by their records. */
const DEFAULT_OPTIONS: RecordedOptions = Object.freeze({
  aliases: Object.freeze([]) as unknown as string[],
  ignoreChanges: Object.freeze([]) as unknown as string[],
  additionalSecretOutputs: Object.freeze([]) as unknown as string[],
  customTimeouts: Object.freeze({ create: "", update: "", delete: "" }),
});

function optionsOf(req: any): RecordedOptions {
  const timeouts = req.getCustomtimeouts?.();
  const options: RecordedOptions = {
    aliases: aliasUrns(req),
    ignoreChanges: req.getIgnorechangesList?.() ?? [],
    ...(req.getDeletebeforereplacedefined?.() ? { deleteBeforeReplace: req.getDeletebeforereplace() === true } : {}),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
    customTimeouts: { create: timeouts?.getCreate?.() ?? "", update: timeouts?.getUpdate?.() ?? "", delete: timeouts?.getDelete?.() ?? "" },
  };
  return isDefaultOptions(options) ? DEFAULT_OPTIONS : options;
}

function isDefaultOptions(o: RecordedOptions): boolean {
  const t = o.customTimeouts;
  return (
    o.aliases.length === 0 &&
    o.ignoreChanges.length === 0 &&
    o.additionalSecretOutputs.length === 0 &&
    o.deleteBeforeReplace === undefined &&
    t.create === "" &&
    t.update === "" &&
    t.delete === ""
  );
}

/** A mock monitor that records every registration, with its options, in order. */
export class RecordingMonitor extends MockMonitor {
  readonly recorded: RecordedResource[] = [];
  /** Remote components the engine expanded offline (their children are recorded). */
  readonly expanded = new Set<string>();
  /** URNs registered more than once (a real engine fails the update on the second registration). */
  readonly duplicates: string[] = [];
  /** What the expanders could not read offline. */
  readonly unverified: UnverifiedEntry[] = [];
  private readonly byUrn = new Map<string, RecordedResource>();
  /** The description of each explicit provider, shared by the records that use it. */
  private readonly explicitProviders = new WeakMap<RecordedResource, AnalyzerProvider>();
  /** Default provider descriptions by package, version and stack (see {@link defaultProvider}). */
  private readonly defaultProviders = new Map<string, AnalyzerProvider | null>();
  /** Types, URNs and source URIs the records share (see engine/interner.ts). */
  private readonly strings = new Interner();

  constructor(
    mocks: pulumi.runtime.Mocks,
    /** Stack config (`<pkg>:<key>` → string), for the default providers' properties. */
    private readonly config: Readonly<Record<string, string>> = {},
    private readonly listener: RegistrationListener = () => undefined,
  ) {
    super(mocks);
    // MockMonitor builds URNs with its (private) newUrn; use the engine's rule instead.
    (this as unknown as { newUrn: RecordingMonitor["engineUrn"] }).newUrn = (parent, type, name) => this.engineUrn(parent, type, name);
  }

  /** The provider the engine would send with a resource registered by `req` (see {@link RecordedResource.providerResource}). */
  private providerOf(req: any): AnalyzerProvider | null {
    const ref: string = req.getProvider();
    if (ref) {
      const urn = ref.split("::").slice(0, -1).join("::");
      const p = this.byUrn.get(urn);
      if (!p) return null;
      let described = this.explicitProviders.get(p);
      if (!described) {
        described = { urn: p.urn, type: p.type, name: p.name, properties: p.wireInputs ?? p.inputs };
        this.explicitProviders.set(p, described);
      }
      return described;
    }
    if (!req.getCustom()) return null;
    return this.defaultProvider(req.getType(), req.getVersion?.() ?? "");
  }

  /**
   * The engine's default provider for a resource of `type` (see {@link defaultProviderFor}), one shared description
   * per package, version and stack for all the records that use it.
   */
  private defaultProvider(type: string, version: string): AnalyzerProvider | null {
    const project = settings.getProject();
    const stack = settings.getStack();
    const key = `${type.split(":")[0]}\0${version}\0${project}\0${stack}`;
    if (!this.defaultProviders.has(key)) this.defaultProviders.set(key, defaultProviderFor(type, version, project, stack, this.config));
    return this.defaultProviders.get(key) ?? null;
  }

  /**
   * `MockMonitor.registerResource` (mock `newResource`, URN, serialized state kept for `getResource`, response)
   * followed by the recording, without a turn of the microtask queue when the mock answers synchronously with plain
   * data (the SDK's own path awaits every nested value of the state; see engine/plain-values.ts). The request's
   * `Struct` is converted to JavaScript once for the mock and the record.
   */
  override async registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
    const type: string = req.getType();
    const name: string = req.getName();
    this.listener(type, name, false);
    try {
      let err: any;
      let resp: unknown;
      let inputsJs: Record<string, unknown> = {};
      let inputs: Record<string, any> = {};
      let urn = "";
      let state: Record<string, unknown> = {};
      try {
        inputsJs = structToJs(req.getObject());
        inputs = deserializeShared(inputsJs);
        let result = this.mocks.newResource({ type, name, inputs, provider: req.getProvider(), custom: req.getCustom(), id: req.getImportid() });
        if (isPromiseLike(result)) result = await result;
        urn = this.engineUrn(req.getParent(), type, name);
        const plain = serializePlain(result.state);
        const isRecord = plain !== null && typeof plain === "object" && !Array.isArray(plain);
        state = (isRecord ? plain : await serializeProperties("", result.state)) as Record<string, unknown>;
        this.resources.set(urn, { urn, id: result.id ?? null, state });
        resp = mockResponse(urn, result.id || "", state);
      } catch (error) {
        err = error;
      }
      if (!err) {
        const record = this.recordRegistration(req, urn, inputsJs, inputs, state);
        if (record.remote && YAML_V2_COMPONENTS.has(record.type)) {
          try {
            await this.expandYamlV2(record, req);
          } catch (error) {
            err = error instanceof ExpansionError ? new Error(`${record.type} '${record.name}': ${error.message}`) : error;
          }
        }
      }
      callback(err, err ? undefined : resp);
    } finally {
      this.listener(type, name, true);
    }
  }

  /**
   * URN as the engine builds it: the parent's type chain joined with `$`, except that the root stack's
   * type (`pulumi:pulumi:Stack`) is never part of a child's URN.
   */
  engineUrn(parent: string, type: string, name: string): string {
    if (parent && parent.split("::")[2] !== ROOT_STACK_TYPE) return childUrn(parent, type, name);
    return `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${type}::${name}`;
  }

  /**
   * The record of a registration: `inputsJs` is the request's `Struct` as JavaScript and `inputs` its deserialized
   * form, `outputsJs` the serialized state the mock returned. Views that would be deep copies of one another are one
   * shared value (engine/plain-values.ts).
   */
  private recordRegistration(req: any, urn: string, inputsJs: Record<string, unknown>, inputs: Record<string, any>, outputsJs: Record<string, unknown>): RecordedResource {
    const previous = this.byUrn.get(urn);
    if (previous) this.duplicates.push(urn);
    const strings = this.strings;
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
      propertyDependencies[key] = strings.internAll(deps.getUrnsList());
    });
    const position = req.getType() === ROOT_STACK_TYPE ? null : sourcePositionOf(req);
    const record: RecordedResource = {
      urn: strings.intern(urn),
      type: strings.intern(req.getType()),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() ? strings.intern(req.getParent()) : null,
      inputs,
      outputs: deserializeShared(outputsJs),
      protect: req.getProtect?.() === true,
      retainOnDelete: req.getRetainondelete?.() === true,
      dependencies: strings.internAll(req.getDependenciesList()),
      propertyDependencies,
      provider: req.getProvider() ? strings.intern(req.getProvider()) : null,
      providerResource: this.providerOf(req),
      wireInputs: toAnalyzerWire(inputsJs) as Record<string, unknown>,
      wireOutputs: toAnalyzerWire(outputsJs) as Record<string, unknown>,
      options: optionsOf(req),
      remote: req.getRemote?.() === true,
      version: strings.intern(req.getVersion?.() ?? ""),
      // The root stack is registered by the language host, not declared by the program.
      sourcePosition: position ? { uri: strings.intern(position.uri), line: position.line } : null,
    };
    this.recorded.push(record);
    this.byUrn.set(record.urn, record);
    return record;
  }

  /**
   * Construct a `kubernetes:yaml/v2` ConfigFile/ConfigGroup as the Kubernetes provider would: register
   * one child per object (parent = the component, same provider), read from local files.
   */
  private async expandYamlV2(component: RecordedResource, req: any): Promise<void> {
    const { objects, unreadable } = yamlV2Objects(component.type, component.inputs, process.cwd());
    for (const url of unreadable) {
      this.unverified.push({
        reason: "unreadable-manifest",
        urn: component.urn,
        subject: component.type,
        message: `${component.type} '${component.name}' reads ${url} over the network, which the offline preview does not fetch: its objects were never judged (vendor the manifest into the repository)`,
      });
    }
    const prefix = typeof component.inputs.resourcePrefix === "string" ? component.inputs.resourcePrefix : component.name;
    const children = kubeChildren(objects, prefix, component.inputs.skipAwait === true, `${component.type} '${component.name}'`);
    const provider =
      component.providerResource ??
      (req.getProvider() ? null : this.defaultProvider(component.type, component.version ?? ""));
    for (const child of children) {
      const result = await this.mocks.newResource({ type: child.type, name: child.name, inputs: child.object, provider: req.getProvider(), custom: true, id: "" });
      const urn = childUrn(component.urn, child.type, child.name);
      if (this.byUrn.has(urn)) this.duplicates.push(urn);
      const outputs = { ...result.state, id: result.id };
      const record: RecordedResource = {
        urn,
        type: child.type,
        name: child.name,
        custom: true,
        parent: component.urn,
        inputs: child.object,
        outputs,
        protect: false,
        retainOnDelete: false,
        dependencies: [],
        propertyDependencies: {},
        provider: req.getProvider() || null,
        providerResource: provider,
        wireInputs: child.object,
        wireOutputs: JSON.parse(JSON.stringify(outputs)),
        options: DEFAULT_OPTIONS,
        remote: false,
        version: component.version,
        sourcePosition: component.sourcePosition ?? null,
      };
      this.recorded.push(record);
      this.byUrn.set(urn, record);
    }
    this.expanded.add(component.urn);
  }
}

/** Options for running a program body under the recording mock runtime. */
export interface RecordOptions {
  readonly project?: string;
  readonly stack?: string;
  /** Pulumi config as `<namespace>:<key>` → string or JSON text, exactly as a stack file holds it. */
  readonly config?: Record<string, string>;
  readonly secretKeys?: string[];
  /** Preview (dry run) semantics; default true. */
  readonly preview?: boolean;
  readonly region?: string;
  /** Outputs returned for `StackReference`s (default: empty outputs). */
  readonly stackOutputs?: StackOutputsLookup;
  /** Told when a registration starts and ends (to name what is pending when a run times out). */
  readonly onRegistration?: RegistrationListener;
}

/** Hears each registration's start (`end` false) and end (`end` true). */
export type RegistrationListener = (type: string, name: string, end: boolean) => void;

/** Everything one recorded run produced. */
export interface RecordedRun {
  readonly resources: RecordedResource[];
  /** Invokes answered only by echoing their arguments: token → calls. */
  readonly unansweredInvokes: Map<string, number>;
  /** Remote components expanded offline. */
  readonly expanded: ReadonlySet<string>;
  /** URNs registered twice. */
  readonly duplicates: readonly string[];
  /** What the expanders could not read offline. */
  readonly unverified: readonly UnverifiedEntry[];
}

/**
 * Run `body` (which registers resources) under Pulumi's mock runtime and return every registered
 * resource once all RPCs have drained, with what could not be answered faithfully.
 */
export async function recordRun(body: () => unknown, options: RecordOptions = {}): Promise<RecordedRun> {
  const unansweredInvokes = new Map<string, number>();
  const mocks = realisticMocks(options.region ?? options.config?.["aws:region"] ?? "eu-west-1", options.stackOutputs, (token) =>
    unansweredInvokes.set(token, (unansweredInvokes.get(token) ?? 0) + 1),
  );
  const monitor = new RecordingMonitor(mocks, options.config, options.onRegistration);
  deferPromiseStackTraces();
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys);
  settings.setMockOptions(monitor, options.project ?? "hardened-cluster", options.stack ?? "dev", options.preview ?? true);
  await body();
  // waitForRPCs is @internal in the typings; it drains the registration queue.
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { resources: monitor.recorded, unansweredInvokes, expanded: monitor.expanded, duplicates: monitor.duplicates, unverified: monitor.unverified };
}

/**
 * Run `body` (which registers resources) under Pulumi's mock runtime and return every registered
 * resource once all RPCs have drained. Used by the preview engine and by component tests.
 */
export async function recordResources(body: () => unknown, options: RecordOptions = {}): Promise<RecordedResource[]> {
  return (await recordRun(body, options)).resources;
}
