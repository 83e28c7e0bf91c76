/**
 * Benchmark 7's floor, as a whole process: the pods program of bench/pods-program registered under bare
 * `pulumi.runtime.setMocks` (the SDK's own mock runtime as shipped), loading only the SDK, `@pulumi/kubernetes` and
 * the pod data, then exiting. argv: pod count.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { podObjects } from "./pods";

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? "2000");
  let registered = 0;
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered++;
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "bench-pods",
    "bench",
    true,
  );
  const [namespace, ...pods] = podObjects(count);
  new k8s.core.v1.Namespace(namespace.name, namespace.inputs);
  for (const pod of pods) new k8s.core.v1.Pod(pod.name, pod.inputs);
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  process.stdout.write(`${registered}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
