import { USER_NAMESPACE_RELAXED_SINCE, atLeast } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, specField } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-R03: `runAsNonRoot: true` at pod level or on every container; explicit false violates (user-namespace pods exempt from 1.35). */
export const pssR03RunAsNonRoot = definePssRule({
  id: "PSS-R03",
  name: "pss-run-as-non-root",
  description: "Containers must run as non-root: pod securityContext.runAsNonRoot true, or every container's true; any explicit false violates.",
  severity: "high",
  remediation: "Set spec securityContext.runAsNonRoot: true at pod level (and never false on a container).",
  check(ctx, report) {
    if (ctx.userNamespace && atLeast(ctx.version, USER_NAMESPACE_RELAXED_SINCE)) return;
    const podPath = specField(ctx, "securityContext.runAsNonRoot");
    const podValue = obj(ctx.view.spec.securityContext).runAsNonRoot;
    if (podValue === false) report({ message: `${podPath}=false: containers may run as root`, remediation: `Set ${podPath} to true.` });
    visitContainers(ctx.view.spec, (ref) => {
      const value = obj(ref.container.securityContext).runAsNonRoot;
      const path = containerField(ctx, ref, "securityContext.runAsNonRoot");
      if (value === false) {
        report({ message: `${path}=false${containerLabel(ref)}: the container may run as root`, remediation: `Set ${path} to true or remove it and set ${podPath} to true.` });
      } else if (!isSet(value) && podValue !== true && !ctx.view.isPatch) {
        report({ message: `${path} is not set and ${podPath} is not true${containerLabel(ref)}: the container may run as root`, remediation: `Set ${podPath} to true (or ${path} to true).` });
      }
    });
  },
});
