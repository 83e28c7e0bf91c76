/**
 * Benchmark 7's floor, as a whole process: the pods program of bench/pods-program registered under bare
 * `pulumi.runtime.setMocks` (the SDK's own mock runtime as shipped), loading only the SDK, `@pulumi/kubernetes` and
 * the pod data, then exiting. argv: pod count.
 */
import { registerPodsUnderBareMocks } from "./bare-pods";

async function main(): Promise<void> {
  const registered = await registerPodsUnderBareMocks(Number(process.argv[2] ?? "2000"));
  process.stdout.write(`${registered.length}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
