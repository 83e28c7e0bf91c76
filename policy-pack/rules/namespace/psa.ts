/** Pod Security Admission label helpers shared by NS-001 and NS-002. */
import { PSS_LEVEL } from "../../baseline/tenancy";

/** PSA `ParseVersion`: `latest` or `v1.<minor>`. */
const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

/**
 * Why the `-version` label value is not acceptable, or `undefined` when it is: it must be `v1.N`, or `latest` when
 * config `allowLatestPssVersion` is true.
 */
export function versionProblem(value: unknown, allowLatest: boolean): string | undefined {
  if (value === undefined || value === null) return "is absent";
  if (value === "latest") return allowLatest ? undefined : `is "latest" (pin it to the cluster minor; allowLatestPssVersion is false)`;
  if (typeof value === "string" && VERSION.test(value)) return undefined;
  return `is ${JSON.stringify(value)}, not "v1.N"`;
}

/** True when `value` is the restricted level. */
export function isRestricted(value: unknown): boolean {
  return value === PSS_LEVEL;
}

/** Labels of a Namespace's props as a plain record (missing → empty). */
export function labelsOf(props: Record<string, any> | undefined): Record<string, unknown> {
  const labels = props?.metadata?.labels;
  return typeof labels === "object" && labels !== null ? labels : {};
}
