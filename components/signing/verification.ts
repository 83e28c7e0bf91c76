import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KYVERNO, SIGNER_TRUST_STORE, VERIFICATION_POLICY_NAME, VERIFIER, VERIFIER_TLS_SECRET, trustPolicyName } from "../../policy-pack/baseline/signing";
import { NAMESPACE_NAME_LABEL, addonAgentPolicySpec, type NetworkPolicySpecData } from "../../policy-pack/baseline/tenancy";
import { argError } from "../detection/args-error";
import { VerificationDeployerGrants } from "./deployer-grants";
import { signerTrustStoreSpec, trustPolicySpec, verificationPolicySpec } from "./objects";

/** Upstream Helm repositories (https) of the two controllers. */
export const CHART_REPOS = { kyverno: "https://kyverno.github.io/kyverno/", notationAws: "https://nirmata.github.io/kyverno-notation-aws" } as const;

/** Args of {@link ImageVerification}. */
export interface ImageVerificationArgs {
  /** Kubernetes provider of the cluster. */
  readonly provider: k8s.Provider;
  /** Tenant namespaces to verify (each gets trust policy `tp-<namespace>`); the ClusterPolicy selects them by the tenant label. */
  readonly tenantNamespaces: readonly string[];
  /** Signing profile ARNs the trust policies trust (the platform profile first). */
  readonly profileArns: readonly pulumi.Input<string>[];
  /** Repository URIs (`<registry>/<repo>`) images are verified in; anything else fails verification. Default `["*"]` (every image must be signed). */
  readonly registryScopes?: readonly string[];
  /** IAM role of the verifier's ServiceAccount (ImageVerifierRole, IRSA). */
  readonly verifierRoleArn: pulumi.Input<string>;
  /** Exact chart versions, e.g. `{kyverno: "3.8.2", notationAws: "1.1.0"}`. */
  readonly chartVersions: { readonly kyverno: string; readonly notationAws: string };
  /** Node selector of the controllers (the system pool's labels). Default none. */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of the controllers (the system pool's taints). Default none. */
  readonly tolerations?: readonly { key: string; operator: string; value?: string; effect: string }[];
  /**
   * Split layout: the in-VPC deployer's Kubernetes group, granted what it needs to keep this layer up to date
   * ({@link VerificationDeployerGrants}). Default none (same-stack layout: the stack's own identity applies it).
   */
  readonly deployerGroup?: string;
  /** Extra Helm values per release, deep-merged over the platform's (e.g. image repositories of an ECR mirror). Default none. */
  readonly extraValues?: { readonly kyverno?: Record<string, unknown>; readonly notationAws?: Record<string, unknown> };
}

/** Deep-merge plain objects (`over` wins; arrays and scalars replace). */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b) ? mergeValues(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** A mutable deep copy of readonly baseline data, as the SDK's input types want. */
const plain = <T>(data: T): any => JSON.parse(JSON.stringify(data));

const MANAGED = { "app.kubernetes.io/managed-by": "hardened-cluster" };
const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** Strict-mode policy of the Kyverno namespace: webhook ingress on 9443, DNS, HTTPS (API server) and the verifier's port. */
export function kyvernoPolicySpec(): NetworkPolicySpecData {
  const base = addonAgentPolicySpec([KYVERNO.webhookPort]);
  return {
    ...base,
    egress: [...(base.egress ?? []), { to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: VERIFIER.namespace } } }], ports: [{ protocol: "TCP", port: VERIFIER.containerPort }] }],
  };
}

/** Strict-mode policy of the verifier namespace: ingress on 9443 from Kyverno only; DNS and HTTPS (ECR, Signer, API server) out. */
export function verifierPolicySpec(): NetworkPolicySpecData {
  const base = addonAgentPolicySpec([]);
  return { ...base, ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: KYVERNO.namespace } } }], ports: [{ protocol: "TCP", port: VERIFIER.containerPort }] }] };
}

