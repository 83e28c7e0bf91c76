import type { AppliedExemption, Violation } from "../policy-pack/core/evaluate";
import type { RecordedResource } from "./record";
import type { UnverifiedEntry } from "./unverified";

/** Outcome of one offline preview: what `--json` writes (plus what the other reporters need). */
export interface PreviewReport {
  readonly stack: string;
  readonly project: string;
  /** The program that ran: its folder (holding `Pulumi.yaml`) and absolute entry module. */
  readonly program?: { readonly dir: string; readonly main: string };
  readonly resources: readonly RecordedResource[];
  readonly violations: readonly Violation[];
  readonly exemptions: readonly AppliedExemption[];
  /** Notes about how the run differs from a real preview (e.g. secrets that could not be decrypted). */
  readonly notes: readonly string[];
  /** What the engine could not judge (remote components, unanswered invokes, unknown values). */
  readonly unverified: readonly UnverifiedEntry[];
  readonly summary: { resources: number; mandatory: number; advisory: number; unverified: number; seconds: number };
}

/** Count violations by level. */
export function countLevels(violations: readonly { level: string }[]): { mandatory: number; advisory: number } {
  let mandatory = 0;
  let advisory = 0;
  for (const v of violations) {
    if (v.level === "mandatory") mandatory++;
    else advisory++;
  }
  return { mandatory, advisory };
}
