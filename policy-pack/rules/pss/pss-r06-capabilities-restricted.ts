import { RESTRICTED_ALLOWED_CAPABILITIES, RESTRICTED_REQUIRED_DROP, WINDOWS_EXEMPT_SINCE, atLeast } from "../../baseline/pss";
import { arr, containerField, containerLabel, definePssRule, isSet, obj, show } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";
import { checkBaselineCapabilities } from "./pss-b04-capabilities-baseline";

/**
 * PSS-R06 (PSA ≥1.22): containers must drop ALL and may add only NET_BIND_SERVICE; Windows pods exempt
 * from 1.25. Replaces PSS-B04 under the restricted profile (every non-baseline capability, NET_RAW
 * included, still fails since add ⊆ {NET_BIND_SERVICE}) and runs B04's logic below 1.22 and in
 * baseline-only namespaces. On Patch types a `drop` list is judged only when it is set.
 */
export const pssR06CapabilitiesRestricted = definePssRule({
  id: "PSS-R06",
  name: "pss-capabilities-restricted",
  description: `Containers must drop ALL capabilities and may add only ${RESTRICTED_ALLOWED_CAPABILITIES.join(", ")}.`,
  severity: "high",
  seed: ["S2"],
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] on every container and add nothing but NET_BIND_SERVICE.',
  check(ctx, report) {
    if (ctx.windows && atLeast(ctx.version, WINDOWS_EXEMPT_SINCE)) return;
    visitContainers(ctx.view.spec, (ref) => {
      const caps = obj(obj(ref.container.securityContext).capabilities);
      const drop = containerField(ctx, ref, "securityContext.capabilities.drop");
      if (!arr(caps.drop).includes(RESTRICTED_REQUIRED_DROP) && (!ctx.view.isPatch || isSet(caps.drop))) {
        report({
          message: `${drop}${isSet(caps.drop) ? `=${show(caps.drop)}` : " is not set"}${containerLabel(ref)}: must include "${RESTRICTED_REQUIRED_DROP}"`,
          remediation: `Set ${drop} to ["${RESTRICTED_REQUIRED_DROP}"].`,
        });
      }
      const add = containerField(ctx, ref, "securityContext.capabilities.add");
      arr(caps.add).forEach((cap, i) => {
        if (typeof cap === "string" && RESTRICTED_ALLOWED_CAPABILITIES.includes(cap)) return;
        report({
          message: `${add}[${i}]=${show(cap)}${containerLabel(ref)}: the restricted profile allows adding only ${RESTRICTED_ALLOWED_CAPABILITIES.join(", ")}`,
          remediation: `Remove ${show(cap)} from ${add} (and keep ${drop}=["${RESTRICTED_REQUIRED_DROP}"]).`,
        });
      });
    });
  },
  fallback: checkBaselineCapabilities,
});
