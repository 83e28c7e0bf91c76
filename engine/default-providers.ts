/** A provider resource as the engine describes it to analyzers (`AnalyzerProviderResource`). */
export interface AnalyzerProvider {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Record<string, unknown>;
}

/**
 * The engine's default provider for a custom resource registered without an explicit provider:
 * `pulumi:providers:<pkg>` named `default` or `default_<version with . - + as _>`, whose inputs are
 * the stack's `<pkg>:<key>` config values plus `version`. Built-in `pulumi:` types (StackReference)
 * have none.
 */
export function defaultProviderFor(type: string, version: string, project: string, stack: string, config: Readonly<Record<string, string>>): AnalyzerProvider | null {
  const pkg = type.split(":")[0];
  if (!pkg || pkg === "pulumi") return null;
  const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
  const providerType = `pulumi:providers:${pkg}`;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${pkg}:`)) properties[key.slice(pkg.length + 1)] = value;
  }
  if (version) properties.version = version;
  return { urn: `urn:pulumi:${stack}::${project}::${providerType}::${name}`, type: providerType, name, properties };
}
