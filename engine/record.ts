import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { realisticMocks, type StackOutputsLookup } from "./mocks";

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
}

/** A mock monitor that records every registration, with its options, in order. */
export class RecordingMonitor extends MockMonitor {
  readonly recorded: RecordedResource[] = [];

  override async registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
    await super.registerResource(req, (err: any, resp?: any) => {
      if (!err && resp) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        this.recorded.push({
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
        });
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
  const monitor = new RecordingMonitor(realisticMocks(options.region ?? options.config?.["aws:region"] ?? "eu-west-1", options.stackOutputs));
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys);
  settings.setMockOptions(monitor, options.project ?? "hardened-cluster", options.stack ?? "dev", options.preview ?? true);
  await body();
  // waitForRPCs is @internal in the typings; it drains the registration queue.
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return monitor.recorded;
}
