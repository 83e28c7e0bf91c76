export { TenantSecretsAccess, TENANT_SECRETS_ACCESS_TYPE, type TenantSecretsAccessArgs } from "./access";
export { SecretsStoreDriver, SECRETS_STORE_DRIVER_TYPE, secretsStorePolicySpec, type SecretsStoreDriverArgs } from "./driver";
export { TenantSecretProviders, TENANT_SECRET_PROVIDERS_TYPE, secretObjectsYaml, type TenantSecretProvidersArgs } from "./providers";
export { readerSecretsPolicy, readerTrustPolicy, tenantKeyPolicy, SECRET_READ_ACTIONS, type TenantSecretsScope } from "./policies";
export {
  secretsConfigSchema,
  secretsGrantSchema,
  tenantSecretsOptionSchema,
  secretNameSchema,
  roleNameProblem,
  secretNamesOutsideTenant,
  type SecretsConfig,
  type SecretsGrant,
  type TenantSecretsOption,
  type TenantSecretsOptionInput,
} from "./config";
export { parseTenantSecretsOption, namesOutsidePrefix, secretNamesOutsideTenantError } from "./validate";
export * from "./names";
