// Benchmark 7: a namespace and BENCH_PODS (default 2,000) compliant pods, registered with the real
// @pulumi/kubernetes classes. `hardened-cluster preview --program bench/pods-program --stack bench` runs it whole.
import { registerPods } from "../bare-pods";

registerPods(Number(process.env.BENCH_PODS ?? "2000"));