/** Throws a named-field error for bad args, before anything registers. */
export function validateImageVerificationArgs(name: string, args: Partial<ImageVerificationArgs> | undefined): void {
  const err = (field: string, problem: string, fix: string) => argError("ImageVerification", name, field, problem, fix);
  if (!args?.provider) throw err("provider", "is missing", "pass the cluster's Kubernetes provider");
  if (!Array.isArray(args.profileArns) || args.profileArns.length === 0) throw err("profileArns", "is empty", "pass the signing profile ARN (ImageSigningProfile.profileArn)");
  if (!args.chartVersions || !EXACT_VERSION.test(args.chartVersions.kyverno ?? "")) throw err("chartVersions.kyverno", `is ${JSON.stringify(args.chartVersions?.kyverno)}`, "pin an exact kyverno chart version such as 3.8.2");
  if (!EXACT_VERSION.test(args.chartVersions.notationAws ?? "")) throw err("chartVersions.notationAws", `is ${JSON.stringify(args.chartVersions.notationAws)}`, "pin an exact kyverno-notation-aws chart version such as 1.1.0");
  if (args.verifierRoleArn === undefined) throw err("verifierRoleArn", "is missing", "pass ImageVerifierRole.arn");
}

/**
 * In-cluster signature verification of tenant images: Kyverno and the kyverno-notation-aws verifier (pinned
 * Helm releases: their upstream manifests are too large to write out, so the pack lists them as unverified and
 * config `allowedReleases` justifies them), their namespaces with strict-mode NetworkPolicies, the Role letting
 * Kyverno read the verifier's TLS certificate, the AWS Signer trust store, one Notation trust policy per tenant
 * namespace pinning the signing profile ARN, and the enforcing ClusterPolicy (failurePolicy Fail) selecting
 * tenant namespaces by label. Create it before the tenants so no tenant pod starts unverified.
 */
export class ImageVerification extends pulumi.ComponentResource {
  /** The Kyverno release (namespace `kyverno`). */
  readonly kyverno: k8s.helm.v3.Release;
  /** The kyverno-notation-aws release (namespace `kyverno-notation-aws`; installs the Notation CRDs). */
  readonly verifier: k8s.helm.v3.Release;
  /** The AWS Signer root trust store. */
  readonly trustStore: k8s.apiextensions.CustomResource;
  /** Trust policy per tenant namespace. */
  readonly trustPolicies: Readonly<Record<string, k8s.apiextensions.CustomResource>>;
  /** The enforcing ClusterPolicy. */
  readonly clusterPolicy: k8s.apiextensions.CustomResource;
  /** Name of the ClusterPolicy. */
  readonly policyName: string = VERIFICATION_POLICY_NAME;

