import { WINDOWS_EXEMPT_SINCE, atLeast } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, show } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-R02: every container must set `allowPrivilegeEscalation: false` (Windows pods exempt from 1.25). */
export const pssR02NoPrivilegeEscalation = definePssRule({
  id: "PSS-R02",
  name: "pss-no-privilege-escalation",
  description: "Privilege escalation must be disallowed: containers[*].securityContext.allowPrivilegeEscalation must be false (absent violates).",
  severity: "high",
  remediation: "Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.",
  check(ctx, report) {
    if (ctx.windows && atLeast(ctx.version, WINDOWS_EXEMPT_SINCE)) return;
    visitContainers(ctx.view.spec, (ref) => {
      const value = obj(ref.container.securityContext).allowPrivilegeEscalation;
      if (value === false) return;
      if (!isSet(value) && ctx.view.isPatch) return;
      const path = containerField(ctx, ref, "securityContext.allowPrivilegeEscalation");
      report({
        message: isSet(value) ? `${path}=${show(value)}${containerLabel(ref)}: must be false` : `${path} is not set${containerLabel(ref)}: must be false`,
        remediation: `Set ${path} to false.`,
      });
    });
  },
});
