import { stackRule } from "../../core/rule";
import { NAMESPACE_TYPE } from "../../core/tenants";
import { requireInEachTenant } from "./presence";
import { RESOURCE_QUOTA_TYPE } from "./quota";

/** QT-001: every tenant namespace has a ResourceQuota. */
export const qt001 = stackRule({
  id: "QT-001",
  name: "tenant-has-resourcequota",
  description: "Every tenant namespace has a ResourceQuota.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["tenancy", "quota"],
  seed: ["S3", "S4"],
  upstream: "kubernetes.io RBAC Good Practices (object-count denial of service → quotas)",
  remediation: "Add a ResourceQuota with metadata.namespace set to the tenant and spec.hard from defaultQuotaHard() (the Tenant component creates one).",
  resourceTypes: [NAMESPACE_TYPE, RESOURCE_QUOTA_TYPE],
  check(resources, report, config) {
    requireInEachTenant(resources, report, config, RESOURCE_QUOTA_TYPE, "ResourceQuota");
  },
});
