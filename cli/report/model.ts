import type { AppliedExemption, Violation } from "../../policy-pack/core/evaluate";
import type { PreviewReport } from "../../engine/result";

export { countLevels } from "../../engine/result";
export type { PreviewReport };

/** A violation as every report prints it (the JSON shape of design.md). */
export type ReportedViolation = Violation;

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
