/**
 * The SecretProviderClass `parameters.objects` text of a tenant's secrets. Kept apart from the component
 * (./providers.ts) so that the policy tests and the pack's fixtures can build it without loading the Pulumi SDK.
 */

/** The SecretProviderClass `parameters.objects` text (YAML; each value JSON-quoted). */
export function secretObjectsYaml(names: readonly string[]): string {
  return names.map((n) => `- objectName: ${JSON.stringify(n)}\n  objectType: "secretsmanager"\n`).join("");
}
