/**
 * Wiring of per-tenant secrets on demand (components/secrets):
 * - AWS layer (`composeSecretsAccess`, from platform.ts): per granted tenant a KMS key, a reader role and the Pod
 *   Identity associations; the grants come from `tenants[].secrets` (same-stack layout) or `secrets.tenants`
 *   (split layout, where the tenants live in the in-cluster stack). Exported as the `tenantSecrets` output.
 * - In-cluster layer (`composeSecretsInCluster`, from in-cluster.ts): the CSI driver + AWS provider add-on and,
 *   per tenant with `secrets`, its ServiceAccounts and SecretProviderClass objects.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SecretsStoreDriver, TenantSecretProviders, TenantSecretsAccess, type SecretsGrant } from "../components/secrets";
import { namesOutsidePrefix } from "../components/secrets/validate";
import type { TenantConfig } from "../components/tenant/config";
import type { PlatformConfig } from "./schema";
import { secretsPrefixOf } from "./schema-secrets";

/** One granted tenant as the AWS stack exports it. */
export interface TenantSecretsGrantOutput {
  readonly namespaces: readonly string[];
  readonly serviceAccount: string;
  readonly roleArn: string;
  /** The tenant's secrets key (create the tenant's secrets with it). */
  readonly keyArn?: pulumi.Input<string>;
}

/** The `tenantSecrets` stack output: what the in-cluster layer needs to create the driver and the mounts. */
export interface TenantSecretsOutput {
  readonly prefix: string;
  readonly region: string;
  readonly addonVersion: string;
  readonly tenants: Readonly<Record<string, TenantSecretsGrantOutput>>;
}

/** The reader grants of a platform config: from `tenants[].secrets` (same stack) or `secrets.tenants` (split). */
export function secretsGrantsOf(config: PlatformConfig): SecretsGrant[] {
  if (config.secrets?.enabled !== true) return [];
  if (config.deployer?.enabled === true) return config.secrets.tenants;
  return config.tenants.flatMap((t) => (t.secrets ? [{ name: t.name, namespaces: t.namespaces, serviceAccount: t.secrets.serviceAccount }] : []));
}

/** What {@link composeSecretsAccess} needs from the AWS layer. */
export interface SecretsAccessInputs {
  readonly config: PlatformConfig;
  readonly region: string;
  /** The cluster's name output (the associations wait for the cluster). */
  readonly clusterName: pulumi.Input<string>;
  readonly tags: Record<string, string>;
  /** Resources the associations wait for (the Pod Identity agent add-on). */
  readonly dependsOn: pulumi.Resource[];
}

/** Create the reader roles, keys and associations; returns the `tenantSecrets` output, or undefined when off. */
export function composeSecretsAccess(inputs: SecretsAccessInputs): TenantSecretsOutput | undefined {
  const { config, region, tags } = inputs;
  if (config.secrets?.enabled !== true) return undefined;
  const prefix = secretsPrefixOf(config);
  const tenants: Record<string, TenantSecretsGrantOutput> = {};
  for (const grant of secretsGrantsOf(config)) {
    const access = new TenantSecretsAccess(
      `${config.clusterName}-${grant.name}-secrets`,
      {
        accountId: config.accountId,
        region,
        clusterName: config.clusterName,
        clusterNameInput: inputs.clusterName,
        prefix,
        tenant: grant.name,
        namespaces: grant.namespaces,
        serviceAccount: grant.serviceAccount,
        deletionWindowInDays: config.kms.deletionWindowInDays,
        protect: config.protect,
        tags,
      },
      { dependsOn: inputs.dependsOn },
    );
    tenants[grant.name] = { namespaces: grant.namespaces, serviceAccount: grant.serviceAccount, roleArn: access.roleArn, keyArn: access.keyArn };
  }
  return { prefix, region, addonVersion: config.secrets.providerAddonVersion, tenants };
}

/** One problem with a tenant's `secrets` against the AWS stack's grants (split layout). */
export interface SecretsMismatch {
  readonly path: (string | number)[];
  readonly message: string;
  readonly fix: string;
}

