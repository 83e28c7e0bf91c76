import { USER_NAMESPACE_RELAXED_SINCE, atLeast } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, obj, specField } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-R04 (PSA ≥1.23): `runAsUser` must not be 0 at pod or container level (user-namespace pods exempt from 1.35). */
export const pssR04RunAsUserNotRoot = definePssRule({
  id: "PSS-R04",
  name: "pss-run-as-user-not-root",
  description: "Containers must not run as UID 0: pod and container securityContext.runAsUser must be absent or non-zero.",
  severity: "high",
  remediation: "Set securityContext.runAsUser to a non-zero UID (e.g. 65532) or remove it.",
  check(ctx, report) {
    if (ctx.userNamespace && atLeast(ctx.version, USER_NAMESPACE_RELAXED_SINCE)) return;
    const flag = (path: string, where: string) =>
      report({ message: `${path}=0${where}: runs as root`, remediation: `Set ${path} to a non-zero UID (e.g. 65532) or remove it.` });
    if (obj(ctx.view.spec.securityContext).runAsUser === 0) flag(specField(ctx, "securityContext.runAsUser"), "");
    visitContainers(ctx.view.spec, (ref) => {
      if (obj(ref.container.securityContext).runAsUser === 0) flag(containerField(ctx, ref, "securityContext.runAsUser"), containerLabel(ref));
    });
  },
});
