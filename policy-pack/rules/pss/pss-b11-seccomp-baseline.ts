import { ALLOWED_SECCOMP_TYPES, SECCOMP_ANNOTATIONS, SECCOMP_FIELDS_SINCE, atLeast } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, show, specField, type PssCheckFn, type PssContext } from "../../core/pss-check";
import type { Report } from "../../core/rule";
import { visitContainers } from "../../core/workloads";

/** True for an allowed pre-1.19 seccomp annotation value. */
export function allowedSeccompAnnotation(value: unknown): boolean {
  return typeof value === "string" && ((SECCOMP_ANNOTATIONS.allowedValues as readonly string[]).includes(value) || value.startsWith(SECCOMP_ANNOTATIONS.allowedPrefix));
}

/**
 * Report an explicitly set seccomp profile whose type is not RuntimeDefault/Localhost. Returns true when
 * the profile is set to an allowed type. On Patch types a profile without `type` is not judged.
 */
export function judgeSeccompProfile(ctx: PssContext, report: Report, profile: unknown, path: string, where: string): boolean {
  if (!isSet(profile)) return false;
  const type = obj(profile).type;
  if (typeof type === "string" && ALLOWED_SECCOMP_TYPES.includes(type)) return true;
  if (ctx.view.isPatch && !isSet(type)) return false;
  report({
    message: `${path}=${show(type ?? "")}${where}: only RuntimeDefault and Localhost seccomp profiles are allowed`,
    remediation: `Set ${path} to "RuntimeDefault" (or "Localhost" with localhostProfile).`,
  });
  return false;
}

function checkAnnotations(ctx: PssContext, report: Report): void {
  const annotations = obj(ctx.view.metadata.annotations);
  const judge = (key: string) => {
    if (!(key in annotations) || allowedSeccompAnnotation(annotations[key])) return;
    const path = `${ctx.view.metadataPath}.annotations["${key}"]`;
    report({ message: `${path}=${show(annotations[key])}: seccomp must not be disabled`, remediation: `Set ${path} to "runtime/default" or "localhost/<profile>".` });
  };
  judge(SECCOMP_ANNOTATIONS.pod);
  visitContainers(ctx.view.spec, (ref) => judge(`${SECCOMP_ANNOTATIONS.containerPrefix}${ref.name}`));
}

/** The baseline seccomp logic (annotations before 1.19, fields from 1.19); PSS-R05 runs it where it does not itself run. */
export const checkSeccompBaseline: PssCheckFn = (ctx, report) => {
  if (!atLeast(ctx.version, SECCOMP_FIELDS_SINCE)) return checkAnnotations(ctx, report);
  judgeSeccompProfile(ctx, report, obj(ctx.view.spec.securityContext).seccompProfile, specField(ctx, "securityContext.seccompProfile.type"), "");
  visitContainers(ctx.view.spec, (ref) =>
    judgeSeccompProfile(ctx, report, obj(ref.container.securityContext).seccompProfile, containerField(ctx, ref, "securityContext.seccompProfile.type"), containerLabel(ref)),
  );
};

/**
 * PSS-B11: seccomp must not be Unconfined (any set type other than RuntimeDefault/Localhost is forbidden).
 * Upstream vs catalog: the catalog gives 1.19 as minimum; upstream also runs a 1.0–1.18 version on the
 * `seccomp.security.alpha.kubernetes.io/*` annotations, which this rule follows below 1.19.
 * Under the restricted profile PSS-R05 replaces this check (groups: `pss-baseline`, `pss` only).
 */
export const pssB11SeccompBaseline = definePssRule({
  id: "PSS-B11",
  name: "pss-seccomp-baseline",
  description: "Seccomp must not be disabled: pod/container securityContext.seccompProfile.type must be absent, RuntimeDefault or Localhost (Unconfined is forbidden).",
  severity: "high",
  remediation: 'Set securityContext.seccompProfile.type to "RuntimeDefault" (or "Localhost"); never "Unconfined".',
  check: checkSeccompBaseline,
});
