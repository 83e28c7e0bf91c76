/**
 * The pinned AWS Load Balancer Controller release and the facts about it the platform depends on
 * (all from https://github.com/kubernetes-sigs/aws-load-balancer-controller at {@link LBC_VERSION}:
 * helm/aws-load-balancer-controller/{values.yaml,templates/*}; the image registry from the EKS user guide,
 * "Install AWS Load Balancer Controller with Helm", which serves the image from the regional EKS add-on ECR).
 */

/** The pinned controller release (image tag, CRDs in upstream/crds.yaml, IAM policy in upstream/iam-policy.ts). */
export const LBC_VERSION = "v2.17.1";

/** Account of the regional EKS add-on image registries (most commercial regions). */
export const EKS_ADDON_IMAGE_ACCOUNT = "602401143452";

/** Registry host the controller image is pulled from in `region` (private ECR reachable through the ECR endpoints). */
export function lbcRegistryHost(region: string): string {
  return `${EKS_ADDON_IMAGE_ACCOUNT}.dkr.ecr.${region}.amazonaws.com`;
}

/** The controller image of {@link LBC_VERSION} in `region`'s EKS add-on registry. */
export function lbcImage(region: string): string {
  return `${lbcRegistryHost(region)}/amazon/aws-load-balancer-controller:${LBC_VERSION}`;
}

/** Namespace the platform installs the controller into (its own, so its NetworkPolicy selects only it). */
export const LBC_NAMESPACE = "aws-load-balancer-controller";
/** The controller's ServiceAccount (the Pod Identity association's subject). */
export const LBC_SERVICE_ACCOUNT = "aws-load-balancer-controller";
/** The chart's `app.kubernetes.io/name`; the webhooks' objectSelector excludes the controller's own pods by it. */
export const LBC_APP_NAME = "aws-load-balancer-controller";
/** Webhook server port (chart `webhookBindPort` default); the API server calls it through the webhook Service on 443. */
export const LBC_WEBHOOK_PORT = 9443;
/** Health probe port of the controller (chart livenessProbe/readinessProbe). */
export const LBC_HEALTH_PORT = 61779;
/** Name of the webhook Service (chart `<fullname>-webhook-service`). */
export const LBC_WEBHOOK_SERVICE = "aws-load-balancer-webhook-service";
/** Name of the TLS Secret the controller serves its webhooks with (chart `<fullname>-tls`). */
export const LBC_TLS_SECRET = "aws-load-balancer-tls";

export { POD_IDENTITY_AGENT } from "../cluster/agent-egress";
