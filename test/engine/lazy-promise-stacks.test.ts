import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
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
    const formatted: number[] = [];
    Error.prepareStackTrace = (error, frames) => {
      formatted.push(frames.length);
      return String(error);
    };
    const p = Promise.resolve("v");
    const wrapped = sdk.debuggablePromise(p, "ctx");
    expect(formatted.every((n) => n === 0)).toBe(true);
    await expect(wrapped).resolves.toBe("v");
    expect(sdk.promiseDebugString(p)).toMatch(/^CONTEXT\(\d+\): ctx\nSTACK_TRACE:\nError$/);
  });
});
