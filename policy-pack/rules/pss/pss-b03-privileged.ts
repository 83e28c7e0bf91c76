import { containerField, containerLabel, definePssRule, obj } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-B03: privileged containers have full access to the host (S0: limit privileged containers). */
export const pssB03Privileged = definePssRule({
  id: "PSS-B03",
  name: "pss-privileged",
  description: "Privileged containers are forbidden: containers[*].securityContext.privileged must be absent or false.",
  severity: "critical",
  remediation: "Set securityContext.privileged to false (or remove it) on every container, init container and ephemeral container.",
  check(ctx, report) {
    visitContainers(ctx.view.spec, (ref) => {
      if (obj(ref.container.securityContext).privileged !== true) return;
      const path = containerField(ctx, ref, "securityContext.privileged");
      report({ message: `${path}=true${containerLabel(ref)}: privileged containers have full access to the node`, remediation: `Set ${path} to false or remove it.` });
    });
  },
});
