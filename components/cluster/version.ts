/** Compare `major.minor` Kubernetes versions numerically: true when `version >= minimum`. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = minimum.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

/** One Kubernetes minor on EKS: when it came out and when its 14 months of standard support end. */
export interface EksVersionSupport {
  readonly version: string;
  readonly released: string;
  readonly endOfStandardSupport: string;
}

/**
 * The EKS release calendar for the minors this blueprint has used (EKS User Guide, "Understand the Kubernetes
 * version lifecycle on EKS"; dates as published by AWS, cross-checked with endoflife.date/amazon-eks).
 * Extend it when EKS releases a minor, then move {@link CALENDAR_AS_OF}.
 */
export const EKS_VERSION_CALENDAR: readonly EksVersionSupport[] = [
  { version: "1.33", released: "2025-05-28", endOfStandardSupport: "2026-07-29" },
  { version: "1.34", released: "2025-10-06", endOfStandardSupport: "2026-12-02" },
  { version: "1.35", released: "2026-01-28", endOfStandardSupport: "2027-03-27" },
];

/** The date the platform defaults below were decided on (fixed, so generated pack configs are stable). */
export const CALENDAR_AS_OF = "2026-12-06";

/** Minors in EKS standard support on `date` (ISO `YYYY-MM-DD`), oldest first. */
export function standardSupportVersions(date: string = CALENDAR_AS_OF): string[] {
  return EKS_VERSION_CALENDAR.filter((v) => v.released <= date && date <= v.endOfStandardSupport).map((v) => v.version);
}

/**
 * Default Kubernetes version of a new cluster (N7, S1 §5.8 "run the latest"): the newest minor in EKS standard
 * support on {@link CALENDAR_AS_OF} (1.34 left standard support on 2026-12-02).
 */
export const DEFAULT_KUBERNETES_VERSION: string = standardSupportVersions().at(-1)!;

/** The oldest minor the platform accepts (and exports to EKS-007 as `minKubernetesVersion`): the oldest in standard support. */
export const PLATFORM_MIN_KUBERNETES_VERSION: string = standardSupportVersions()[0]!;
