import type { AppliedExemption, Violation } from "../policy-pack/core/evaluate";
import type { RecordedResource } from "./record";

/** Outcome of one offline preview: what `--json` writes (plus what the other reporters need). */
export interface PreviewReport {
  readonly stack: string;
  readonly project: string;
  readonly resources: readonly RecordedResource[];
  readonly violations: readonly Violation[];
  readonly exemptions: readonly AppliedExemption[];
  readonly summary: { resources: number; mandatory: number; advisory: number; seconds: number };
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
