/**
 * The language host: a child process that runs one Pulumi program under the recording mock runtime the
 * way `@pulumi/pulumi/cmd/run` does — inside the root `pulumi:pulumi:Stack`, until Node's event loop is
 * empty (registrations from timers count) — and reports every registration to the engine over IPC.
 * An uncaught exception or unhandled rejection is a program error (its message is reported); exiting early
 * (process.exit) is seen by the parent as an exit without a result.
 */
import * as pulumi from "@pulumi/pulumi";
import { HOST_REQUEST_ENV, toWireRun, type HostMessage, type HostRequest } from "./host-protocol";
import { recordRun } from "./record";
import { stackOutputsFromFiles } from "./stack-outputs";

const request = JSON.parse(process.env[HOST_REQUEST_ENV] ?? "null") as HostRequest | null;

function send(message: HostMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

let failed = false;
/** Report a program error once and exit 1, as the Node language host does. */
async function fail(message: string): Promise<void> {
  if (failed) return;
  failed = true;
  await send({ kind: "error", message });
  process.exit(1);
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as { diagnosticText?: string }).diagnosticText ?? error.message;
  return String(error);
}

/** Resolves the next time Node's event loop has nothing left to do (the language host's `beforeExit`). */
function eventLoopDrained(): Promise<void> {
  return new Promise((resolve) => process.once("beforeExit", () => resolve()));
}

async function main(req: HostRequest): Promise<void> {
  // The engine prefixes "<main>: the program failed:" (the contract of bad stack config errors).
  const onError = (error: unknown) => void fail(describe(error));
  process.on("uncaughtException", onError);
  process.on("unhandledRejection", onError);
  process.chdir(req.dir);
  const run = await recordRun(
    async () => {
      await (pulumi.runtime as unknown as { runInPulumiStack(init: () => Promise<unknown>): Promise<unknown> }).runInPulumiStack(async () => {
        // Every resource the program constructs, even one whose inputs never resolve (so a timeout can name it).
        pulumi.runtime.registerStackTransformation((args) => {
          void send({ kind: "registration", type: args.type, name: args.name, end: false });
          return undefined;
        });
        const exported = require(req.main);
        const entry = typeof exported === "function" ? exported : typeof exported?.default === "function" ? exported.default : undefined;
        return entry ? await entry() : exported;
      });
      // Like `pulumi up`: the program is finished when the event loop is empty, not when main returns.
      await eventLoopDrained();
    },
    {
      project: req.project,
      stack: req.stack,
      config: req.config,
      secretKeys: req.secretKeys,
      stackOutputs: stackOutputsFromFiles(req.dir),
      onRegistration: (type, name, end) => {
        if (end) void send({ kind: "registration", type, name, end });
      },
    },
  );
  if (failed) return;
  await send({ kind: "done", run: toWireRun(run) });
  process.exit(0);
}

if (request) {
  // The IPC channel must not keep the event loop alive, or the program would never look finished.
  (process as unknown as { channel?: { unref(): void } }).channel?.unref();
  main(request).catch((error) => void fail(describe(error)));
}
