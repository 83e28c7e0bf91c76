import { stackRule } from "../../core/rule";
import { NAMESPACE_TYPE } from "../../core/tenants";
import { requireInEachTenant } from "./presence";
import { LIMIT_RANGE_TYPE } from "./quota";

/** QT-003: every tenant namespace has a LimitRange (compute quotas reject pods without requests otherwise). */
export const qt003 = stackRule({
  id: "QT-003",
  name: "tenant-has-limitrange",
  description: "Every tenant namespace has a LimitRange supplying container defaults.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["tenancy", "quota"],
  seed: ["S4", "S3"],
  upstream: "kubernetes.io Resource Quotas (requests/limits needed once compute is quota'd)",
  remediation: "Add a LimitRange with metadata.namespace set to the tenant and spec from defaultLimitRangeSpec() (the Tenant component creates one).",
  resourceTypes: [NAMESPACE_TYPE, LIMIT_RANGE_TYPE],
  check(resources, report, config) {
    requireInEachTenant(resources, report, config, LIMIT_RANGE_TYPE, "LimitRange");
  },
});
