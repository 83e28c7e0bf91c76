/**
 * One pass per resource for the whole pack: the analyzer's `analyze` and `analyzeStack` run every rule through one
 * dispatching policy, while the pack still declares one CrossGuard policy per rule.
 *
 * Why: `@pulumi/policy` 1.21's server (`server.js`) loops over every policy for every resource. For each policy
 * that is not skipped by its single-type fast path (`__pulumiType`) it builds a full argument set (options,
 * provider, an unknown-checking proxy, config and report closures) and awaits once; for `analyzeStack` it builds
 * a copy of every resource per stack policy. With one policy per rule, a Pod paid that for ~80 policies of
 * which 26 apply. Here the server runs a single policy per request, the SDK's own `makeAnalyzeRpcFun` /
 * `makeAnalyzeStackRpcFun` with the same argument construction as before, and that policy dispatches by type to
 * the rules that apply.
 *
 * What the engine sees is unchanged: `getAnalyzerInfo` still lists one policy per rule (names, levels, config
 * schemas; encoded faster, see `analyzer-info.ts`) and `configure` is still the SDK's; every diagnostic carries the rule's own policy name, description,
 * severity and resolved level (the object form of `reportViolation`); `notApplicable` names each rule that did
 * not apply with the reason the SDK's loop gave (its fast-path text for single-type rules, the rule's for the
 * others, the exemption's for exempt resources), in policy order; an unknown value read at preview gives the
 * SDK's advisory "can't run policy" diagnostic for that rule; an error names the rule. `test/policy/core/
 * dispatch.test.ts` checks this against the SDK's own loop, request by request.
 *
 * How it hooks in: `PolicyPack` calls the server module's exported `serve`, which registers its handlers with
 * `grpc.Server.prototype.addService`. The pack wraps `serve` to intercept that one `addService` call. If the SDK
 * no longer exposes what this needs, nothing is replaced and the SDK's loop runs as shipped (slower, same
 * verdicts). `HARDENED_CLUSTER_PACK_DISPATCH=sdk` forces the SDK's loop.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { analyzerInfo, concatBytes, type AnalyzerInfoSdk } from "./analyzer-info";
import { evaluateResourceRule, evaluateStackRule, policyDescription, reporter, resourceUnderTest, stackViewOf, typeMismatchReason } from "./policies";
import { knownOrProxy, unknownTest, type UnknownSentinels } from "./known-props";
import type { PackConfig } from "./config";
import type { ResourceRule, Rule, StackRule } from "./rule";
import { RuleSettings, type PolicyConfigEntry } from "./rule-settings";

/** Environment variable: `sdk` runs the SDK's per-policy loop as shipped instead of the type dispatch. */
export const PACK_DISPATCH_ENV = "HARDENED_CLUSTER_PACK_DISPATCH";

/** Name of the internal dispatching policy (never listed by `getAnalyzerInfo`, never in a diagnostic). */
export const DISPATCH_POLICY_NAME = "hardened-cluster-dispatch";

/** A gRPC unary handler as `@grpc/grpc-js` calls it. */
export type UnaryHandler = (call: { request: any }, callback: (error: Error | null | undefined, response?: unknown) => void) => unknown;

/** The SDK server handlers the dispatch reads or replaces. */
export interface AnalyzerHandlers {
  readonly analyze: UnaryHandler;
  readonly analyzeStack: UnaryHandler;
  readonly configure: UnaryHandler;
  readonly [other: string]: UnaryHandler;
}

