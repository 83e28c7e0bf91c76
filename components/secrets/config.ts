/**
 * Config of per-tenant secrets: the Tenant option `secrets` (which Secrets Manager secrets a tenant's pods
 * mount) and the platform's `secrets` block (the CSI driver add-on, the name prefix and, in the split layout,
 * which tenant namespaces get a reader role). Every error names the field and the fix.
 */
import { z } from "zod";
import { dns1123LabelError } from "../../policy-pack/baseline/tenancy";
import { SECRET_NAME_PATTERN, tenantOfSecretName } from "../../policy-pack/baseline/secrets";
import { DEFAULT_SECRETS_SERVICE_ACCOUNT, IAM_ROLE_NAME_MAX, tenantSecretsRoleName } from "./names";

const dns1123 = (what: string) =>
  z.string({ required_error: `set ${what} (a DNS-1123 label such as "team-a")` }).superRefine((value, ctx) => {
    const error = dns1123LabelError(what, value);
    if (error) ctx.addIssue({ code: z.ZodIssueCode.custom, message: error });
  });

/** A secret name as the tenant writes it: the full Secrets Manager name `<prefix>/<tenant>/<rest>`, no wildcard. */
export const secretNameSchema = z
  .string()
  .regex(SECRET_NAME_PATTERN, "must be a Secrets Manager secret name: 1-512 letters, digits and / _ + = . @ - (no wildcards, no spaces)")
  .refine((n) => tenantOfSecretName(n) !== undefined, "must be <prefix>/<tenant>/<name> (three or more non-empty segments), e.g. hc-prod/payments/db-password");

/**
 * Schema of the Tenant option `secrets`: the secrets the tenant's pods mount through the Secrets Store CSI driver,
 * read with the tenant's own Pod Identity role.
 */
export const tenantSecretsOptionSchema = z
  .object({
    /** ServiceAccount (created by the platform in every tenant namespace) whose pods may read the secrets. */
    serviceAccount: dns1123("serviceAccount").default(DEFAULT_SECRETS_SERVICE_ACCOUNT),
    /** Full secret names, each under `<prefix>/<tenant>/`. */
    names: z.array(secretNameSchema).min(1, "list at least one secret name such as <prefix>/<tenant>/db-password, or remove secrets"),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.names.forEach((n, i) => {
      if (s.names.indexOf(n) < i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["names", i], message: `secret "${n}" is listed twice` });
    });
  });

/** The Tenant option `secrets` as written. */
export type TenantSecretsOptionInput = z.input<typeof tenantSecretsOptionSchema>;
/** The Tenant option `secrets` after defaults. */
export type TenantSecretsOption = z.output<typeof tenantSecretsOptionSchema>;

/**
 * The check a tenant's own config can make: every secret name's tenant segment is the tenant's name (the
 * prefix is checked where it is known: the platform config, or the AWS stack's `tenantSecrets` output).
 */
export function secretNamesOutsideTenant(tenant: string, option: TenantSecretsOption): { index: number; name: string }[] {
  return option.names.flatMap((name, index) => (tenantOfSecretName(name)?.tenant === tenant ? [] : [{ index, name }]));
}

const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+(-eksbuild\.\d+)?$/, "must be a pinned add-on version like v3.1.3-eksbuild.1 (aws eks describe-addon-versions --addon-name aws-secrets-store-csi-driver-provider)");

/** One tenant's reader grant in the AWS stack of the split layout (its tenants live in the in-cluster stack). */
export const secretsGrantSchema = z
  .object({
    /** Tenant name (as in the in-cluster stack's `tenants`). */
    name: dns1123("name"),
    /** The tenant's namespaces whose ServiceAccount gets a Pod Identity association. */
    namespaces: z.array(dns1123("namespace")).min(1, "list the tenant's namespaces"),
    serviceAccount: dns1123("serviceAccount").default(DEFAULT_SECRETS_SERVICE_ACCOUNT),
  })
  .strict();

/** Schema of the platform's `secrets` block. */
export const secretsConfigSchema = z
  .object({
    /** Install the Secrets Store CSI driver + AWS provider add-on and create the tenants' reader roles. */
    enabled: z.boolean(),
    /** Pinned version of the `aws-secrets-store-csi-driver-provider` EKS add-on. */
    providerAddonVersion: addonVersion,
    /** First segment of every tenant secret name (`<prefix>/<tenant>/…`); default the cluster name. */
    prefix: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and hyphens (one name segment, no /), e.g. hc-prod")
      .optional(),
    /**
     * Split layout only (deployer enabled): the tenants (of the in-cluster stack) that get a reader role and Pod
     * Identity associations. In the same-stack layout they come from `tenants[].secrets`.
     */
    tenants: z.array(secretsGrantSchema).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.tenants.forEach((t, i) => {
      if (s.tenants.findIndex((o) => o.name === t.name) < i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["tenants", i, "name"], message: `tenant "${t.name}" is listed twice` });
    });
  });

/** The platform's `secrets` block after defaults. */
export type SecretsConfig = z.output<typeof secretsConfigSchema>;
/** One reader grant. */
export type SecretsGrant = z.output<typeof secretsGrantSchema>;

/** Why a tenant's reader role name would be too long for IAM, or undefined. */
export function roleNameProblem(clusterName: string, tenant: string): string | undefined {
  const name = tenantSecretsRoleName(clusterName, tenant);
  return name.length > IAM_ROLE_NAME_MAX ? `the reader role name ${name} is ${name.length} characters; IAM allows ${IAM_ROLE_NAME_MAX}` : undefined;
}
