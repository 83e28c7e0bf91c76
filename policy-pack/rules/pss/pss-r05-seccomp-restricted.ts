import { WINDOWS_EXEMPT_SINCE, atLeast } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, specField } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";
import { checkSeccompBaseline, judgeSeccompProfile } from "./pss-b11-seccomp-baseline";

/**
 * PSS-R05 (PSA ≥1.19): pod seccompProfile.type RuntimeDefault/Localhost, or every container sets it;
 * explicit other values violate; Windows pods exempt from 1.25. Replaces PSS-B11 under the restricted
 * profile (Unconfined is forbidden here too) and runs B11's logic below 1.19 and in baseline-only namespaces.
 */
export const pssR05SeccompRestricted = definePssRule({
  id: "PSS-R05",
  name: "pss-seccomp-restricted",
  description: "A seccomp profile is required: pod securityContext.seccompProfile.type RuntimeDefault or Localhost, or set on every container; other values violate.",
  severity: "high",
  remediation: 'Set spec securityContext.seccompProfile.type: "RuntimeDefault" at pod level.',
  check(ctx, report) {
    if (ctx.windows && atLeast(ctx.version, WINDOWS_EXEMPT_SINCE)) return;
    const podPath = specField(ctx, "securityContext.seccompProfile.type");
    const podSet = judgeSeccompProfile(ctx, report, obj(ctx.view.spec.securityContext).seccompProfile, podPath, "");
    visitContainers(ctx.view.spec, (ref) => {
      const profile = obj(ref.container.securityContext).seccompProfile;
      const path = containerField(ctx, ref, "securityContext.seccompProfile.type");
      if (isSet(profile)) judgeSeccompProfile(ctx, report, profile, path, containerLabel(ref));
      else if (!podSet && !ctx.view.isPatch) {
        report({ message: `${path} is not set and ${podPath} is not RuntimeDefault/Localhost${containerLabel(ref)}: no seccomp profile`, remediation: `Set ${podPath} to "RuntimeDefault" (or ${path}).` });
      }
    });
  },
  fallback: checkSeccompBaseline,
});
