/**
 * The real pack's analyzer handlers in this process, without a gRPC server: the SDK's own `serve` runs with
 * `grpc.Server.prototype.addService` / `bindAsync` intercepted, which yields the handlers `@pulumi/policy` would
 * serve (its per-policy loop over `toPolicies(RULES)`), and the type dispatch is built over them as the pack's
 * `index.ts` builds it. Calls take the same protobuf requests the engine sends (engine/analyzer-client.ts).
 *
 * `serve` may run once per module registry (the SDK keeps the served pack's name in module state), so call
 * {@link servePackInProcess} once per test file.
 */
import { dispatchingHandlers, loadPolicySdk, type AnalyzerHandlers, type UnaryHandler } from "../../policy-pack/core/dispatch";
import { toPolicies } from "../../policy-pack/core/policies";
import { shareDecodedProperties } from "../../policy-pack/core/shared-decode";
import type { Rule } from "../../policy-pack/core/rule";
import { RULES } from "../../policy-pack/registry";

/** Name, version and level the in-process pack is served with. */
export const IN_PROCESS_PACK = { name: "hardened-cluster", version: "0.0.0-test", level: "mandatory" } as const;

/** Both handler sets over one SDK server state (one `configure` reaches both). */
export interface InProcessPack {
  /** The SDK's handlers as shipped: one policy per rule, its own loop. */
  readonly sdk: AnalyzerHandlers;
  /** The pack's handlers: the type dispatch over the same SDK state. */
  readonly dispatch: AnalyzerHandlers;
}

/** Serve `rules` in-process (see the module comment). */
export function servePackInProcess(rules: readonly Rule[] = RULES): InProcessPack {
  const sdk = loadPolicySdk();
  shareDecodedProperties();
  const grpcServer = sdk.grpcServer as { addService: unknown; bindAsync?: unknown };
  const { addService, bindAsync } = grpcServer;
  let served: AnalyzerHandlers | undefined;
  grpcServer.addService = (_service: unknown, implementation: AnalyzerHandlers) => {
    served = implementation;
  };
  grpcServer.bindAsync = () => undefined;
  const args = { policies: toPolicies(rules) };
  try {
    sdk.server.serve(IN_PROCESS_PACK.name, IN_PROCESS_PACK.version, IN_PROCESS_PACK.level, args);
  } finally {
    grpcServer.addService = addService;
    grpcServer.bindAsync = bindAsync;
  }
  if (served === undefined) throw new Error("@pulumi/policy's serve registered no analyzer service");
  return { sdk: served, dispatch: dispatchingHandlers(served, { ...IN_PROCESS_PACK, args }, rules, sdk) };
}

/** Call one unary handler with a request; resolves with the response message. */
export function call<T = any>(handler: UnaryHandler, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    void handler({ request }, (error, response) => (error ? reject(error) : resolve(response as T)));
  });
}
