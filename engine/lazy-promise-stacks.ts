/**
 * The Node SDK's `debuggablePromise` (runtime/debuggable.js) wraps every RPC promise and formats a stack trace for
 * it at once (`new Error().stack`), only to print it if the promise is still pending when the program exits
 * (a "leaked promise" report). Formatting is the expensive part of a stack trace (V8 collects the frames cheaply;
 * with source maps enabled Node maps every frame when `.stack` is read), and it happened for every registration,
 * output and invoke. Here the frames are still captured at the same point, but formatted only if a leak report
 * reads them. Everything else (leak candidates, the exit check, the messages) stays the SDK's own.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";

type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;

/** Marks the installed wrapper, so installing twice is harmless. */
const LAZY = Symbol.for("hardened-cluster.lazy-promise-stacks");

/** Make the SDK's promise stack traces lazy (idempotent). */
export function deferPromiseStackTraces(): void {
  const module = debuggable as unknown as { debuggablePromise: DebuggablePromise & { [LAZY]?: true } };
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
    const site = new Error();
    // `promiseDebugString` interpolates the value (`${p._debugStackTrace}`): formatted on that read only.
    (p as unknown as { _debugStackTrace: unknown })._debugStackTrace = { toString: () => site.stack ?? "" };
    return result;
  };
  module.debuggablePromise = Object.assign(lazy, { [LAZY]: true as const });
}
