/** The in-cluster form of ING-001 (shared ingress): tenants never ask for an internet-facing load balancer. */
import { ALB_SCHEME_ANNOTATION, INTERNET_FACING, NLB_SCHEME_ANNOTATION } from "../../policy-pack/baseline/ingress";
import type { CelValidation } from "./expressions";

/** CEL: the object's annotation `key` is absent or not `internet-facing`. */
function notInternetFacing(key: string): string {
  return `!has(object.metadata.annotations) || !("${key}" in object.metadata.annotations) || object.metadata.annotations["${key}"] != "${INTERNET_FACING}"`;
}

/** Ingress validations (ING-001): no `alb.ingress.kubernetes.io/scheme: internet-facing` in tenant namespaces. */
export function ingressValidations(): CelValidation[] {
  return [
    {
      rule: "ING-001",
      expression: notInternetFacing(ALB_SCHEME_ANNOTATION),
      message: `ING-001: tenant Ingresses must not set ${ALB_SCHEME_ANNOTATION}: internet-facing (use the tenant's platform IngressClass; internet-facing is decided by platform config)`,
      reason: "Forbidden",
    },
  ];
}

/** Service validations (ING-001): no `service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing`. */
export function serviceSchemeValidations(): CelValidation[] {
  return [
    {
      rule: "ING-001",
      expression: notInternetFacing(NLB_SCHEME_ANNOTATION),
      message: `ING-001: tenant Services must not set ${NLB_SCHEME_ANNOTATION}: internet-facing`,
      reason: "Forbidden",
    },
  ];
}
