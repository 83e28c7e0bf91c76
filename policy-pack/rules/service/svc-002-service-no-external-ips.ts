import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

/** SVC-002: Services set no `spec.externalIPs` (CVE-2020-8554 traffic interception). */
export const svc002 = resourceRule({
  id: "SVC-002",
  name: "service-no-external-ips",
  description: "Services do not set spec.externalIPs.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["network", "service"],
  seed: ["S2", "S0"],
  upstream: "CVE-2020-8554",
  remediation: "Remove spec.externalIPs; use a LoadBalancer Service instead.",
  resourceTypes: ["kubernetes:core/v1:Service", "kubernetes:core/v1:ServicePatch"],
  check(resource, report) {
    const read = readMaybeUnknown(() => resource.props?.spec?.externalIPs);
    if (!read.known) return report(cannotVerify("spec.externalIPs"));
    if (Array.isArray(read.value) && read.value.length > 0) {
      report(`spec.externalIPs is ${JSON.stringify(read.value)}: any of these addresses can be intercepted (CVE-2020-8554)`);
    }
  },
});
