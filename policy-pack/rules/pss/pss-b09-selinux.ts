import { allowedSeLinuxTypes } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, show, specField, type PssContext } from "../../core/pss-check";
import type { Report } from "../../core/rule";
import { visitContainers } from "../../core/workloads";

function checkOptions(ctx: PssContext, report: Report, options: unknown, base: string, where: string): void {
  if (!isSet(options)) return;
  const o = obj(options);
  const allowed = allowedSeLinuxTypes(ctx.version);
  const type = o.type ?? "";
  if (!allowed.includes(type)) {
    report({
      message: `${base}.type=${show(type)}${where}: SELinux type not allowed at ${ctx.version.text}`,
      remediation: `Set ${base}.type to one of ${allowed.filter((t) => t !== "").join(", ")} (or remove it).`,
    });
  }
  for (const field of ["user", "role"] as const) {
    if (!isSet(o[field]) || o[field] === "") continue;
    report({ message: `${base}.${field}=${show(o[field])}${where}: custom SELinux ${field}s are forbidden`, remediation: `Remove ${base}.${field}.` });
  }
}

/** PSS-B09: SELinux type restricted to the container types (container_engine_t from 1.31); user and role must be unset. */
export const pssB09SeLinux = definePssRule({
  id: "PSS-B09",
  name: "pss-selinux",
  description: "SELinux options are restricted: seLinuxOptions.type must be empty, container_t, container_init_t, container_kvm_t (or container_engine_t from 1.31); user and role must be unset.",
  severity: "high",
  remediation: "Remove seLinuxOptions.user and .role, and set seLinuxOptions.type to container_t (or remove it).",
  check(ctx, report) {
    checkOptions(ctx, report, obj(ctx.view.spec.securityContext).seLinuxOptions, specField(ctx, "securityContext.seLinuxOptions"), "");
    visitContainers(ctx.view.spec, (ref) =>
      checkOptions(ctx, report, obj(ref.container.securityContext).seLinuxOptions, containerField(ctx, ref, "securityContext.seLinuxOptions"), containerLabel(ref)),
    );
  },
});
