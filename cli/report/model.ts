import type { AppliedExemption, Violation } from "../../policy-pack/core/evaluate";
import type { RecordedResource } from "../preview/record";

/** A violation as every report prints it (the JSON shape of design.md). */
export type ReportedViolation = Violation;

/** Outcome of `hardened-cluster preview`: what `--json` writes (plus what the other reporters need). */
export interface PreviewReport {
  readonly stack: string;
  readonly project: string;
  readonly resources: readonly RecordedResource[];
  readonly violations: readonly ReportedViolation[];
  readonly exemptions: readonly AppliedExemption[];
  readonly summary: { resources: number; mandatory: number; advisory: number; seconds: number };
}

/** One scanned object (or one unreadable input, with `error`). */
export interface ScanResult {
  readonly file: string;
  readonly index: number;
  readonly kind?: string;
  readonly namespace?: string | null;
  readonly name?: string;
  readonly violations: readonly Omit<ReportedViolation, "urn">[];
  /** Set when the input could not be read or parsed; the scan of other inputs goes on. */
  readonly error?: string;
  /** 1-based line of the object's document (or of the parse error) in `file`. */
  readonly line?: number;
}

/** Outcome of `hardened-cluster scan`. */
export interface ScanReport {
  readonly results: readonly ScanResult[];
  readonly exemptions: readonly AppliedExemption[];
  readonly summary: { objects: number; mandatory: number; advisory: number; errors: number };
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
