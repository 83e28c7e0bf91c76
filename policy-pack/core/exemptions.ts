import { LABELS } from "../baseline/labels";
import type { Exemption, PackConfig } from "./config";
import type { ResourceUnderTest } from "./rule";

/** Minimum length of an exemption justification. */
export const MIN_JUSTIFICATION_LENGTH = 20;

/** Why a resource is exempt from a rule, or why its exemption is not honoured. */
export type ExemptionVerdict =
  | { readonly kind: "none" }
  | { readonly kind: "exempt"; readonly reason: string }
  | { readonly kind: "invalid"; readonly reason: string };

/** The annotation/tag key that exempts a resource from one rule. */
export function exemptionKey(ruleId: string): string {
  return `${LABELS.exemptPrefix}${ruleId}`;
}

/** Namespace of a namespaced Kubernetes object, or the provider default, else `default`. */
export function namespaceOf(resource: ResourceUnderTest): string {
  const ns = safeGet(() => resource.props?.metadata?.namespace);
  return typeof ns === "string" && ns !== "" ? ns : (resource.providerNamespace ?? "default");
}

function safeGet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function matches(exemption: Exemption, resource: ResourceUnderTest): boolean {
  const m = exemption.match as Record<string, string | undefined>;
  if (m.urn !== undefined) return m.urn === resource.urn;
  if (m.type !== undefined) return m.type === resource.type && m.name === resource.name;
  if (m.namespace !== undefined) return resource.type.startsWith("kubernetes:") && namespaceOf(resource) === m.namespace;
  return false;
}

/** Tags (AWS) or annotations (Kubernetes) the resource carries; reading never throws. */
function resourceMarks(resource: ResourceUnderTest): Record<string, unknown> {
  const marks = safeGet(() => (resource.type.startsWith("kubernetes:") ? resource.props?.metadata?.annotations : resource.props?.tags));
  return marks && typeof marks === "object" ? (marks as Record<string, unknown>) : {};
}

/**
 * Decide whether `resource` is exempt from `ruleId`: a config exemption (matched by URN, type+name or
 * namespace, unexpired) or, when `allowResourceExemptions`, a `hardened-cluster.io/exempt.<RULE-ID>`
 * tag/annotation whose value is the justification. A resource-carried exemption without a real
 * justification is `invalid` and is reported as a violation of the rule it tried to silence.
 */
export function exemptionFor(ruleId: string, resource: ResourceUnderTest, config: PackConfig, today?: Date): ExemptionVerdict {
  for (const exemption of config.exemptions) {
    if (!matches(exemption, resource)) continue;
    // Only a matching exemption needs the date (this runs for every rule on every resource in the pack).
    if (exemption.expires < (today ?? new Date()).toISOString().slice(0, 10)) {
      return { kind: "invalid", reason: `exemption expired on ${exemption.expires} (${exemption.justification})` };
    }
    return { kind: "exempt", reason: `exempt until ${exemption.expires}: ${exemption.justification}` };
  }
  const marks = resourceMarks(resource);
  const key = exemptionKey(ruleId);
  if (!(key in marks)) return { kind: "none" };
  const justification = safeGet(() => marks[key]);
  if (!config.allowResourceExemptions) {
    return { kind: "invalid", reason: `resource exemption ${key} is not honoured: pack config allowResourceExemptions is false` };
  }
  if (typeof justification !== "string" || justification.trim().length < MIN_JUSTIFICATION_LENGTH) {
    return {
      kind: "invalid",
      reason: `exemption ${key} needs a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters as its value`,
    };
  }
  return { kind: "exempt", reason: `exempt by ${key}: ${justification.trim()}` };
}
