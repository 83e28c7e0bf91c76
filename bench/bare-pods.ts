/**
 * The pods of {@link podObjects} registered with the real `@pulumi/kubernetes` classes, and the same registration
 * under bare `pulumi.runtime.setMocks` (the SDK's own mock runtime as shipped): the program of benchmarks 6 and 7
 * and their floor. Loads only the SDK, `@pulumi/kubernetes` and the pod data.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { podObjects } from "./pods";

/** Register the namespace and `count` pods with the SDK's resource classes. */
export function registerPods(count: number): void {
  const [namespace, ...pods] = podObjects(count);
  new k8s.core.v1.Namespace(namespace.name, namespace.inputs);
  for (const pod of pods) new k8s.core.v1.Pod(pod.name, pod.inputs);
}

/** {@link registerPods} under bare `setMocks`, until every registration has answered; the inputs each mock saw. */
export async function registerPodsUnderBareMocks(count: number): Promise<unknown[]> {
  const registered: unknown[] = [];
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.inputs);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "bench-pods",
    "bench",
    true,
  );
  registerPods(count);
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return registered;
}
