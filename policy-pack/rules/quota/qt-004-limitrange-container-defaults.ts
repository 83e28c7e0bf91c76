import { defaultLimitRangeSpec } from "../../baseline/tenancy";
import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { LIMIT_RANGE_TYPE, hasContainerDefaults } from "./quota";

/** QT-004: a LimitRange gives containers default limits and requests for cpu and memory. */
export const qt004 = resourceRule({
  id: "QT-004",
  name: "limitrange-container-defaults",
  description: "A LimitRange has a Container item with default and defaultRequest for cpu and memory.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["tenancy", "quota"],
  seed: ["S4", "S3"],
  upstream: "@pulumi/kubernetes LimitRangeItem",
  remediation: `Set spec.limits to ${JSON.stringify(defaultLimitRangeSpec().limits)} (defaultLimitRangeSpec() in baseline/tenancy.ts).`,
  resourceTypes: [LIMIT_RANGE_TYPE],
  check(resource, report) {
    const read = readMaybeUnknown(() => hasContainerDefaults(resource.props?.spec));
    if (!read.known) return report(cannotVerify("spec.limits"));
    if (!read.value) {
      report(`spec.limits has no item with type "Container" whose default and defaultRequest both set cpu and memory`);
    }
  },
});
