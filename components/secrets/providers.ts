/**
 * TenantSecretProviders (Kubernetes objects): in each namespace of one tenant, the ServiceAccount its pods run as
 * to read secrets (the Pod Identity associations name it) and a SecretProviderClass listing the tenant's secrets
 * for the AWS provider, read with Pod Identity. The tenant's RBAC is unchanged: it already may use both in pods.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LABELS } from "../../policy-pack/baseline/labels";
import { parseTenantSecretsOption, secretNamesOutsideTenantError } from "./validate";
import { SECRET_PROVIDER_CLASS_NAME, tenantSecretPrefix } from "./names";
import type { TenantSecretsOptionInput } from "./config";
import { secretObjectsYaml } from "./objects";

/** Pulumi type token of the component. */
export const TENANT_SECRET_PROVIDERS_TYPE = "hardened-cluster:secrets:TenantSecretProviders";

/** Arguments of {@link TenantSecretProviders}: plain values (they build names and the objects list). */
export interface TenantSecretProvidersArgs {
  /** Tenant name; every secret must be under `<prefix>/<tenant>/`. */
  readonly tenant: string;
  /** The tenant's namespaces (created by its Tenant): one ServiceAccount and one SecretProviderClass each. */
  readonly namespaces: readonly string[];
  /** First segment of the tenant's secret names (the AWS stack's `tenantSecrets.prefix`). */
  readonly prefix: string;
  /** AWS region of the secrets (set in the SecretProviderClass, so ASCP does not look it up per mount). */
  readonly region: string;
  /** The Tenant option `secrets`: the ServiceAccount and the full secret names. */
  readonly secrets: TenantSecretsOptionInput;
  /** Kubernetes provider of the cluster; otherwise inherited from `opts`. */
  readonly provider?: k8s.Provider;
}

export { secretObjectsYaml };

/**
 * One tenant's secret mounts: per namespace a ServiceAccount (no automounted API token; the Pod Identity and CSI
 * tokens are projected separately) and the SecretProviderClass `tenant-secrets` (provider `aws`,
 * `usePodIdentity: "true"`, the region, and the tenant's secrets). A pod mounts them with a `csi` volume
 * (`driver: secrets-store.csi.k8s.io`, `volumeAttributes.secretProviderClass: tenant-secrets`) and
 * `serviceAccountName` set to the ServiceAccount.
 */
export class TenantSecretProviders extends pulumi.ComponentResource {
  /** ServiceAccounts by namespace. */
  readonly serviceAccounts: Readonly<Record<string, k8s.core.v1.ServiceAccount>>;
  /** SecretProviderClasses by namespace. */
  readonly secretProviderClasses: Readonly<Record<string, k8s.apiextensions.CustomResource>>;

  constructor(name: string, args: TenantSecretProvidersArgs, opts?: pulumi.ComponentResourceOptions) {
    const secrets = parseTenantSecretsOption(args.secrets, `TenantSecretProviders(${name}).args.secrets`);
    const outside = secretNamesOutsideTenantError(args.tenant, args.prefix, secrets, `TenantSecretProviders(${name}).args.secrets`);
    if (outside) throw new Error(outside);
    if (args.namespaces.length === 0) throw new Error(`TenantSecretProviders(${name}).args.namespaces: list the tenant's namespaces`);
    super(TENANT_SECRET_PROVIDERS_TYPE, name, {}, opts);
    // A component's dependsOn does not reach its children: hand it to each object (tenant namespaces, the driver).
    const k8sOpts: pulumi.CustomResourceOptions = { parent: this, dependsOn: opts?.dependsOn, ...(args.provider ? { provider: args.provider } : {}) };
    const labels = { [LABELS.tenant]: args.tenant, "app.kubernetes.io/managed-by": "hardened-cluster" };
    const annotations = { "hardened-cluster.io/secret-prefix": tenantSecretPrefix(args.prefix, args.tenant) };
    const serviceAccounts: Record<string, k8s.core.v1.ServiceAccount> = {};
    const classes: Record<string, k8s.apiextensions.CustomResource> = {};
    for (const namespace of args.namespaces) {
      serviceAccounts[namespace] = new k8s.core.v1.ServiceAccount(
        `${name}-${namespace}-sa`,
        { metadata: { name: secrets.serviceAccount, namespace, labels, annotations }, automountServiceAccountToken: false },
        k8sOpts,
      );
      classes[namespace] = new k8s.apiextensions.CustomResource(
        `${name}-${namespace}-spc`,
        {
          apiVersion: "secrets-store.csi.x-k8s.io/v1",
          kind: "SecretProviderClass",
          metadata: { name: SECRET_PROVIDER_CLASS_NAME, namespace, labels, annotations },
          spec: { provider: "aws", parameters: { region: args.region, usePodIdentity: "true", objects: secretObjectsYaml(secrets.names) } },
        },
        k8sOpts,
      );
    }
    this.serviceAccounts = serviceAccounts;
    this.secretProviderClasses = classes;
    this.registerOutputs({});
  }
}