/** The parts of `@pulumi/policy` (internal modules, not in its typings) the dispatch uses. */
export interface PolicySdk {
  /** `@pulumi/policy/server` */
  readonly server: {
    serve: (name: string, version: string, level: string, args: unknown, initialConfig?: unknown) => void;
    readonly makeAnalyzeRpcFun?: (name: string, version: string, level: string, policies: unknown[]) => UnaryHandler;
    readonly makeAnalyzeStackRpcFun?: (name: string, version: string, level: string, policies: unknown[]) => UnaryHandler;
  };
  /** `@pulumi/policy/protoutil` */
  readonly protoutil: {
    convertEnforcementLevel(level: number): string;
    asGrpcError(error: unknown, message?: string): Error;
    makeAnalyzeResponse(diagnostics: unknown[], notApplicable?: unknown[]): AnalyzeResponseMessage;
  } & AnalyzerInfoSdk["protoutil"];
  /** `@pulumi/policy/proxy` */
  readonly proxy: UnknownSentinels & { readonly UnknownValueError: new (...args: never[]) => Error };
  /** `@pulumi/pulumi/proto/analyzer_pb` as the SDK resolves it. */
  readonly analyzerProto: {
    readonly PolicyNotApplicable: new () => { setPolicyName(name: string): void; setReason(reason: string): void };
    readonly AnalyzeResponse: new () => AnalyzeResponseMessage;
  } & AnalyzerInfoSdk["analyzerProto"];
  /** `google-protobuf`'s `Struct` as the SDK resolves it. */
  readonly struct: AnalyzerInfoSdk["struct"];
  /** `@grpc/grpc-js`'s `Server.prototype` as the SDK resolves it. */
  readonly grpcServer: { addService(this: unknown, service: unknown, implementation: AnalyzerHandlers): void };
}

/** The part of an `AnalyzeResponse` message the dispatch touches. */
export interface AnalyzeResponseMessage {
  getNotApplicableList(): unknown[];
  setNotApplicableList(list: unknown[]): void;
  serializeBinary(): Uint8Array;
}

/** The served pack, as `serve` receives it. */
export interface ServedPack {
  readonly name: string;
  readonly version: string;
  readonly level: string;
  /** `PolicyPackArgs` (for `getAnalyzerInfo`; without them the SDK's handler answers it). */
  readonly args?: { readonly policies?: readonly object[] };
  readonly initialConfig?: unknown;
}

/** The SDK modules, resolved from `@pulumi/policy` itself so the hook sees the instances its server uses. */
export function loadPolicySdk(): PolicySdk {
  const from = { paths: [require.resolve("@pulumi/policy")] };
  return {
    server: require("@pulumi/policy/server"),
    protoutil: require("@pulumi/policy/protoutil"),
    proxy: require("@pulumi/policy/proxy"),
    struct: require(require.resolve("google-protobuf/google/protobuf/struct_pb", from)).Struct,
    analyzerProto: require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", from)),
    grpcServer: require(require.resolve("@grpc/grpc-js", from)).Server.prototype,
  };
}

/** One enabled resource rule as run for one resource type under one configuration. */
interface Step {
  readonly rule: ResourceRule;
  readonly applies: boolean;
  /** Why it does not apply (a prebuilt `PolicyNotApplicable`), when it does not. */
  readonly notApplicable?: unknown;
  /** Its policy name, description, severity and resolved level, as every diagnostic of it carries them. */
  readonly identity?: ObjectViolation;
  readonly config?: PackConfig;
}

/** What `analyze` does for one resource type under one configuration: the enabled rules in policy order. */
interface TypePlan {
  readonly settings: RuleSettings;
  readonly steps: readonly Step[];
  /** Whether any enabled rule applies (else the resource is not even decoded). */
  readonly runsAny: boolean;
  /** The encoded not-applicable list when no resource is exempt (the same for every resource of the type). */
  mismatchBytes?: Uint8Array;
}

/** `make()` on first call, then its value, or its error again (each caller sees what the SDK's loop would). */
function once<T>(make: () => T): () => T {
  let made: { value: T } | { error: unknown } | undefined;
  return () => {
    if (made === undefined) {
      try {
        made = { value: make() };
      } catch (error) {
        made = { error };
      }
    }
    if ("error" in made) throw made.error;
    return made.value;
  };
}

/** A diagnostic in the SDK's object form, as `reportViolation` takes it. */
type ObjectViolation = Record<string, unknown>;

