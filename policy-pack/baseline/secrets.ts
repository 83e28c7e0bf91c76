/**
 * Per-tenant secrets: the naming scheme both the components (IAM policies, SecretProviderClass objects) and the
 * `secrets` rules use. A tenant's secrets are named `<prefix>/<tenant>/<rest>` in Secrets Manager; the platform
 * grants a tenant's reader role exactly `…:secret:<prefix>/<tenant>/*`.
 */

/** Separator of the name segments of a secret. */
export const SECRET_PATH_SEGMENT = "/";

/** A Secrets Manager secret name: 1-512 of letters, digits and `/_+=.@-` (Secrets Manager CreateSecret `Name`). */
export const SECRET_NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/**
 * The tenant segment of a secret name or ARN: `<prefix>/<tenant>/<rest>` gives `{prefix, tenant}`; a name with
 * fewer than three non-empty segments, or with a wildcard in the prefix or tenant segment, gives undefined.
 */
export function tenantOfSecretName(nameOrArn: string): { prefix: string; tenant: string } | undefined {
  const name = secretNameOf(nameOrArn);
  const parts = name.split(SECRET_PATH_SEGMENT);
  if (parts.length < 3 || parts.slice(0, 2).some((p) => p === "" || /[*?]/.test(p)) || parts.slice(2).join(SECRET_PATH_SEGMENT) === "") return undefined;
  return { prefix: parts[0], tenant: parts[1] };
}

/** The secret name of a Secrets Manager secret ARN (`arn:…:secretsmanager:<region>:<account>:secret:<name>`), or the input itself. */
export function secretNameOf(nameOrArn: string): string {
  const m = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.*)$/.exec(nameOrArn);
  return m ? m[1] : nameOrArn;
}
