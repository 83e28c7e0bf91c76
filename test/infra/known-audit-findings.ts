/**
 * TEMPORARY: mandatory findings of the new aws-api/ordering rules on the current components that are open
 * audit items (../shared/audits/deploy-audit.md) being fixed in the components on other branches. Each line
 * names its audit id; the merge of each fix removes its line. Nothing else may be filtered here.
 */
import type { Violation } from "../../policy-pack/core/evaluate";

/** One known finding: audit id, rule, resource type, and a test on the resource name or message. */
interface KnownFinding {
  readonly audit: string;
  readonly rule: string;
  readonly type: string;
  readonly matches: (v: Violation, name: string) => boolean;
}

export const KNOWN_AUDIT_FINDINGS: readonly KnownFinding[] = [
  // N2: node groups do not depend on the node role's policy attachments (components/node-pool/role.ts).
  { audit: "N2", rule: "ORD-001", type: "aws:eks/nodeGroup:NodeGroup", matches: () => true },
];

/** The resource type and name of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
function typeAndName(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** The known audit item a violation is, if any. */
export function knownAuditItem(v: Violation): string | undefined {
  const { type, name } = typeAndName(v.urn);
  return KNOWN_AUDIT_FINDINGS.find((k) => k.rule === v.rule && k.type === type && k.matches(v, name))?.audit;
}

/** Violations that are not temporary known audit findings. */
export function withoutKnownAuditFindings(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => knownAuditItem(v) === undefined);
}