/** Per-request state: the rules' not-applicable entries (in policy order) and the first rule that threw. */
interface RequestRun {
  readonly notApplicable: unknown[];
  /** Whether an entry says something other than "not this type" (an exemption), so the cached bytes do not fit. */
  exempted: boolean;
  failure?: { readonly rule: Rule; readonly error: unknown };
}

/**
 * The `analyze`, `analyzeStack` and `configure` handlers of the type dispatch, built over the SDK's own handlers
 * (`sdkHandlers`: `configure` is kept and only observed; the others are kept as they are).
 */
export function dispatchingHandlers(sdkHandlers: AnalyzerHandlers, pack: ServedPack, rules: readonly Rule[], sdk: PolicySdk): AnalyzerHandlers {
  const makeAnalyze = sdk.server.makeAnalyzeRpcFun;
  const makeAnalyzeStack = sdk.server.makeAnalyzeStackRpcFun;
  if (makeAnalyze === undefined || makeAnalyzeStack === undefined) return sdkHandlers;
  const resourceRules = rules.filter((r): r is ResourceRule => r.kind === "resource");
  const stackRules = rules.filter((r): r is StackRule => r.kind === "stack");
  const packRef = `'${pack.name}@v${pack.version}'`;
  let settings = new RuleSettings({}, pack.level);

  const notApplicable = (rule: Rule, reason: string): unknown => {
    const entry = new sdk.analyzerProto.PolicyNotApplicable();
    entry.setPolicyName(rule.name);
    entry.setReason(reason);
    return entry;
  };

  const isUnknown = unknownTest(sdk.proxy);
  const readProps = (props: Record<string, any>) => knownOrProxy(props, isUnknown);

  const mismatches = new Map<ResourceRule, unknown>();
  const mismatchOf = (rule: ResourceRule): unknown => {
    let entry = mismatches.get(rule);
    if (entry === undefined) {
      entry = notApplicable(rule, typeMismatchReason(rule));
      mismatches.set(rule, entry);
    }
    return entry;
  };

  const plans = new Map<string, TypePlan>();
  const planFor = (type: string, current: RuleSettings): TypePlan => {
    const known = plans.get(type);
    if (known !== undefined && known.settings === current) return known;
    const steps = resourceRules
      .filter((rule) => current.levelOf(rule) !== "disabled")
      .map((rule): Step =>
        rule.resourceTypes.includes(type)
          ? { rule, applies: true, config: current.configOf(rule), identity: { name: rule.name, description: policyDescription(rule), severity: rule.severity, enforcementLevel: current.reportLevelOf(rule) } }
          : { rule, applies: false, notApplicable: mismatchOf(rule) },
      );
    const plan: TypePlan = { settings: current, steps, runsAny: steps.some((step) => step.applies) };
    plans.set(type, plan);
    return plan;
  };

  /** `reportViolation` bound to one rule: its policy name, description, severity and level. */
  const forRule = (identity: ObjectViolation, reportViolation: ReportViolation): ReportViolation => {
    const report = reportViolation as unknown as (v: ObjectViolation) => void;
    return ((v: ObjectViolation) => report({ ...identity, ...v })) as unknown as ReportViolation;
  };

  /** The SDK's advisory diagnostic for a rule that read a value unknown at preview (`server.js`, same text). */
  const cannotRun = (rule: Rule, error: Error, reportViolation: ReportViolation) =>
    (reportViolation as unknown as (v: ObjectViolation) => void)({
      name: rule.name,
      description: policyDescription(rule),
      severity: rule.severity,
      enforcementLevel: "advisory",
      message: `can't run policy '${rule.name}' from policy pack ${packRef} during preview: ${error.message}`,
    });

  /**
   * The wire form of a type's "these rules do not apply" list, encoded once per plan: it is the same for every
   * resource of the type, and encoding ~60 entries per response was the pack's largest cost.
   */
  const mismatchBytes = (plan: TypePlan, list: unknown[]): Uint8Array => {
    if (plan.mismatchBytes === undefined) {
      const message = new sdk.analyzerProto.AnalyzeResponse();
      message.setNotApplicableList(list);
      plan.mismatchBytes = message.serializeBinary();
    }
    return plan.mismatchBytes;
  };

  /**
   * Complete a response: errors as the SDK reports a throwing policy (the request fails, naming the rule); the
   * not-applicable list set on the message, and, when it holds only type mismatches, encoded from the cache
   * (`not_applicable` is the response's last field, so its encoding is appended to the rest of the message).
   */
  const finish = (run: RequestRun, plan: TypePlan | undefined, callback: Parameters<UnaryHandler>[1]) => (error: Error | null | undefined, response?: unknown) => {
    if (error) {
      callback(run.failure ? sdk.protoutil.asGrpcError(run.failure.error, `Error validating resource with policy '${run.failure.rule.name}' from policy pack ${packRef}`) : error);
      return;
    }
    const message = response as AnalyzeResponseMessage;
    if (run.notApplicable.length > 0) {
      message.setNotApplicableList(run.notApplicable);
      if (plan !== undefined && !run.exempted) {
        const tail = mismatchBytes(plan, run.notApplicable);
        const encode = message.serializeBinary;
        message.serializeBinary = function (this: AnalyzeResponseMessage) {
          this.setNotApplicableList([]);
          try {
            return concatBytes([encode.call(this), tail]);
          } finally {
            this.setNotApplicableList(run.notApplicable);
          }
        };
      }
    }
    callback(undefined, message);
  };

  const dispatchResource = (args: ResourceValidationArgs, reportViolation: ReportViolation, plan: TypePlan, run: RequestRun) => {
    // Built on first use, inside a rule's try: reading an unknown provider namespace fails each rule as in the SDK's loop.
    const resource = once(() => resourceUnderTest(args, readProps));
    for (const step of plan.steps) {
      if (!step.applies) {
        run.notApplicable.push(step.notApplicable);
        continue;
      }
      const report = reporter(step.rule, forRule(step.identity!, reportViolation), args.urn);
      try {
        const verdict = evaluateResourceRule(step.rule, resource(), step.config!, report);
        if (verdict.exempt !== undefined) {
          run.notApplicable.push(notApplicable(step.rule, verdict.exempt));
          run.exempted = true;
        }
      } catch (error) {
        if (!(error instanceof sdk.proxy.UnknownValueError)) {
          run.failure = { rule: step.rule, error };
          throw error;
        }
        cannotRun(step.rule, error, reportViolation);
      }
    }
  };

  const analyze: UnaryHandler = (call, callback) => {
    const plan = planFor(call.request.getType(), settings);
    const run: RequestRun = { notApplicable: [], exempted: false };
    // No enabled rule applies to this type: answer without decoding the resource.
    if (!plan.runsAny) {
      for (const step of plan.steps) run.notApplicable.push(step.notApplicable);
      finish(run, plan, callback)(undefined, sdk.protoutil.makeAnalyzeResponse([]));
      return undefined;
    }
    const policy: ResourceValidationPolicy = {
      name: DISPATCH_POLICY_NAME,
      description: "Runs every resource rule of the pack that applies to the resource's type.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => dispatchResource(args, reportViolation, plan, run),
    };
    return makeAnalyze(pack.name, pack.version, pack.level, [policy])(call, finish(run, plan, callback));
  };

  const analyzeStack: UnaryHandler = (call, callback) => {
    const current = settings;
    const enabled = stackRules.filter((rule) => current.levelOf(rule) !== "disabled");
    const run: RequestRun = { notApplicable: [], exempted: false };
    if (enabled.length === 0) {
      callback(undefined, sdk.protoutil.makeAnalyzeResponse([]));
      return undefined;
    }
    const policy: StackValidationPolicy = {
      name: DISPATCH_POLICY_NAME,
      description: "Runs every stack rule of the pack over one view of the stack.",
      enforcementLevel: "mandatory",
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const view = once(() => stackViewOf(args.resources as PolicyResource[], readProps));
        for (const rule of enabled) {
          try {
            const identity = { name: rule.name, description: policyDescription(rule), severity: rule.severity, enforcementLevel: current.reportLevelOf(rule) };
            evaluateStackRule(rule, view(), current.configOf(rule), forRule(identity, reportViolation));
          } catch (error) {
            if (!(error instanceof sdk.proxy.UnknownValueError)) {
              run.failure = { rule, error };
              throw error;
            }
            cannotRun(rule, error, reportViolation);
          }
        }
      },
    };
    return makeAnalyzeStack(pack.name, pack.version, pack.level, [policy])(call, finish(run, undefined, callback));
  };

  const configure: UnaryHandler = (call, callback) => {
    const entries: Record<string, PolicyConfigEntry> = {};
    for (const [name, value] of call.request.getPolicyconfigMap().entries() as Iterable<[string, any]>) {
      const properties = value.getProperties()?.toJavaScript() ?? {};
      entries[name] = { ...properties, enforcementLevel: sdk.protoutil.convertEnforcementLevel(value.getEnforcementlevel()) };
    }
    settings = new RuleSettings(entries, pack.level);
    return sdkHandlers.configure(call, callback);
  };

  let info: unknown;
  const getAnalyzerInfo: UnaryHandler = (call, callback) => {
    if (pack.args === undefined) return sdkHandlers.getAnalyzerInfo(call, callback);
    try {
      info ??= analyzerInfo(sdk, pack, pack.args, pack.initialConfig);
    } catch (error) {
      callback(sdk.protoutil.asGrpcError(error));
      return undefined;
    }
    callback(undefined, info);
    return undefined;
  };

  return { ...sdkHandlers, analyze, analyzeStack, configure, getAnalyzerInfo };
}

