/**
 * Image signing and in-cluster signature verification: the data the signing components build objects from and
 * the IMG-004/IMG-005/IMG-006 rules judge with (one source of truth, as for ports and tenancy).
 *
 * Route (docs/signing.md): AWS Signer (Notation platform) signs in CI; in the cluster Kyverno calls the
 * kyverno-notation-aws extension service (nirmata/kyverno-notation-aws), which runs the AWS Signer Notation
 * plugin against a Notation TrustPolicy (a `notation.nirmata.io/v1alpha1` custom resource) whose
 * `trustedIdentities` pin the stack's signing profile ARN.
 */
import { LABELS } from "./labels";

/** The AWS Signer platform for OCI container images signed with Notation (PutSigningProfile `platformId`). */
export const SIGNING_PLATFORM_ID = "Notation-OCI-SHA384-ECDSA";

/**
 * Signing profile names (PutSigningProfile `profileName`): 2-64 letters, digits and `_`
 * (https://docs.aws.amazon.com/signer/latest/api/API_PutSigningProfile.html).
 */
export const SIGNING_PROFILE_NAME = /^[a-zA-Z0-9_]{2,64}$/;

/** A signing profile ARN: `arn:<partition>:signer:<region>:<account>:/signing-profiles/<name>` (no version, no wildcard). */
export const SIGNING_PROFILE_ARN = /^arn:aws(-[a-z]+)*:signer:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:\/signing-profiles\/[a-zA-Z0-9_]{2,64}$/;

/** Validity units of a signing profile (`signatureValidityPeriod.type`). */
export const SIGNATURE_VALIDITY_TYPES = ["DAYS", "MONTHS", "YEARS"] as const;

/** The ARN of signing profile `name` (what Notation trust policies pin as a trusted identity). */
export function signingProfileArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:signer:${region}:${accountId}:/signing-profiles/${name}`;
}

/** Pulumi token of a Kyverno ClusterPolicy (kyverno.io/v1). */
export const CLUSTER_POLICY_TYPE = "kubernetes:kyverno.io/v1:ClusterPolicy";
/** Pulumi token of a kyverno-notation-aws Notation trust policy (cluster-scoped). */
export const TRUST_POLICY_TYPE = "kubernetes:notation.nirmata.io/v1alpha1:TrustPolicy";
/** Pulumi token of a kyverno-notation-aws Notation trust store (cluster-scoped). */
export const TRUST_STORE_TYPE = "kubernetes:notation.nirmata.io/v1alpha1:TrustStore";

/** Where the verifier runs and how Kyverno reaches it (chart kyverno-notation-aws, release name = chart name). */
export const VERIFIER = {
  namespace: "kyverno-notation-aws",
  releaseName: "kyverno-notation-aws",
  serviceAccount: "kyverno-notation-aws",
  /** `<fullname>-svc` (chart templates/_helpers/_names.tpl), port 443 → 9443. */
  serviceName: "kyverno-notation-aws-svc",
  containerPort: 9443,
  /** The path Kyverno POSTs `images` and `trustPolicy` to. */
  checkPath: "/checkimages",
} as const;

/** The service URL Kyverno's apiCall posts to. */
export const VERIFIER_URL = `https://${VERIFIER.serviceName}.${VERIFIER.namespace}.svc${VERIFIER.checkPath}`;

/** The TLS pair the extension writes for its service (`<service>.<namespace>.svc.tls-pair`); Kyverno reads its certificate as the caBundle. */
export const VERIFIER_TLS_SECRET = `${VERIFIER.serviceName}.${VERIFIER.namespace}.svc.tls-pair`;

/** Where Kyverno runs (chart kyverno). */
export const KYVERNO = {
  namespace: "kyverno",
  releaseName: "kyverno",
  /** The admission controller's ServiceAccount (chart default `<release>-admission-controller`). */
  admissionServiceAccount: "kyverno-admission-controller",
  webhookPort: 9443,
} as const;

/** Name of the trust store holding the AWS Signer root (referenced as `signingAuthority:<name>`). */
export const SIGNER_TRUST_STORE = "aws-signer-ts";

/** The trust policy a tenant namespace's pods are verified against (`tp-<namespace>`, passed by the ClusterPolicy). */
export function trustPolicyName(namespace: string): string {
  return `tp-${namespace}`;
}

/** Name of the platform's verification ClusterPolicy. */
export const VERIFICATION_POLICY_NAME = "hardened-cluster-verify-image-signatures";

/** The label every tenant namespace carries; the ClusterPolicy selects namespaces by it. */
export const TENANT_NAMESPACE_SELECTOR = { matchExpressions: [{ key: LABELS.tenant, operator: "Exists" }] } as const;