/**
 * In-cluster stack check (before any resource): every tenant with `secrets` is granted by the AWS stack for all its
 * namespaces and the same ServiceAccount, and names only secrets under `<prefix>/<tenant>/`.
 */
export function unmatchedTenantSecrets(tenants: readonly TenantConfig[], output: TenantSecretsOutput | undefined, platformStack: string, awsStackFile: string): SecretsMismatch[] {
  const issues: SecretsMismatch[] = [];
  tenants.forEach((t, i) => {
    if (!t.secrets) return;
    const grant = output?.tenants[t.name];
    if (!output || !grant) {
      issues.push({
        path: ["tenants", i, "secrets"],
        message: `the AWS stack ${platformStack} grants tenant ${t.name} no secrets reader role${output ? "" : " (its hardened-cluster:secrets is off)"}`,
        fix: `add { name: ${t.name}, namespaces: [${t.namespaces.join(", ")}], serviceAccount: ${t.secrets.serviceAccount} } to hardened-cluster:secrets.tenants in ${awsStackFile} and run that stack first`,
      });
      return;
    }
    const missing = t.namespaces.filter((ns) => !grant.namespaces.includes(ns));
    if (missing.length > 0) {
      issues.push({ path: ["tenants", i, "namespaces"], message: `namespace(s) ${missing.join(", ")} have no Pod Identity association in ${platformStack}`, fix: `add them to the tenant's hardened-cluster:secrets.tenants entry in ${awsStackFile}` });
    }
    if (grant.serviceAccount !== t.secrets.serviceAccount) {
      issues.push({
        path: ["tenants", i, "secrets", "serviceAccount"],
        message: `is ${t.secrets.serviceAccount}, but ${platformStack} associates the reader role with ServiceAccount ${grant.serviceAccount}`,
        fix: `set serviceAccount: ${grant.serviceAccount} (or change the grant in ${awsStackFile})`,
      });
    }
    for (const o of namesOutsidePrefix(t.name, output.prefix, t.secrets)) {
      issues.push({
        path: ["tenants", i, "secrets", "names", o.index],
        message: `"${o.name}" is outside the tenant's prefix ${output.prefix}/${t.name}/, the only secrets its role may read`,
        fix: `rename it ${output.prefix}/${t.name}/<name>`,
      });
    }
  });
  return issues;
}

/** What {@link composeSecretsInCluster} needs from the in-cluster context. */
export interface SecretsInClusterInputs {
  readonly environment: string;
  readonly clusterName: pulumi.Input<string>;
  readonly provider: k8s.Provider;
  readonly tenants: readonly TenantConfig[];
  readonly tenantSecrets?: TenantSecretsOutput;
  /** Resources the driver waits for (pools, CoreDNS, pod networking and system policies). */
  readonly dependsOn: pulumi.Resource[];
  /** Resources the mounts wait for besides the driver (the Tenant components that create the namespaces). */
  readonly tenantResources: pulumi.Resource[];
}

/** The CSI driver add-on and every tenant's secret mounts; returns the `tenantSecretMounts` output (tenant → namespaces). */
export function composeSecretsInCluster(inputs: SecretsInClusterInputs): Record<string, unknown> {
  const out = inputs.tenantSecrets;
  if (!out) return {};
  const driver = new SecretsStoreDriver(`${inputs.environment}-secrets-store`, { clusterName: inputs.clusterName, addonVersion: out.addonVersion, provider: inputs.provider }, { dependsOn: inputs.dependsOn });
  const mounted = inputs.tenants.filter((t) => t.secrets !== undefined);
  for (const t of mounted) {
    new TenantSecretProviders(
      `${t.name}-secrets`,
      { tenant: t.name, namespaces: t.namespaces, prefix: out.prefix, region: out.region, secrets: t.secrets!, provider: inputs.provider },
      { dependsOn: [...inputs.dependsOn, ...inputs.tenantResources, driver] },
    );
  }
  return { tenantSecretMounts: Object.fromEntries(mounted.map((t) => [t.name, t.namespaces])) };
}
