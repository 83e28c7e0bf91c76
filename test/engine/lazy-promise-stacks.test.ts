import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as state from "@pulumi/pulumi/runtime/state";
import { deferPromiseStackTraces } from "../../engine/lazy-promise-stacks";

/** The SDK's internal helpers (not in its typings). */
const sdk = debuggable as unknown as { debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T>; promiseDebugString(p: Promise<unknown>): string; debugPromiseLeaks: boolean };

describe("deferPromiseStackTraces (the SDK's per-promise stack trace formatted only when a leak report reads it)", () => {
  const original = Error.prepareStackTrace;
  const debugLeaks = sdk.debugPromiseLeaks;
  afterEach(() => {
    Error.prepareStackTrace = original;
    sdk.debugPromiseLeaks = debugLeaks;
  });

  it("with PULUMI_DEBUG_PROMISE_LEAKS: captures the frames at the call, formats none of them then, and keeps the value and the leak text", async () => {
    sdk.debugPromiseLeaks = true;
    deferPromiseStackTraces();
    deferPromiseStackTraces(); // idempotent: one wrapper
    const formatted: number[] = [];
    Error.prepareStackTrace = (error, frames) => {
      formatted.push(frames.length);
      return `${String(error)}\n${frames.map((f) => `    at ${f.getFunctionName() ?? "<anon>"} (${f.getFileName()}:${f.getLineNumber()})`).join("\n")}`;
    };
    const p = Promise.resolve(42);
    const wrapped = sdk.debuggablePromise(p, "ctx");
    // The SDK still formats `new Error().stack`, but with no frames: nothing mapped, nothing serialised.
    expect(formatted.every((n) => n === 0)).toBe(true);
    await expect(wrapped).resolves.toBe(42);
    const text = sdk.promiseDebugString(p);
    expect(text).toMatch(/^CONTEXT\(\d+\): ctx\nSTACK_TRACE:\nError\n {4}at /);
    expect(text).toContain("lazy-promise-stacks.test.ts");
    expect(formatted.some((n) => n > 0)).toBe(true);
  });

  it("without it (the leak report then prints no trace): no frames captured or formatted, the value kept", async () => {
    sdk.debugPromiseLeaks = false;
    deferPromiseStackTraces();
    sdk.debuggablePromise(Promise.resolve(0), "first call"); // the SDK's own first call schedules the exit check
    const formatted: number[] = [];
    Error.prepareStackTrace = (error, frames) => {
      formatted.push(frames.length);
      return String(error);
    };
    const p = Promise.resolve("v");
    const wrapped = sdk.debuggablePromise(p, "ctx");
    expect(formatted).toEqual([]);
    await expect(wrapped).resolves.toBe("v");
    // Nothing but the debug report reads the context, so it is not kept on the promise.
    expect((p as unknown as { _debugCtx?: unknown })._debugCtx).toBeUndefined();
  });

  it("without it: a promise is a leak candidate until it settles, and a rejection carries the promise, as in the SDK", async () => {
    sdk.debugPromiseLeaks = false;
    deferPromiseStackTraces();
    sdk.debuggablePromise(Promise.resolve(0), "first call");
    const candidates = (state as unknown as { getStore(): { leakCandidates: Set<Promise<unknown>> } }).getStore().leakCandidates;
    let resolve!: (v: number) => void;
    const pending = new Promise<number>((r) => (resolve = r));
    const wrapped = sdk.debuggablePromise(pending, "pending");
    expect(candidates.has(pending)).toBe(true);
    resolve(7);
    await expect(wrapped).resolves.toBe(7);
    expect(candidates.has(pending)).toBe(false);

    const error = new Error("boom");
    const rejected = Promise.reject(error);
    const wrappedRejection = sdk.debuggablePromise(rejected, "rejected");
    expect(candidates.has(rejected)).toBe(true);
    await expect(wrappedRejection).rejects.toBe(error);
    expect((error as Error & { promise?: unknown }).promise).toBe(rejected);
    expect(candidates.has(rejected)).toBe(false);
  });
});
