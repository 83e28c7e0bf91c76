import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { BASE_WORKLOAD_TYPES, podSpecOf, visitContainers } from "../../core/workloads";

const REQUIRED = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;

function has(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** RES-001: every container and init container sets CPU and memory requests and limits. */
export const res001 = resourceRule({
  id: "RES-001",
  name: "container-resources-set",
  description: "Every container and init container sets resources.requests and resources.limits for both cpu and memory.",
  enforcementLevel: "advisory",
  severity: "medium",
  groups: ["tenancy"],
  seed: ["S3", "S4"],
  upstream: "Kubernetes resource management for pods and containers; checkov CKV_K8S_10/11/12/13, kube-linter unset-cpu-requirements / unset-memory-requirements",
  remediation: "Set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory on every container (a tenant LimitRange only supplies defaults inside the cluster).",
  // Patch types carry partial specs: only full workloads are judged.
  resourceTypes: BASE_WORKLOAD_TYPES,
  check(resource, report) {
    const read = readMaybeUnknown(() => {
      const view = podSpecOf(resource.type, resource.props)!;
      const out: string[] = [];
      visitContainers(view.spec, (ref) => {
        if (ref.list === "ephemeralContainers") return; // ephemeral containers cannot set resources
        const res = ref.container.resources ?? {};
        const missing = REQUIRED.filter((k) => {
          const [group, key] = k.split(".");
          return !has(res?.[group]?.[key]);
        });
        if (missing.length > 0) out.push(`${view.specPath}.${ref.path}.resources lacks ${missing.join(", ")}${ref.name ? ` (container "${ref.name}")` : ""}`);
      });
      return out;
    });
    if (!read.known) return report(cannotVerify("containers[*].resources"));
    for (const message of read.value) report(message);
  },
});
