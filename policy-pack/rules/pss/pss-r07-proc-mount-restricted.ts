import { definePssRule } from "../../core/pss-check";
import { checkProcMountBaseline, checkProcMountUnmasked } from "./pss-b10-proc-mount";

/**
 * PSS-R07 (PSA ≥1.35): procMount must be absent or Default even for user-namespace pods. Replaces PSS-B10
 * under the restricted profile. Below 1.35 B10 is itself unconditional, so the fallback (B10's logic) gives
 * the same verdict; in baseline-only namespaces the fallback applies B10's 1.35 user-namespace relaxation.
 */
export const pssR07ProcMountRestricted = definePssRule({
  id: "PSS-R07",
  name: "pss-proc-mount-restricted",
  description: "containers[*].securityContext.procMount must be absent or Default, even for pods with hostUsers: false.",
  severity: "high",
  remediation: 'Set securityContext.procMount to "Default" (or remove it) on every container.',
  check: checkProcMountUnmasked,
  fallback: checkProcMountBaseline,
});
