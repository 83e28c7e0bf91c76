import { LABEL_PREFIX, LABELS, type SecurityGroupRole } from "../../policy-pack/baseline/labels";

/** Tag key naming the role of a rule's source (`node`, `cluster`, `pods`, `lb`, `trusted-cidrs`, `vpc-cidr`). */
export const SOURCE_ROLE_TAG: string = LABELS.sourceRole;

/** Tag key naming the port-table row a rule was generated from. */
export const PORT_ROW_TAG = `${LABEL_PREFIX}port-row`;

/** What a rule's traffic comes from (or, for egress, goes to). */
export type RuleSourceRole = SecurityGroupRole | "trusted-cidrs" | "trusted-sgs" | "vpc-cidr" | "aws-apis" | "config";

/** Tags of a security group with a role. */
export function sgTags(name: string, role: SecurityGroupRole, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, Name: name, [LABELS.sgRole]: role };
}

/** Tags of an ingress rule: the TARGET SG's role plus the source's role and the port-table row. */
export function ruleTags(target: SecurityGroupRole, source: RuleSourceRole, row: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [LABELS.sgRole]: target, [SOURCE_ROLE_TAG]: source, [PORT_ROW_TAG]: row };
}
