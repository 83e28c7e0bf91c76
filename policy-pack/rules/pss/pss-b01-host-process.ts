import { containerField, containerLabel, definePssRule, obj, specField } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-B01: Windows HostProcess pods/containers get host-level access; `windowsOptions.hostProcess` must be absent or false. */
export const pssB01HostProcess = definePssRule({
  id: "PSS-B01",
  name: "pss-host-process",
  description: "Windows HostProcess is forbidden: pod and container securityContext.windowsOptions.hostProcess must be absent or false.",
  severity: "critical",
  remediation: "Remove securityContext.windowsOptions.hostProcess from the pod and every container (or set it to false).",
  check(ctx, report) {
    const forbid = (path: string, where: string) =>
      report({
        message: `${path}=true${where}: Windows HostProcess containers run with host privileges`,
        remediation: `Set ${path} to false or remove it.`,
      });
    if (obj(obj(ctx.view.spec.securityContext).windowsOptions).hostProcess === true) {
      forbid(specField(ctx, "securityContext.windowsOptions.hostProcess"), "");
    }
    visitContainers(ctx.view.spec, (ref) => {
      if (obj(obj(ref.container.securityContext).windowsOptions).hostProcess === true) {
        forbid(containerField(ctx, ref, "securityContext.windowsOptions.hostProcess"), containerLabel(ref));
      }
    });
  },
});
