import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { defaultProviderFor, type AnalyzerProvider } from "./default-providers";
import { realisticMocks, type StackOutputsLookup } from "./mocks";
import { toAnalyzerWire } from "./wire";

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
}

function aliasUrns(req: any): string[] {
  const structured = (req.getAliasesList?.() ?? []) as any[];
  const urns = structured.map((a) => (a.hasUrn?.() ? a.getUrn() : "")).filter((u: string) => u !== "");
  return [...urns, ...((req.getAliasurnsList?.() ?? []) as string[])];
}

function optionsOf(req: any): RecordedOptions {
  const timeouts = req.getCustomtimeouts?.();
  return {
    aliases: aliasUrns(req),
    ignoreChanges: req.getIgnorechangesList?.() ?? [],
    ...(req.getDeletebeforereplacedefined?.() ? { deleteBeforeReplace: req.getDeletebeforereplace() === true } : {}),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
    customTimeouts: { create: timeouts?.getCreate?.() ?? "", update: timeouts?.getUpdate?.() ?? "", delete: timeouts?.getDelete?.() ?? "" },
  };
}

/** A mock monitor that records every registration, with its options, in order. */
export class RecordingMonitor extends MockMonitor {
  readonly recorded: RecordedResource[] = [];
  private readonly byUrn = new Map<string, RecordedResource>();

  constructor(
    mocks: pulumi.runtime.Mocks,
    /** Stack config (`<pkg>:<key>` → string), for the default providers' properties. */
    private readonly config: Readonly<Record<string, string>> = {},
  ) {
    super(mocks);
  }

  /** The provider the engine would send with a resource registered by `req` (see {@link RecordedResource.providerResource}). */
  private providerOf(req: any): AnalyzerProvider | null {
    const ref: string = req.getProvider();
    if (ref) {
      const urn = ref.split("::").slice(0, -1).join("::");
      const p = this.byUrn.get(urn);
      return p ? { urn: p.urn, type: p.type, name: p.name, properties: p.wireInputs ?? p.inputs } : null;
    }
    if (!req.getCustom()) return null;
    return defaultProviderFor(req.getType(), req.getVersion?.() ?? "", settings.getProject(), settings.getStack(), this.config);
  }

  override async registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
    await super.registerResource(req, (err: any, resp?: any) => {
      if (!err && resp) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        const object = req.getObject();
        const record: RecordedResource = {
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || null,
          inputs: deserializeProperties(req.getObject()),
          outputs: deserializeProperties(resp.getObject()),
          protect: req.getProtect?.() === true,
          retainOnDelete: req.getRetainondelete?.() === true,
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          provider: req.getProvider() || null,
          providerResource: this.providerOf(req),
          wireInputs: toAnalyzerWire(object ? object.toJavaScript() : {}) as Record<string, unknown>,
          wireOutputs: toAnalyzerWire(resp.getObject() ? resp.getObject().toJavaScript() : {}) as Record<string, unknown>,
          options: optionsOf(req),
          remote: req.getRemote?.() === true,
          version: req.getVersion?.() ?? "",
        };
        this.recorded.push(record);
        this.byUrn.set(record.urn, record);
      }
      callback(err, resp);
    });
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
}

/**
 * Run `body` (which registers resources) under Pulumi's mock runtime and return every registered
 * resource once all RPCs have drained. Used by the preview engine and by component tests.
 */
export async function recordResources(body: () => unknown, options: RecordOptions = {}): Promise<RecordedResource[]> {
  const monitor = new RecordingMonitor(realisticMocks(options.region ?? options.config?.["aws:region"] ?? "eu-west-1", options.stackOutputs), options.config);
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys);
  settings.setMockOptions(monitor, options.project ?? "hardened-cluster", options.stack ?? "dev", options.preview ?? true);
  await body();
  // waitForRPCs is @internal in the typings; it drains the registration queue.
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return monitor.recorded;
}
