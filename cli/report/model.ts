import type { AppliedExemption, Violation } from "../../policy-pack/core/evaluate";
import type { PreviewReport } from "../../engine/result";

export { countLevels } from "../../engine/result";
export type { PreviewReport };

/** A violation as every report prints it (the JSON shape of design.md). */
export type ReportedViolation = Violation;

/** A scan finding: the violation plus the line and column of the field that breaks the rule. */
export interface ScanViolation extends Omit<ReportedViolation, "urn"> {
  readonly line?: number;
  readonly column?: number;
}

/** An exemption that let a scanned object off a rule (or a rule family), with where it comes from. */
export interface ScanExemption {
  /** Rule id, or a family such as `PSS-*`. */
  readonly rule: string;
  readonly reason: string;
  /** `pack config`, `pack config (default)` or `annotation`. */
  readonly source: string;
}

/** How a scanned path or object ended: judged by rules, exempt (with why), skipped (with why), or an error. */
export type ScanStatus = "judged" | "exempt" | "skipped" | "error";

/** One scanned object (or one unreadable input, with `error`, or one skipped path, with `reason`). */
export interface ScanResult {
  readonly file: string;
  readonly index: number;
  readonly status?: ScanStatus;
  /** Why a path or object was skipped. */
  readonly reason?: string;
  readonly exemptions?: readonly ScanExemption[];
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string | null;
  readonly name?: string;
  readonly violations: readonly ScanViolation[];
  /** 1-based column of the object (or of the parse error). */
  readonly column?: number;
  /** Set when the input could not be read or parsed; the scan of other inputs goes on. */
  readonly error?: string;
  /** 1-based line of the object's document (or of the parse error) in `file`. */
  readonly line?: number;
}

/** Outcome of `hardened-cluster scan`. */
export interface ScanReport {
  readonly results: readonly ScanResult[];
  readonly exemptions: readonly AppliedExemption[];
  readonly summary: { objects: number; judged: number; exempt: number; skipped: number; mandatory: number; advisory: number; errors: number };
}
