import { ALLOWED_APPARMOR_TYPES, APPARMOR_ANNOTATIONS } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, show, specField, type PssContext } from "../../core/pss-check";
import type { Report } from "../../core/rule";
import { visitContainers } from "../../core/workloads";

/** True for an allowed value of a `container.apparmor.security.beta.kubernetes.io/*` annotation. */
export function allowedAppArmorAnnotation(value: unknown): boolean {
  return typeof value === "string" && ((APPARMOR_ANNOTATIONS.allowedValues as readonly string[]).includes(value) || value.startsWith(APPARMOR_ANNOTATIONS.allowedPrefix));
}

function checkProfile(ctx: PssContext, report: Report, profile: unknown, path: string, where: string): void {
  if (!isSet(profile)) return;
  const type = obj(profile).type;
  if (ctx.view.isPatch && !isSet(type)) return;
  if (typeof type === "string" && ALLOWED_APPARMOR_TYPES.includes(type)) return;
  report({
    message: `${path}=${show(type ?? "")}${where}: AppArmor must not be disabled or overridden`,
    remediation: `Set ${path} to ${ALLOWED_APPARMOR_TYPES.map((t) => `"${t}"`).join(" or ")}.`,
  });
}

/** PSS-B08: the default AppArmor profile must not be disabled (annotations and `appArmorProfile.type`). */
export const pssB08AppArmor = definePssRule({
  id: "PSS-B08",
  name: "pss-apparmor",
  description: `AppArmor must not be disabled: pod/container securityContext.appArmorProfile.type must be absent, RuntimeDefault or Localhost; ${APPARMOR_ANNOTATIONS.prefix}* annotations must be "", runtime/default or localhost/*.`,
  severity: "high",
  remediation: 'Set securityContext.appArmorProfile.type to "RuntimeDefault" (or "Localhost" with localhostProfile), and remove "unconfined" AppArmor annotations.',
  check(ctx, report) {
    const annotations = obj(ctx.view.metadata.annotations);
    for (const key of Object.keys(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATIONS.prefix)) continue;
      const value = annotations[key];
      if (allowedAppArmorAnnotation(value)) continue;
      const path = `${ctx.view.metadataPath}.annotations["${key}"]`;
      report({ message: `${path}=${show(value)}: AppArmor must not be disabled`, remediation: `Set ${path} to "runtime/default" or "localhost/<profile>" (or use securityContext.appArmorProfile.type: RuntimeDefault).` });
    }
    checkProfile(ctx, report, obj(ctx.view.spec.securityContext).appArmorProfile, specField(ctx, "securityContext.appArmorProfile.type"), "");
    visitContainers(ctx.view.spec, (ref) =>
      checkProfile(ctx, report, obj(ref.container.securityContext).appArmorProfile, containerField(ctx, ref, "securityContext.appArmorProfile.type"), containerLabel(ref)),
    );
  },
});
