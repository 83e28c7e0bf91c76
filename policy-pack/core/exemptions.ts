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

const NOT_EXEMPT: ExemptionVerdict = Object.freeze({ kind: "none" });

/** Per resource: whether it carries an exemption mark. */
const exemptionMarks = new WeakMap<ResourceUnderTest, boolean>();

/** Whether the resource carries any `hardened-cluster.io/exempt.*` tag or annotation (worked out once per resource). */
function carriesExemptionMark(resource: ResourceUnderTest): boolean {
  let carries = exemptionMarks.get(resource);
  if (carries === undefined) {
    carries = Object.keys(resourceMarks(resource)).some((key) => key.startsWith(LABELS.exemptPrefix));
    exemptionMarks.set(resource, carries);
  }
  return carries;
}

/** Tags (AWS) or annotations (Kubernetes) the resource carries; reading never throws. */
function resourceMarks(resource: ResourceUnderTest): Record<string, unknown> {
  const marks = safeGet(() => (resource.type.startsWith("kubernetes:") ? resource.props?.metadata?.annotations : resource.props?.tags));
  return marks && typeof marks === "object" ? (marks as Record<string, unknown>) : {};
}

/** Why a justification is not a real one (too short, a placeholder), or undefined when it is acceptable. */
export function justificationProblem(justification: unknown): string | undefined {
  if (typeof justification !== "string") return "has no justification";
  const text = justification.trim();
  if (text.length < MIN_JUSTIFICATION_LENGTH) return `justification "${text}" is shorter than ${MIN_JUSTIFICATION_LENGTH} characters`;
  if (new Set(text.replace(/\s/g, "").toLowerCase()).size < 4) return `justification "${text}" is a placeholder, not a reason`;
  return undefined;
}

/** Why an expiry is not acceptable (not a date, "never", beyond `maxDays` from today), or undefined. */
export function expiryProblem(expires: unknown, maxDays: number, today: Date = new Date()): string | undefined {
  if (typeof expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
    return `expiry ${JSON.stringify(expires)} is not a date (YYYY-MM-DD); exemptions must expire`;
  }
  const limit = new Date(today.getTime() + maxDays * 86_400_000).toISOString().slice(0, 10);
  if (expires > limit) return `expiry ${expires} is more than ${maxDays} days ahead (maxExemptionDays): set it on or before ${limit}`;
  return undefined;
}

/**
 * Decide whether `resource` is exempt from `ruleId`: a config exemption (matched by URN, type+name or
 * namespace, unexpired) or, when `allowResourceExemptions`, a `hardened-cluster.io/exempt.<RULE-ID>`
 * tag/annotation whose value is the justification. A resource-carried exemption without a real
 * justification is `invalid` and is reported as a violation of the rule it tried to silence.
 */
export function exemptionFor(ruleId: string, resource: ResourceUnderTest, config: PackConfig, today?: Date): ExemptionVerdict {
  // The common case, asked for every rule on every resource: no exemption configured, none carried.
  if (config.exemptions.length === 0 && !carriesExemptionMark(resource)) return NOT_EXEMPT;
  for (const exemption of config.exemptions) {
    if (!matches(exemption, resource)) continue;
    // Only a matching exemption needs the date (this runs for every rule on every resource in the pack).
    const now = today ?? new Date();
    const problem = justificationProblem(exemption.justification) ?? expiryProblem(exemption.expires, config.maxExemptionDays ?? 365, now);
    if (problem) return { kind: "invalid", reason: `exemption not honoured: ${problem}` };
    if (exemption.expires < now.toISOString().slice(0, 10)) {
      return { kind: "invalid", reason: `exemption expired on ${exemption.expires} (${exemption.justification})` };
    }
    return { kind: "exempt", reason: `exempt until ${exemption.expires}: ${exemption.justification}` };
  }
  const marks = resourceMarks(resource);
  const key = exemptionKey(ruleId);
  if (!(key in marks)) return { kind: "none" };
  const justification = safeGet(() => marks[key]);
  const optedIn = resource.type.startsWith("kubernetes:") && (config.resourceExemptionNamespaces ?? []).includes(namespaceOf(resource));
  if (!config.allowResourceExemptions && !optedIn) {
    return { kind: "invalid", reason: `resource exemption ${key} is not honoured: pack config allowResourceExemptions is false (the platform may opt a namespace in with resourceExemptionNamespaces)` };
  }
  if (justificationProblem(justification)) {
    return {
      kind: "invalid",
      reason: `exemption ${key} needs a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters as its value (${justificationProblem(justification)})`,
    };
  }
  return { kind: "exempt", reason: `exempt by ${key}: ${String(justification).trim()}` };
}
