import * as path from "node:path";
import type { AppliedExemption, Violation } from "../policy-pack/core/evaluate";
import { REMEDIATION_SEPARATOR } from "../policy-pack/core/policies";
import { findRule } from "../policy-pack/registry";
import type { RecordedResource } from "./record";

// Protocol modules are loaded from @pulumi/pulumi's own dependency tree so the message classes,
// google.protobuf.Struct and grpc are the very instances the generated stubs use.
const protoDir = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [protoDir] }));
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [protoDir] }));
const emptyPb = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [protoDir] }));

/** Enforcement levels on the wire (analyzer.proto `EnforcementLevel`). */
export const WIRE_LEVEL = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 } as const;

/** A policy as `getAnalyzerInfo` describes it. */
export interface PolicyInfo {
  readonly name: string;
  readonly enforcementLevel: keyof typeof WIRE_LEVEL;
  /** JSON-schema `properties` of the policy's config, when it declares any. */
  readonly configSchema?: Record<string, Record<string, unknown>>;
}

/** Per-policy config sent with `configure`: level plus config properties. */
export type PolicyConfigMap = Record<string, { enforcementLevel: keyof typeof WIRE_LEVEL; properties: Record<string, unknown> }>;

/** What the pack said about a set of resources. */
export interface AnalyzerVerdict {
  readonly violations: Violation[];
  readonly exemptions: AppliedExemption[];
}

/** Plain JSON (no undefined, no functions) for `Struct.fromJavaScript`, the way Pulumi serializes properties. */
function toStruct(value: Record<string, unknown>): unknown {
  return structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})));
}

function unary<T>(client: any, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response)));
  });
}

/** Seconds of a Go duration string ("5m", "1h30m", "90s"), as the engine parses custom timeouts; 0 when unset. */
export function durationSeconds(text: string): number {
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** `AnalyzerResourceOptions` as the engine's `marshalResourceOptions` fills it. */
function resourceOptions(r: RecordedResource): unknown {
  const o = r.options;
  const options = new analyzerPb.AnalyzerResourceOptions();
  options.setProtect(r.protect);
  options.setParent(r.parent ?? "");
  options.setIgnorechangesList(o?.ignoreChanges ?? []);
  options.setAliasesList(o?.aliases ?? []);
  options.setAdditionalsecretoutputsList(o?.additionalSecretOutputs ?? []);
  options.setDeletebeforereplace(o?.deleteBeforeReplace === true);
  options.setDeletebeforereplacedefined(o?.deleteBeforeReplace !== undefined);
  const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(durationSeconds(o?.customTimeouts.create ?? ""));
  timeouts.setUpdate(durationSeconds(o?.customTimeouts.update ?? ""));
  timeouts.setDelete(durationSeconds(o?.customTimeouts.delete ?? ""));
  options.setCustomtimeouts(timeouts);
  return options;
}

/**
 * The provider sent with `r`: the one recorded with it (explicit or the engine's default provider),
 * else its explicit `urn::id` reference resolved among the recorded resources.
 */
function providerOf(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): unknown {
  let described = r.providerResource ?? null;
  if (!described && r.provider) {
    const p = byUrn.get(r.provider.split("::").slice(0, -1).join("::"));
    if (p) described = { urn: p.urn, type: p.type, name: p.name, properties: p.wireInputs ?? p.inputs };
  }
  if (!described) return undefined;
  const provider = new analyzerPb.AnalyzerProviderResource();
  provider.setType(described.type);
  provider.setName(described.name);
  provider.setUrn(described.urn);
  provider.setProperties(toStruct(described.properties));
  return provider;
}

/** The fields an `AnalyzeRequest` and an `AnalyzerResource` share, as the engine fills them. */
interface ResourceMessage {
  setType(value: string): void;
  setName(value: string): void;
  setUrn(value: string): void;
  setProperties(value: unknown): void;
  setOptions(value: unknown): void;
  setProvider(value: unknown): void;
}

/** Fill a resource message: type, name, URN, the given properties, options and the provider (when there is one). */
function describeResource<M extends ResourceMessage>(message: M, r: RecordedResource, properties: Record<string, unknown>, byUrn: ReadonlyMap<string, RecordedResource>): M {
  message.setType(r.type);
  message.setName(r.name);
  message.setUrn(r.urn);
  message.setProperties(toStruct(properties));
  message.setOptions(resourceOptions(r));
  const provider = providerOf(r, byUrn);
  if (provider) message.setProvider(provider);
  return message;
}


/** The `configure` request for per-policy config (every policy listed: an unlisted level would read as advisory). */
export function configureRequest(config: PolicyConfigMap): unknown {
  const request = new analyzerPb.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [name, c] of Object.entries(config)) {
    const pc = new analyzerPb.PolicyConfig();
    pc.setEnforcementlevel(WIRE_LEVEL[c.enforcementLevel]);
    pc.setProperties(toStruct(c.properties));
    map.set(name, pc);
  }
  return request;
}

