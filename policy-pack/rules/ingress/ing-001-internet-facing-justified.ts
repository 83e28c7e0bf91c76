import { ALB_SCHEME_ANNOTATION, INGRESS_CLASS_PARAMS_TYPE, INTERNET_FACING, INTERNET_FACING_JUSTIFICATION_ANNOTATION, NLB_SCHEME_ANNOTATION } from "../../baseline/ingress";
import { justificationProblem } from "../../core/exemptions";
import { resourceRule } from "../../core/rule";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";

const INGRESS_TYPES = ["kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:networking.k8s.io/v1beta1:Ingress", "kubernetes:extensions/v1beta1:Ingress"];
const SERVICE_TYPES = ["kubernetes:core/v1:Service"];

/**
 * ING-001: load balancers are internal unless the platform justified otherwise. An `IngressClassParams` with
 * `spec.scheme: internet-facing` carries its justification in the `hardened-cluster.io/internet-facing-justification`
 * annotation (the platform writes it from config `ingress.internetFacing` and the tenant's declaration); an
 * Ingress or Service that asks for `internet-facing` through the controller's scheme annotation is a violation
 * (tenants use their platform IngressClass; a genuine exception is a pack exemption with its own justification).
 */
export const ing001 = resourceRule({
  id: "ING-001",
  name: "load-balancer-internal-unless-justified",
  description: "Load balancers are internal: no IngressClassParams with scheme internet-facing without a justification annotation, and no Ingress or Service annotated internet-facing.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["network", "ingress"],
  seed: ["S0", "S1 §5.4.1"],
  upstream: "AWS Load Balancer Controller: IngressClassParams spec.scheme, alb.ingress.kubernetes.io/scheme, service.beta.kubernetes.io/aws-load-balancer-scheme",
  remediation:
    "Use scheme internal; for a load balancer that must face the internet, set config ingress.internetFacing and the tenant's justification so the platform's IngressClassParams carries hardened-cluster.io/internet-facing-justification.",
  resourceTypes: [INGRESS_CLASS_PARAMS_TYPE, ...INGRESS_TYPES, ...SERVICE_TYPES],
  check(resource, report) {
    if (resource.type === INGRESS_CLASS_PARAMS_TYPE) {
      const read = readMaybeUnknown(() => ({ scheme: resource.props?.spec?.scheme, justification: resource.props?.metadata?.annotations?.[INTERNET_FACING_JUSTIFICATION_ANNOTATION] }));
      if (!read.known) return report(cannotVerify("spec.scheme / metadata.annotations"));
      if (read.value.scheme !== INTERNET_FACING) return;
      const problem = justificationProblem(read.value.justification);
      if (problem) report(`spec.scheme is internet-facing and metadata.annotations["${INTERNET_FACING_JUSTIFICATION_ANNOTATION}"] ${problem.startsWith("has no") ? "is missing" : `is not a justification: ${problem}`}`);
      return;
    }
    const key = SERVICE_TYPES.includes(resource.type) ? NLB_SCHEME_ANNOTATION : ALB_SCHEME_ANNOTATION;
    const read = readMaybeUnknown(() => resource.props?.metadata?.annotations?.[key]);
    if (!read.known) return report(cannotVerify(`metadata.annotations["${key}"]`));
    if (read.value === INTERNET_FACING) report(`metadata.annotations["${key}"] is internet-facing: the load balancer would be reachable from the internet`);
  },
});
