import { RULE_FAMILIES } from "../../../policy-pack/registry";

const AWS_FAMILIES = ["eks", "node", "sg", "kms", "ecr", "logs", "detection"] as const;
const EXPECTED_IDS = [
  ...["EKS-001", "EKS-002", "EKS-003", "EKS-004", "EKS-004S", "EKS-005", "EKS-006", "EKS-007", "EKS-008", "EKS-009", "EKS-009X"],
  ...["NODE-001", "NODE-002", "NODE-003", "NODE-003S", "NODE-004", "NODE-005", "NODE-007", "NODE-008", "NODE-008S", "NODE-009", "NODE-010", "NODE-011"],
  ...["SG-001", "SG-002", "SG-003", "SG-004", "SG-005", "SG-006", "SG-007", "SG-008", "SG-009", "SG-010"],
  ...["KMS-001", "KMS-002", "KMS-003", "ECR-001", "ECR-002", "ECR-003", "ECR-004", "LOG-001", "LOG-002", "LOG-003", "LOG-004", "GD-001"],
];

describe("AWS rule families in the registry", () => {
  const rules = AWS_FAMILIES.flatMap((f) => RULE_FAMILIES[f].map((r) => ({ family: f, rule: r })));

  it("registers every AWS rule in catalog order", () => {
    expect(rules.map((r) => r.rule.id)).toEqual(EXPECTED_IDS);
  });

  it.each(rules.map((r) => [r.rule.id, r] as const))("%s carries complete metadata", (_id, { family, rule }) => {
    expect(rule.groups).toEqual(expect.arrayContaining([family, "aws"]));
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.seed.length).toBeGreaterThan(0);
    expect(rule.remediation.length).toBeGreaterThan(15);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
  });

  it("has unique names", () => {
    const names = rules.map((r) => r.rule.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("makes stack parts and stack-only rules stack rules", () => {
    const stack = rules.filter((r) => r.rule.kind === "stack").map((r) => r.rule.id);
    expect(stack.sort()).toEqual(["ECR-004", "EKS-004S", "EKS-009", "EKS-009X", "GD-001", "LOG-003", "LOG-004", "NODE-003S", "NODE-008S", "NODE-009", "NODE-010", "NODE-011", "SG-008", "SG-009"]);
  });
});
