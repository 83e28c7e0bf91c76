import { BASELINE_ALLOWED_CAPABILITIES } from "../../baseline/pss";
import { arr, containerField, containerLabel, definePssRule, obj, show, type PssCheckFn } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** The baseline capabilities logic; PSS-R06 runs it where the restricted check does not (it overrides B04). */
export const checkBaselineCapabilities: PssCheckFn = (ctx, report) => {
  visitContainers(ctx.view.spec, (ref) => {
    arr(obj(obj(ref.container.securityContext).capabilities).add).forEach((cap, i) => {
      if (typeof cap === "string" && BASELINE_ALLOWED_CAPABILITIES.includes(cap)) return;
      const list = containerField(ctx, ref, "securityContext.capabilities.add");
      const why = cap === "NET_RAW" ? "NET_RAW allows raw sockets (packet spoofing, ARP/DNS poisoning)" : "not in the baseline capability allowlist";
      report({
        message: `${list}[${i}]=${show(cap)}${containerLabel(ref)}: ${why}`,
        remediation: `Remove ${show(cap)} from ${list}; only ${BASELINE_ALLOWED_CAPABILITIES.join(", ")} may be added.`,
      });
    });
  });
};

/**
 * PSS-B04: containers may add only the baseline capabilities (NET_RAW is not among them, S2).
 * Under the restricted profile PSS-R06 replaces this check (groups: `pss-baseline`, `pss` only).
 */
export const pssB04CapabilitiesBaseline = definePssRule({
  id: "PSS-B04",
  name: "pss-capabilities-baseline",
  description: `Containers may add only baseline capabilities (${BASELINE_ALLOWED_CAPABILITIES.join(", ")}); NET_RAW and all others are forbidden.`,
  severity: "high",
  seed: ["S2"],
  remediation: `Remove every capability from securityContext.capabilities.add that is not one of ${BASELINE_ALLOWED_CAPABILITIES.join(", ")}.`,
  check: checkBaselineCapabilities,
});
