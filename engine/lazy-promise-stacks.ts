/**
 * The Node SDK's `debuggablePromise` (runtime/debuggable.js) wraps every RPC promise and formats a stack trace for
 * it at once (`new Error().stack`), for every registration, output and invoke. The trace is printed only by the
 * leak report at exit, and only when `PULUMI_DEBUG_PROMISE_LEAKS` is set (`debugPromiseLeaks`); otherwise the
 * report is a fixed text with the count. Formatting is the expensive part (with source maps enabled every frame is
 * mapped when `.stack` is read; under Jest's source-map-support even more so), and capturing deep async stacks is
 * not free either. So without `PULUMI_DEBUG_PROMISE_LEAKS` no trace is captured; with it, the frames are captured
 * at the same point as before and formatted only if the leak report reads them.
 *
 * Without `PULUMI_DEBUG_PROMISE_LEAKS` nothing reads the other debug fields either (`_debugId`, `_debugCtx`: only the
 * debug report prints them), so after the SDK's first call (which schedules the exit check) the wrapper only does
 * what the leak check needs: the promise is a leak candidate until it settles, and a rejection carries the promise
 * (`err.promise`), with one derived promise instead of the SDK's two (`then` + `catch`). That matters at scale: the
 * SDK wraps four promises per output property of every resource, and while thousands of registrations wait in the
 * microtask queue each wrapper (and its context text) stays alive long enough to be promoted (bench/README.md,
 * session 5). Leak candidates, the exit check and its messages stay the SDK's own.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as state from "@pulumi/pulumi/runtime/state";

type DebuggablePromise = <T>(p: Promise<T>, ctx: unknown) => Promise<T>;

/** Marks the installed wrapper, so installing twice is harmless. */
const LAZY = Symbol.for("hardened-cluster.lazy-promise-stacks");

/** The SDK's per-run store (runtime/state.js; looked up at each call, as the SDK does), whose `leakCandidates` the leak check reads. */
function getStore(): { leakCandidates: Set<Promise<unknown>> } {
  return (state as unknown as { getStore(): { leakCandidates: Set<Promise<unknown>> } }).getStore();
}

/** Make the SDK's promise stack traces lazy (idempotent). */
export function deferPromiseStackTraces(): void {
  const module = debuggable as unknown as { debuggablePromise: DebuggablePromise & { [LAZY]?: true }; debugPromiseLeaks: boolean };
  const original = module.debuggablePromise;
  if (original[LAZY]) return;
  let exitCheckScheduled = false;
  const lazy = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    if (!module.debugPromiseLeaks && exitCheckScheduled) return tracked(p);
    exitCheckScheduled = true;
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

/** What the SDK's `debuggablePromise` does for the leak check: `p` is a leak candidate until it settles. */
function tracked<T>(p: Promise<T>): Promise<T> {
  const store = getStore();
  store.leakCandidates.add(p);
  return p.then(
    (value) => {
      // Read at settlement, as the SDK does: the exit check may have replaced the set.
      store.leakCandidates.delete(p);
      return value;
    },
    (error) => {
      store.leakCandidates.delete(p);
      error.promise = p;
      throw error;
    },
  );
}
