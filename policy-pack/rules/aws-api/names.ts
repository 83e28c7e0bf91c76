/**
 * Shared check of the `aws-api` name rules: judge each resource's name (explicit, prefix, or Pulumi
 * auto-name) against the `NAME_SPECS` table, reporting unknown values as "cannot verify".
 */
import { nameProblems, type EffectiveName, type NameSpec, NAME_PREFIX_SUFFIX, PULUMI_AUTONAME_SUFFIX } from "../../core/aws-text";
import { fieldReader, UNKNOWN } from "../../core/fields";
import type { Report, ResourceUnderTest } from "../../core/rule";

/**
 * The name `resource` will get under `spec`: the explicit field, else the prefix plus the 26 characters the
 * provider appends, else (auto-named types) the logical name plus the 8 characters Pulumi appends
 * (`-` and 7 hex digits). `undefined` when a read was unknown (already reported).
 */
export function effectiveName(spec: NameSpec, resource: ResourceUnderTest, report: Report): EffectiveName | undefined {
  const get = fieldReader(resource.props, report);
  const explicit = get(spec.field);
  if (explicit === UNKNOWN) return undefined;
  if (typeof explicit === "string") return { kind: "explicit", name: explicit };
  if (spec.prefixField) {
    const prefix = get(spec.prefixField);
    if (prefix === UNKNOWN) return undefined;
    if (typeof prefix === "string") return { kind: "prefix", prefix, suffix: NAME_PREFIX_SUFFIX };
  }
  if (spec.autoName === "pulumi") return { kind: "autoname", prefix: resource.name, suffix: PULUMI_AUTONAME_SUFFIX };
  return { kind: "none" };
}

/** Report every problem of `resource`'s name under the spec for its type. */
export function checkName(specs: readonly NameSpec[], resource: ResourceUnderTest, report: Report): void {
  for (const spec of specs) {
    if (spec.type !== resource.type) continue;
    const name = effectiveName(spec, resource, report);
    if (!name) continue;
    const shown = name.kind === "explicit" ? `${spec.field} "${name.name}"` : name.kind === "none" ? "" : name.kind === "prefix" ? `${spec.prefixField} "${name.prefix}"` : `the auto-name of "${name.prefix}" (${spec.field} absent: Pulumi appends ${name.suffix} characters)`;
    for (const problem of nameProblems(spec, name)) {
      report({
        message: `${shown} ${problem}: the ${spec.type.split(":").pop()} API rejects it (${spec.doc})`,
        remediation: `Set ${spec.field} to ${spec.min}-${spec.max} characters of ${spec.allowed}${name.kind === "autoname" ? ` (or shorten the resource name so name + ${name.suffix} characters fits)` : ""}.`,
      });
    }
  }
}

/** Resource types of a list of specs. */
export function typesOf(specs: readonly NameSpec[]): string[] {
  return [...new Set(specs.map((s) => s.type))];
}

/** Specs of some types. */
export function specsFor(all: readonly NameSpec[], types: readonly string[]): NameSpec[] {
  return all.filter((s) => types.includes(s.type));
}