/** The `analyze` request for one resource's inputs, as the engine sends it. */
export function analyzeRequest(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource> = new Map()): unknown {
  return describeResource(new analyzerPb.AnalyzeRequest(), r, r.wireInputs ?? r.inputs, byUrn);
}

/** The `analyzeStack` request: every resource's outputs, parent, dependencies and property dependencies. */
export function analyzeStackRequest(resources: readonly RecordedResource[]): unknown {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const request = new analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const ar = describeResource(new analyzerPb.AnalyzerResource(), r, r.wireOutputs ?? r.outputs, byUrn);
      ar.setParent(r.parent ?? "");
      ar.setDependenciesList([...r.dependencies]);
      const deps = ar.getPropertydependenciesMap();
      for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        // The engine skips properties without dependencies.
        if (urns.length === 0) continue;
        const pd = new analyzerPb.AnalyzerPropertyDependencies();
        pd.setUrnsList([...urns]);
        deps.set(key, pd);
      }
      return ar;
    }),
  );
  return request;
}

function levelName(wire: number): "advisory" | "mandatory" {
  return wire === WIRE_LEVEL.mandatory || wire === WIRE_LEVEL.remediate ? "mandatory" : "advisory";
}

/**
 * Turn a pack diagnostic into a violation: the policy name resolves to the rule through the registry;
 * the message is `<ID>: <text>` + REMEDIATION_SEPARATOR + `<remediation>` (a leading description line
 * from string-form reports is dropped).
 */
export function parseDiagnostic(d: { policyName: string; message: string; urn: string; level: number }, fallbackUrn: string): Violation {
  const rule = findRule(d.policyName);
  const sep = d.message.indexOf(REMEDIATION_SEPARATOR);
  let text = sep >= 0 ? d.message.slice(0, sep) : d.message;
  // Another pack's diagnostic is "<policy description>\n<reported text>": keep the reported text.
  if (!rule && text.includes("\n")) text = text.slice(text.indexOf("\n") + 1);
  const remediation = sep >= 0 ? d.message.slice(sep + REMEDIATION_SEPARATOR.length) : (rule?.remediation ?? "");
  const id = rule?.id ?? d.policyName;
  const idAt = text.indexOf(`${id}: `);
  if (idAt > 0) text = text.slice(idAt);
  return {
    rule: id,
    name: rule?.name ?? d.policyName,
    level: levelName(d.level),
    urn: d.urn || fallbackUrn,
    message: text.startsWith(id) ? text : `${id}: ${text}`,
    remediation,
  };
}

function verdictOf(response: any, fallbackUrn: string): AnalyzerVerdict {
  const violations = (response.getDiagnosticsList() as any[]).map((d) =>
    parseDiagnostic({ policyName: d.getPolicyname(), message: d.getMessage(), urn: d.getUrn(), level: d.getEnforcementlevel() }, fallbackUrn),
  );
  const exemptions: AppliedExemption[] = [];
  for (const na of (response.getNotApplicableList?.() ?? []) as any[]) {
    const reason: string = na.getReason();
    if (!reason.startsWith("exempt")) continue;
    exemptions.push({ rule: findRule(na.getPolicyName())?.id ?? na.getPolicyName(), urn: fallbackUrn, reason });
  }
  return { violations, exemptions };
}

/** A connection to a policy pack's analyzer server. */
export class PackClient {
  private readonly client: any;

  constructor(port: number) {
    this.client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  /** Policies the pack declares, with their default levels. */
  async policies(): Promise<PolicyInfo[]> {
    const info: any = await unary(this.client, "getAnalyzerInfo", new emptyPb.Empty());
    const names = Object.entries(WIRE_LEVEL);
    return (info.getPoliciesList() as any[]).map((p) => {
      const schema = p.getConfigschema?.()?.getProperties?.()?.toJavaScript?.();
      return {
        name: p.getName(),
        enforcementLevel: (names.find(([, n]) => n === p.getEnforcementlevel())?.[0] ?? "advisory") as PolicyInfo["enforcementLevel"],
        ...(schema && Object.keys(schema).length > 0 ? { configSchema: schema } : {}),
      };
    });
  }

  /** Send per-policy config; every policy must be listed (an unlisted level would read as advisory). */
  async configure(config: PolicyConfigMap): Promise<void> {
    await unary(this.client, "configure", configureRequest(config));
  }

  /** Analyze one resource's inputs with every resource policy. */
  async analyze(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource> = new Map()): Promise<AnalyzerVerdict> {
    return verdictOf(await unary(this.client, "analyze", analyzeRequest(r, byUrn)), r.urn);
  }

  /** Analyze all resources (outputs, parent, dependencies, property dependencies) with every stack policy. */
  async analyzeStack(resources: readonly RecordedResource[]): Promise<AnalyzerVerdict> {
    return verdictOf(await unary(this.client, "analyzeStack", analyzeStackRequest(resources)), "");
  }

  /** Close the channel. */
  close(): void {
    this.client.close();
  }
}

/** Run `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
