// Benchmark 7: a namespace and BENCH_PODS (default 2,000) compliant pods, registered with the real
// @pulumi/kubernetes classes. `hardened-cluster preview --program bench/pods-program --stack bench` runs it whole.
import * as k8s from "@pulumi/kubernetes";
import { podObjects } from "../pods";

const [namespace, ...pods] = podObjects(Number(process.env.BENCH_PODS ?? "2000"));
new k8s.core.v1.Namespace(namespace.name, namespace.inputs);
for (const pod of pods) new k8s.core.v1.Pod(pod.name, pod.inputs);