  constructor(name: string, args: ImageVerificationArgs, opts?: pulumi.ComponentResourceOptions) {
    validateImageVerificationArgs(name, args);
    super("hardened-cluster:signing:ImageVerification", name, {}, { ...opts, provider: args.provider });
    const child = { parent: this, provider: args.provider };
    const placement = { ...(args.nodeSelector ? { nodeSelector: { ...args.nodeSelector } } : {}), ...(args.tolerations ? { tolerations: args.tolerations.map((t) => ({ ...t })) } : {}) };

    const kyvernoNs = new k8s.core.v1.Namespace(`${name}-kyverno`, { metadata: { name: KYVERNO.namespace, labels: MANAGED } }, child);
    const kyvernoNetpol = new k8s.networking.v1.NetworkPolicy(`${name}-kyverno`, { metadata: { name: "hardened-cluster-kyverno", namespace: kyvernoNs.metadata.name, labels: MANAGED }, spec: plain(kyvernoPolicySpec()) }, child);
    const verifierNs = new k8s.core.v1.Namespace(`${name}-verifier`, { metadata: { name: VERIFIER.namespace, labels: MANAGED } }, child);
    const verifierNetpol = new k8s.networking.v1.NetworkPolicy(`${name}-verifier`, { metadata: { name: "hardened-cluster-verifier", namespace: verifierNs.metadata.name, labels: MANAGED }, spec: plain(verifierPolicySpec()) }, child);
    if (args.deployerGroup) new VerificationDeployerGrants(`${name}-deployer`, { provider: args.provider, group: args.deployerGroup, namespaces: [kyvernoNs, verifierNs] }, { parent: this });

    this.kyverno = new k8s.helm.v3.Release(
      `${name}-kyverno`,
      {
        name: KYVERNO.releaseName,
        chart: "kyverno",
        version: args.chartVersions.kyverno,
        repositoryOpts: { repo: CHART_REPOS.kyverno },
        namespace: KYVERNO.namespace,
        createNamespace: false,
        atomic: true,
        values: mergeValues({ admissionController: { replicas: 3, ...placement }, backgroundController: placement, cleanupController: placement, reportsController: placement }, args.extraValues?.kyverno),
      },
      { ...child, dependsOn: [kyvernoNs, kyvernoNetpol] },
    );
    this.verifier = new k8s.helm.v3.Release(
      `${name}-verifier`,
      {
        name: VERIFIER.releaseName,
        chart: "kyverno-notation-aws",
        version: args.chartVersions.notationAws,
        repositoryOpts: { repo: CHART_REPOS.notationAws },
        namespace: VERIFIER.namespace,
        createNamespace: false,
        atomic: true,
        values: mergeValues({ crds: { install: true }, serviceAccount: { name: VERIFIER.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": args.verifierRoleArn } }, ...placement }, args.extraValues?.notationAws),
      },
      { ...child, dependsOn: [verifierNs, verifierNetpol] },
    );

    // Kyverno's admission controller reads the verifier's certificate (the ClusterPolicy's caBundle): this one Secret only.
    const tlsReader = new k8s.rbac.v1.Role(
      `${name}-tls-reader`,
      { metadata: { name: "kyverno-read-verifier-tls", namespace: verifierNs.metadata.name, labels: MANAGED }, rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: [VERIFIER_TLS_SECRET], verbs: ["get"] }] },
      child,
    );
    const tlsBinding = new k8s.rbac.v1.RoleBinding(
      `${name}-tls-reader`,
      {
        metadata: { name: "kyverno-read-verifier-tls", namespace: verifierNs.metadata.name, labels: MANAGED },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: tlsReader.metadata.name },
        subjects: [{ kind: "ServiceAccount", name: KYVERNO.admissionServiceAccount, namespace: KYVERNO.namespace }],
      },
      child,
    );

    const crdsReady = { ...child, dependsOn: [this.verifier] };
    this.trustStore = new k8s.apiextensions.CustomResource(
      `${name}-${SIGNER_TRUST_STORE}`,
      { apiVersion: "notation.nirmata.io/v1alpha1", kind: "TrustStore", metadata: { name: SIGNER_TRUST_STORE, labels: MANAGED }, spec: signerTrustStoreSpec() },
      crdsReady,
    );
    const scopes = args.registryScopes && args.registryScopes.length > 0 ? args.registryScopes : ["*"];
    const policies: Record<string, k8s.apiextensions.CustomResource> = {};
    for (const ns of [...new Set(args.tenantNamespaces)]) {
      policies[ns] = new k8s.apiextensions.CustomResource(
        `${name}-${trustPolicyName(ns)}`,
        {
          apiVersion: "notation.nirmata.io/v1alpha1",
          kind: "TrustPolicy",
          metadata: { name: trustPolicyName(ns), labels: MANAGED },
          spec: pulumi.all([...args.profileArns]).apply((arns) => trustPolicySpec(ns, arns, scopes)),
        },
        { ...crdsReady, dependsOn: [this.verifier, this.trustStore] },
      );
    }
    this.trustPolicies = policies;
    this.clusterPolicy = new k8s.apiextensions.CustomResource(
      `${name}-policy`,
      { apiVersion: "kyverno.io/v1", kind: "ClusterPolicy", metadata: { name: VERIFICATION_POLICY_NAME, labels: MANAGED }, spec: verificationPolicySpec() },
      { ...child, dependsOn: [this.kyverno, this.verifier, tlsBinding, this.trustStore, ...Object.values(policies)] },
    );
    this.registerOutputs({ policyName: this.policyName, trustPolicies: Object.keys(policies).map(trustPolicyName) });
  }
}