/** Marks the wrapped `serve`, so installing twice is harmless. */
const INSTALLED = Symbol.for("hardened-cluster.type-dispatch");

/** Whether the dispatch is in place, and why not when it is not. */
export interface DispatchStatus {
  readonly installed: boolean;
  readonly reason?: string;
}

/**
 * Make the next `PolicyPack` served in this process run `rules` through the type dispatch (call before
 * `new PolicyPack`). Leaves the SDK untouched, and says why, when `HARDENED_CLUSTER_PACK_DISPATCH=sdk` or the SDK
 * lacks what the dispatch needs.
 */
export function dispatchByType(rules: readonly Rule[], sdk: PolicySdk = loadPolicySdk(), env: NodeJS.ProcessEnv = process.env): DispatchStatus {
  if (env[PACK_DISPATCH_ENV] === "sdk") return { installed: false, reason: `${PACK_DISPATCH_ENV}=sdk` };
  const server = sdk.server;
  if ((server.serve as { [INSTALLED]?: true })[INSTALLED]) return { installed: true };
  if (typeof server.makeAnalyzeRpcFun !== "function" || typeof server.makeAnalyzeStackRpcFun !== "function") {
    return { installed: false, reason: "@pulumi/policy/server no longer exports makeAnalyzeRpcFun/makeAnalyzeStackRpcFun" };
  }
  const serve = server.serve;
  const wrapped = function (this: unknown, name: string, version: string, level: string, args: unknown, initialConfig?: unknown) {
    const grpcServer = sdk.grpcServer;
    const addService = grpcServer.addService;
    grpcServer.addService = function (this: unknown, service: unknown, implementation: AnalyzerHandlers) {
      grpcServer.addService = addService;
      return addService.call(this, service, dispatchingHandlers(implementation, { name, version, level, args: args as ServedPack["args"], initialConfig }, rules, sdk));
    };
    try {
      return serve.call(this, name, version, level, args, initialConfig);
    } finally {
      grpcServer.addService = addService;
    }
  };
  server.serve = Object.assign(wrapped, { [INSTALLED]: true as const });
  return { installed: true };
}
