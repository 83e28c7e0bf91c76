/**
 * The Node SDK's `debuggablePromise` (runtime/debuggable.js) wraps every RPC promise and formats a stack trace for
 * it at once (`new Error().stack`), for every registration, output and invoke. The trace is printed only by the
 * leak report at exit, and only when `PULUMI_DEBUG_PROMISE_LEAKS` is set (`debugPromiseLeaks`); otherwise the
 * report is a fixed text with the count. Formatting is the expensive part (with source maps enabled every frame is
 * mapped when `.stack` is read; under Jest's source-map-support even more so), and capturing deep async stacks is
 * not free either. So without `PULUMI_DEBUG_PROMISE_LEAKS` no trace is captured; with it, the frames are captured
 * at the same point as before and formatted only if the leak report reads them. Everything else (leak
 * candidates, the exit check, the messages) stays the SDK's own.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";

type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;

/** Marks the installed wrapper, so installing twice is harmless. */
const LAZY = Symbol.for("hardened-cluster.lazy-promise-stacks");

/** Make the SDK's promise stack traces lazy (idempotent). */
export function deferPromiseStackTraces(): void {
  const module = debuggable as unknown as { debuggablePromise: DebuggablePromise & { [LAZY]?: true }; debugPromiseLeaks: boolean };
  const original = module.debuggablePromise;
  if (original[LAZY]) return;
  const lazy = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let result: Promise<T>;
    try {
      result = original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
    if (module.debugPromiseLeaks) {
      const site = new Error();
      // `promiseDebugString` interpolates the value (`${p._debugStackTrace}`): formatted on that read only.
      (p as unknown as { _debugStackTrace: unknown })._debugStackTrace = { toString: () => site.stack ?? "" };
    }
    return result;
  };
  module.debuggablePromise = Object.assign(lazy, { [LAZY]: true as const });
}
