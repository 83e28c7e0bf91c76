/** Validation of the Tenant option `secrets` shared by the components, the platform config and the in-cluster stack. */
import { formatIssues } from "../tenant/config";
import { tenantSecretsOptionSchema, type TenantSecretsOption } from "./config";
import { tenantOfSecretName } from "./names";

/** Parse the Tenant option `secrets`; throws naming every bad field (`<root>.names[0]: ...`). */
export function parseTenantSecretsOption(input: unknown, root: string): TenantSecretsOption {
  const result = tenantSecretsOptionSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid secrets option:\n${formatIssues(result.error, root)}`);
  return result.data;
}

/** The secret names of `option` that are not under `<prefix>/<tenant>/`, with their index. */
export function namesOutsidePrefix(tenant: string, prefix: string, option: { readonly names: readonly string[] }): { index: number; name: string }[] {
  return option.names.flatMap((name, index) => {
    const owner = tenantOfSecretName(name);
    return owner && owner.prefix === prefix && owner.tenant === tenant ? [] : [{ index, name }];
  });
}

/** One error line per secret name outside `<prefix>/<tenant>/`, or undefined. */
export function secretNamesOutsideTenantError(tenant: string, prefix: string, option: { readonly names: readonly string[] }, root: string): string | undefined {
  const outside = namesOutsidePrefix(tenant, prefix, option);
  if (outside.length === 0) return undefined;
  return outside.map((o) => `${root}.names[${o.index}]: "${o.name}" is outside the tenant's prefix ${prefix}/${tenant}/; the tenant's role can read nothing else`).join("\n");
}
