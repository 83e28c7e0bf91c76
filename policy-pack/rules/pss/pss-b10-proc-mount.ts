import { ALLOWED_PROC_MOUNT, USER_NAMESPACE_RELAXED_SINCE, atLeast } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, show, type PssCheckFn } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** `procMount` must be absent or `Default` (PSA `procMount_1_0`); PSS-R07 runs this at every version. */
export const checkProcMountUnmasked: PssCheckFn = (ctx, report) => {
  visitContainers(ctx.view.spec, (ref) => {
    const procMount = obj(ref.container.securityContext).procMount;
    if (!isSet(procMount) || procMount === ALLOWED_PROC_MOUNT) return;
    const path = containerField(ctx, ref, "securityContext.procMount");
    report({ message: `${path}=${show(procMount)}${containerLabel(ref)}: unmasked /proc exposes host kernel interfaces`, remediation: `Set ${path} to "${ALLOWED_PROC_MOUNT}" or remove it.` });
  });
};

/** The baseline procMount logic: relaxed from 1.35 for user-namespace pods (`hostUsers: false`). */
export const checkProcMountBaseline: PssCheckFn = (ctx, report) => {
  if (ctx.userNamespace && atLeast(ctx.version, USER_NAMESPACE_RELAXED_SINCE)) return;
  checkProcMountUnmasked(ctx, report);
};

/**
 * PSS-B10: the default /proc masks must stay; from 1.35 any value is allowed for user-namespace pods.
 * Under the restricted profile PSS-R07 replaces this check (groups: `pss-baseline`, `pss` only).
 */
export const pssB10ProcMount = definePssRule({
  id: "PSS-B10",
  name: "pss-proc-mount",
  description: "containers[*].securityContext.procMount must be absent or Default (from 1.35 any value for pods with hostUsers: false).",
  severity: "high",
  remediation: 'Set securityContext.procMount to "Default" (or remove it) on every container.',
  check: checkProcMountBaseline,
});
