import { allowedSysctls } from "../../baseline/pss";
import { arr, definePssRule, obj, show, specField } from "../../core/pss-check";

/** PSS-B12: only namespaced, node-isolated sysctls from the versioned allowlist may be set. */
export const pssB12Sysctls = definePssRule({
  id: "PSS-B12",
  name: "pss-sysctls",
  description: "Only safe sysctls may be set: securityContext.sysctls[*].name must be in the allowlist of the configured Pod Security Standards version.",
  severity: "medium",
  remediation: "Remove every securityContext.sysctls entry whose name is not in the safe-sysctl allowlist of your Pod Security Standards version.",
  check(ctx, report) {
    const allowed = allowedSysctls(ctx.version);
    arr(obj(ctx.view.spec.securityContext).sysctls).forEach((sysctl, i) => {
      const name = obj(sysctl).name;
      if (typeof name === "string" && allowed.includes(name)) return;
      const path = specField(ctx, `securityContext.sysctls[${i}].name`);
      report({
        message: `${path}=${show(name)}: not a safe sysctl at ${ctx.version.text}`,
        remediation: `Remove ${specField(ctx, `securityContext.sysctls[${i}]`)}; allowed at ${ctx.version.text}: ${allowed.join(", ")}.`,
      });
    });
  },
});
