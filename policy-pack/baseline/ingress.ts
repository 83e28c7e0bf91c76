/**
 * Shared-ingress facts both the components and the ING rules use (seed S1 NetworkPolicies; audit R4): the
 * AWS Load Balancer Controller's scheme keys and the platform's annotations.
 */
import { LABEL_PREFIX } from "./labels";

/** Name of the platform NetworkPolicy admitting a tenant's load balancers (judged by ING-002). */
export const LB_INGRESS_POLICY_NAME = "allow-ingress-from-load-balancer";

/** Annotation carrying why an IngressClassParams is internet-facing (ING-001). */
export const INTERNET_FACING_JUSTIFICATION_ANNOTATION = `${LABEL_PREFIX}internet-facing-justification`;

/** The controller's scheme value that exposes a load balancer to the internet. */
export const INTERNET_FACING = "internet-facing";

/** Ingress annotation selecting the ALB scheme (AWS Load Balancer Controller docs, ingress annotations). */
export const ALB_SCHEME_ANNOTATION = "alb.ingress.kubernetes.io/scheme";
/** Service annotation selecting the NLB scheme (AWS Load Balancer Controller docs, service annotations). */
export const NLB_SCHEME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-scheme";

/** Pulumi type of the controller's IngressClassParams custom resource. */
export const INGRESS_CLASS_PARAMS_TYPE = "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams";
/** The IngressClass `spec.controller` of the AWS Load Balancer Controller. */
export const ALB_INGRESS_CONTROLLER = "ingress.k8s.aws/alb";
