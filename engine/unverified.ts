import type { Violation } from "../policy-pack/core/evaluate";
import type { RecordedResource } from "./record";

/** Why the engine could not give a resource (or part of the program) a verdict. */
export type UnverifiedReason = "remote-component" | "unanswered-invoke" | "unknown-value" | "unreadable-manifest";

/** Something the offline preview could not judge; listed in the UNVERIFIED section (exit 3 unless allowed). */
export interface UnverifiedEntry {
  readonly reason: UnverifiedReason;
  /** The resource concerned (empty for an invoke, which has no URN). */
  readonly urn: string;
  /** Resource type or invoke token. */
  readonly subject: string;
  readonly message: string;
}

/** Marker of the pack's unknown-value contract (`policy-pack/core/unknowns.ts` `cannotVerify`). */
export const CANNOT_VERIFY = "cannot verify";

/** Remote components whose providers the engine cannot run offline and that no offline expander handled. */
export function unexpandedRemoteComponents(resources: readonly RecordedResource[], expanded: ReadonlySet<string>): UnverifiedEntry[] {
  return resources
    .filter((r) => r.remote === true && !expanded.has(r.urn))
    .map((r) => ({
      reason: "remote-component" as const,
      urn: r.urn,
      subject: r.type,
      message: `remote component ${r.type} '${r.name}' is constructed by its provider plugin, which the offline preview cannot run: the resources it creates were never judged`,
    }));
}

/** Custom resources whose real content is rendered by the provider at apply time (the pack sees only a wrapper). */
const OPAQUE_TYPES: Readonly<Record<string, string>> = {
  "kubernetes:helm.sh/v3:Release": "the provider renders and installs the chart with helm at apply time; the chart's objects are never sent to the pack",
};

/** Resources whose inputs are only a wrapper around content the provider renders later. */
export function opaqueResources(resources: readonly RecordedResource[]): UnverifiedEntry[] {
  return resources
    .filter((r) => OPAQUE_TYPES[r.type] !== undefined)
    .map((r) => ({ reason: "remote-component" as const, urn: r.urn, subject: r.type, message: `${r.type} '${r.name}': ${OPAQUE_TYPES[r.type]}` }));
}

/** Invokes answered only by echoing their arguments (not faithful), one entry per token. */
export function unansweredInvokes(tokens: ReadonlyMap<string, number>): UnverifiedEntry[] {
  return [...tokens].map(([token, count]) => ({
    reason: "unanswered-invoke" as const,
    urn: "",
    subject: token,
    message: `invoke ${token} (${count} call${count === 1 ? "" : "s"}) has no offline answer; the mocks echoed its arguments, so whatever the program built from the result was judged on made-up data`,
  }));
}

/** Split pack diagnostics into verdicts and "cannot verify" notes (unknown values), which become UNVERIFIED. */
export function splitCannotVerify(violations: readonly Violation[], resources: readonly RecordedResource[]): { violations: Violation[]; unverified: UnverifiedEntry[] } {
  const types = new Map(resources.map((r) => [r.urn, r.type]));
  const kept: Violation[] = [];
  const unverified: UnverifiedEntry[] = [];
  for (const v of violations) {
    if (v.level === "advisory" && v.message.includes(CANNOT_VERIFY)) {
      unverified.push({ reason: "unknown-value", urn: v.urn, subject: types.get(v.urn) ?? v.rule, message: `${v.rule}: ${v.message.replace(new RegExp(`^${v.rule}: `), "")}` });
    } else kept.push(v);
  }
  return { violations: kept, unverified };
}
