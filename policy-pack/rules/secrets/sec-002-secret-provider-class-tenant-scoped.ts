import { LABELS } from "../../baseline/labels";
import { secretNameOf, tenantOfSecretName } from "../../baseline/secrets";
import { quietGet, UNKNOWN } from "../../core/fields";
import { stackRule, type StackResource } from "../../core/rule";
import { findTenants, resolvedNamespace, NAMESPACE_TYPE, namespaceName } from "../../core/tenants";
import { cannotVerify } from "../../core/unknowns";
import { parseSecretObjects } from "./objects";

/** Pulumi type token of a SecretProviderClass. */
export const SECRET_PROVIDER_CLASS = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";

/** The tenant a namespace belongs to: its Namespace resource's tenant label, else the object's own tenant label. */
function tenantOf(spc: StackResource, ns: string, resources: readonly StackResource[]): string | typeof UNKNOWN | undefined {
  const namespace = resources.find((r) => r.type === NAMESPACE_TYPE && namespaceName(r) === ns);
  const fromNs = namespace ? quietGet(namespace.props, `metadata.labels`) : undefined;
  if (fromNs === UNKNOWN) return UNKNOWN;
  const nsTenant = fromNs && typeof fromNs === "object" ? (fromNs as Record<string, unknown>)[LABELS.tenant] : undefined;
  if (typeof nsTenant === "string") return nsTenant;
  const own = quietGet(spc.props, "metadata.labels");
  if (own === UNKNOWN) return UNKNOWN;
  const ownTenant = own && typeof own === "object" ? (own as Record<string, unknown>)[LABELS.tenant] : undefined;
  return typeof ownTenant === "string" ? ownTenant : undefined;
}

/**
 * SEC-002: an AWS-provider SecretProviderClass in a tenant namespace mounts only that tenant's Secrets Manager
 * secrets, read with the pod's own Pod Identity role (no IRSA/node-role fallback).
 */
export const sec002 = stackRule({
  id: "SEC-002",
  name: "secret-provider-class-tenant-scoped",
  description:
    'A SecretProviderClass with provider "aws" in a tenant namespace sets parameters.usePodIdentity "true" and lists only Secrets Manager objects named `<prefix>/<tenant>/…` for the tenant owning the namespace (no other tenant\'s prefix, no Parameter Store objects, which no tenant role is granted).',
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["secrets", "tenancy", "k8s"],
  seed: ["S1 §5.12", "S1 §5.5"],
  upstream: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/ascp-examples.html · https://secrets-store-csi-driver.sigs.k8s.io/concepts#secretproviderclass",
  remediation:
    'Set spec.parameters.usePodIdentity: "true" and list only objectName "<prefix>/<tenant>/<name>" with objectType "secretsmanager" for the namespace\'s tenant (Tenant option secrets.names; components/secrets TenantSecretProviders).',
  resourceTypes: [SECRET_PROVIDER_CLASS, NAMESPACE_TYPE],
  check(resources, report, config) {
    const { tenants } = findTenants(resources, config);
    for (const spc of resources.filter((r) => r.type === SECRET_PROVIDER_CLASS)) {
      const ns = resolvedNamespace(spc);
      if (!ns.known) {
        report({ ...cannotVerify("metadata.namespace"), urn: spc.urn });
        continue;
      }
      if (!tenants.has(ns.value)) continue;
      const provider = quietGet(spc.props, "spec.provider");
      const params = quietGet(spc.props, "spec.parameters");
      if (provider === UNKNOWN || params === UNKNOWN) {
        report({ ...cannotVerify("spec"), urn: spc.urn });
        continue;
      }
      if (provider !== "aws") continue;
      const p = (params ?? {}) as Record<string, unknown>;
      const tenant = tenantOf(spc, ns.value, resources);
      if (tenant === UNKNOWN) {
        report({ ...cannotVerify("metadata.labels"), urn: spc.urn });
        continue;
      }
      const where = `SecretProviderClass ${ns.value}/${spc.name}`;
      if (p.usePodIdentity !== "true") {
        report({ urn: spc.urn, message: `${where}: spec.parameters.usePodIdentity is ${JSON.stringify(p.usePodIdentity)}, not "true": the provider reads with IRSA or the node's role instead of the tenant's Pod Identity role` });
      }
      if (typeof p.objects !== "string") {
        report({ urn: spc.urn, message: `${where}: spec.parameters.objects is not a YAML list of objects` });
        continue;
      }
      if (tenant === undefined) {
        report({ urn: spc.urn, message: `${where}: namespace ${ns.value} is a tenant namespace, but neither it nor the object carries the ${LABELS.tenant} label naming the tenant whose secrets it may mount` });
        continue;
      }
      for (const o of parseSecretObjects(p.objects)) {
        const type = o.objectType ?? (/^arn:[^:]+:ssm:/.test(o.objectName) ? "ssmparameter" : "secretsmanager");
        if (type !== "secretsmanager") {
          report({ urn: spc.urn, message: `${where}: object ${o.objectName} is a ${type} object; tenants are granted Secrets Manager secrets under their prefix only` });
          continue;
        }
        const owner = tenantOfSecretName(o.objectName);
        if (!owner || owner.tenant !== tenant) {
          report({ urn: spc.urn, message: `${where}: object ${secretNameOf(o.objectName)} is outside tenant ${tenant}'s prefix <prefix>/${tenant}/${owner ? ` (it belongs to tenant ${owner.tenant})` : ""}` });
        }
      }
    }
  },
});
