/**
 * The verification objects as plain data (what {@link ImageVerification} registers and the tests validate
 * against the upstream CRD schemas): the Kyverno ClusterPolicy calling the kyverno-notation-aws verifier, the
 * Notation TrustPolicy per tenant namespace and the AWS Signer TrustStore.
 */
import {
  SIGNER_TRUST_STORE,
  TENANT_NAMESPACE_SELECTOR,
  VERIFIER,
  VERIFIER_TLS_SECRET,
  VERIFIER_URL,
  trustPolicyName,
} from "../../policy-pack/baseline/signing";
import { AWS_SIGNER_ROOT_CERT_AWS } from "./aws-signer-root";

/**
 * The ClusterPolicy spec: every Pod created or updated in a namespace labelled `hardened-cluster.io/tenant` is
 * sent (its `images`) to the verifier with the namespace's trust policy `tp-<namespace>`; the request is denied
 * unless every image verifies. Enforce, webhook failurePolicy Fail (an unreachable verifier denies), no
 * background scans. Kyverno's auto-generated rules extend it to Deployments, Jobs, CronJobs, ...
 */
export function verificationPolicySpec(): Record<string, unknown> {
  return {
    // Kyverno >= 1.13 spells these per rule (validate.failureAction) and under webhookConfiguration; the spec-level
    // validationFailureAction / failurePolicy / webhookTimeoutSeconds are deprecated.
    webhookConfiguration: { failurePolicy: "Fail", timeoutSeconds: 30 },
    background: false,
    rules: [
      {
        name: "verify-aws-signer-signatures",
        match: { any: [{ resources: { kinds: ["Pod"], operations: ["CREATE", "UPDATE"], namespaceSelector: { matchExpressions: TENANT_NAMESPACE_SELECTOR.matchExpressions.map((e) => ({ ...e })) } } }] },
        context: [
          { name: "tlscerts", apiCall: { urlPath: `/api/v1/namespaces/${VERIFIER.namespace}/secrets/${VERIFIER_TLS_SECRET}`, jmesPath: 'base64_decode( data."tls.crt" )' } },
          {
            name: "response",
            apiCall: {
              method: "POST",
              data: [
                { key: "images", value: "{{images}}" },
                { key: "trustPolicy", value: "tp-{{request.namespace}}" },
              ],
              service: { url: VERIFIER_URL, caBundle: "{{ tlscerts }}" },
            },
          },
        ],
        validate: {
          failureAction: "Enforce",
          message: "image signature verification failed (AWS Signer profile of this platform): {{ response.message }}",
          deny: { conditions: { any: [{ key: "{{ response.verified }}", operator: "NotEquals", value: true }] } },
        },
      },
    ],
  };
}

/**
 * The Notation trust policy of one tenant namespace: strict verification of images in `registryScopes`
 * (repository URIs, or `*`) against the AWS Signer root, trusting only `profileArns`.
 */
export function trustPolicySpec(namespace: string, profileArns: readonly string[], registryScopes: readonly string[]): Record<string, unknown> {
  return {
    version: "1.0",
    trustPolicies: [
      {
        name: trustPolicyName(namespace),
        registryScopes: [...registryScopes],
        signatureVerification: { level: "strict" },
        trustStores: [`signingAuthority:${SIGNER_TRUST_STORE}`],
        trustedIdentities: [...profileArns],
      },
    ],
  };
}

/** The trust store of the AWS Signer root (commercial partition). */
export function signerTrustStoreSpec(): Record<string, unknown> {
  return { trustStoreName: SIGNER_TRUST_STORE, type: "signingAuthority", caBundle: AWS_SIGNER_ROOT_CERT_AWS };
}
