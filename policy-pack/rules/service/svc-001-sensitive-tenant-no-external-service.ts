import { defaultQuotaHard } from "../../baseline/tenancy";
import { stackRule } from "../../core/rule";
import { findTenants, resolvedNamespace } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

const SERVICE_TYPE = "kubernetes:core/v1:Service";
/** Annotation that makes an AWS load balancer internal. */
export const LB_SCHEME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-scheme";
/** Legacy annotation for an internal AWS load balancer. */
export const LB_INTERNAL_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";
const OPEN = ["0.0.0.0/0", "::/0"];
/** LoadBalancer Services a tenant's default ResourceQuota allows (`services.loadbalancers`, "0"). */
const TENANT_LB_QUOTA = defaultQuotaHard()["services.loadbalancers"];
/** How an internet-facing LoadBalancer is made acceptable where LoadBalancers are allowed. */
const RESTRICT_LB = `set metadata.annotations["${LB_SCHEME_ANNOTATION}"] to "internal", or spec.loadBalancerSourceRanges to trusted CIDRs (not 0.0.0.0/0 or ::/0)`;

/**
 * SVC-001: sensitive tenants expose no NodePort/LoadBalancer Service, and no LoadBalancer anywhere is
 * internet-facing without source ranges — unless `namespace/name` is in config `allowedExternalServices`.
 */
export const svc001 = stackRule({
  id: "SVC-001",
  name: "sensitive-tenant-no-external-service",
  description: "No NodePort/LoadBalancer Service in sensitive tenants; no internet-facing LoadBalancer without source ranges.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["network", "service"],
  seed: ["S1 §5.6", "S0"],
  upstream: "pulumi/compliance-policies disallowLoadBalancer",
  remediation: `Use spec.type "ClusterIP" behind the shared internal ingress (a tenant's default quota allows ${TENANT_LB_QUOTA} LoadBalancer and NodePort Services); outside tenant namespaces a LoadBalancer needs metadata.annotations["${LB_SCHEME_ANNOTATION}"] "internal" or spec.loadBalancerSourceRanges; or allow-list "<namespace>/<name>" in config allowedExternalServices with a justification.`,
  resourceTypes: [SERVICE_TYPE, "kubernetes:core/v1:Namespace"],
  check(resources, report, config) {
    const scan = findTenants(resources, config);
    for (const ns of scan.deferred) report({ ...cannotVerify("metadata.labels (tenant tier)"), urn: ns.urn });
    const sensitive = new Set([...scan.tenants.values()].filter((t) => t.sensitive).map((t) => t.name));
    const allowed = new Set(config.allowedExternalServices.map((a) => a.name));
    for (const svc of resources.filter((r) => r.type === SERVICE_TYPE)) {
      const ns = resolvedNamespace(svc);
      const read = readMaybeUnknown(() => ({
        name: typeof svc.props?.metadata?.name === "string" ? (svc.props.metadata.name as string) : svc.name,
        type: svc.props?.spec?.type,
        annotations: (svc.props?.metadata?.annotations ?? {}) as Record<string, unknown>,
        ranges: svc.props?.spec?.loadBalancerSourceRanges as unknown,
      }));
      if (!ns.known || !read.known) {
        report({ ...cannotVerify("metadata.namespace / spec.type"), urn: svc.urn });
        continue;
      }
      const { name, type, annotations, ranges } = read.value;
      if (allowed.has(`${ns.value}/${name}`)) continue;
      if (sensitive.has(ns.value) && (type === "NodePort" || type === "LoadBalancer")) {
        report({
          urn: svc.urn,
          message: `spec.type is "${type}" in sensitive tenant namespace "${ns.value}"`,
          remediation: `Set spec.type to "ClusterIP" and expose it through the shared internal ingress, or allow-list "${ns.value}/${name}" in config allowedExternalServices.`,
        });
        continue;
      }
      if (type !== "LoadBalancer") continue;
      const internal = annotations[LB_SCHEME_ANNOTATION] === "internal" || annotations[LB_INTERNAL_ANNOTATION] === "true";
      const open = !Array.isArray(ranges) || ranges.length === 0 || ranges.some((r) => OPEN.includes(r as string));
      if (!internal && open) {
        report({
          urn: svc.urn,
          message: `spec.type "LoadBalancer" is internet-facing (metadata.annotations["${LB_SCHEME_ANNOTATION}"] is not "internal") and spec.loadBalancerSourceRanges is ${Array.isArray(ranges) && ranges.length > 0 ? JSON.stringify(ranges) : "absent"}`,
          // In a tenant namespace the default quota admits no LoadBalancer at all: ClusterIP behind the shared
          // ingress is the fix; restricting the LoadBalancer only helps where the platform raised the quota.
          remediation: scan.tenants.has(ns.value)
            ? `Set spec.type to "ClusterIP" and expose it through the shared internal ingress (tenant namespace "${ns.value}": the default quota allows ${TENANT_LB_QUOTA} LoadBalancers, services.loadbalancers); only if the platform raised this tenant's quota, ${RESTRICT_LB}.`
            : `${RESTRICT_LB.charAt(0).toUpperCase()}${RESTRICT_LB.slice(1)}.`,
        });
      }
    }
  },
});
