import { LABELS } from "../../../policy-pack/baseline/labels";
import {
  REQUIRED_QUOTA_KEYS,
  TENANT_ROLES,
  TENANT_ROLE_RULES,
  defaultQuotaHard,
  dns1123LabelError,
  isDns1123Label,
  tenantLabels,
} from "../../../policy-pack/baseline/tenancy";
import { RULE_FAMILIES } from "../../../policy-pack/registry";
import { violationsOf } from "../../support/rules";
import { T, binding, inNs, tenantStack, vpcCni } from "./fixtures";

const MY_FAMILIES = ["namespace", "network", "quota", "rbac", "serviceaccount", "service", "image"];
const myRules = MY_FAMILIES.flatMap((f) => RULE_FAMILIES[f]);

describe("baseline/tenancy passes every Kubernetes rule", () => {
  it("covers the families", () => expect(myRules.map((r) => r.id)).toHaveLength(35)); // + IMG-004, IMG-005, IMG-006 (image signing)
  it.each([
    ["standard", "small"],
    ["sensitive", "large"],
  ] as const)("%s tenant (%s)", (tier, size) => {
    const stack = [...tenantStack("team-a", tier, size), ...tenantStack("team-b", "standard", "medium"), vpcCni];
    for (const rule of myRules) {
      expect({ rule: rule.id, violations: violationsOf(rule.id, stack) }).toEqual({ rule: rule.id, violations: [] });
    }
  });
  it("also with every optional quota key required", () => {
    const stack = [...tenantStack("team-a", "standard", "small"), vpcCni];
    const config = { requiredQuotaKeys: ["services.loadbalancers", "services.nodeports", "persistentvolumeclaims", "count/secrets"] };
    expect(violationsOf("QT-002", stack, config)).toEqual([]);
  });
  it("admin role bound to a ServiceAccount violates RBAC-006 (bind tenant roles to groups only)", () => {
    const stack = [
      inNs(T.role, "tenant-admin", "team-a", { rules: TENANT_ROLE_RULES.admin }),
      binding(T.roleBinding, "bad", { kind: "Role", name: "tenant-admin" }, [{ kind: "ServiceAccount", name: "ci", namespace: "team-a" }], "team-a"),
    ];
    expect(violationsOf("RBAC-006", stack).map((v) => v.rule)).toEqual(["RBAC-006"]);
  });
});

describe("baseline/tenancy data", () => {
  it("quota has the compute keys and closes NodePorts/LoadBalancers", () => {
    const hard = defaultQuotaHard("medium", { pods: "99" });
    for (const key of REQUIRED_QUOTA_KEYS) expect(hard[key]).toBeDefined();
    expect(hard.pods).toBe("99");
    expect(hard["services.nodeports"]).toBe("0");
    expect(hard["services.loadbalancers"]).toBe("0");
  });
  it("only admin reads secrets, and only with get", () => {
    for (const r of TENANT_ROLES) {
      const secretRules = TENANT_ROLE_RULES[r].filter((rule) => rule.resources?.includes("secrets"));
      expect(secretRules.flatMap((rule) => rule.verbs)).toEqual(r === "admin" ? ["get"] : []);
    }
  });
  it.each([
    ["team-a", true],
    ["a", true],
    ["Team-A", false],
    ["-team", false],
    ["team_a", false],
    ["x".repeat(64), false],
  ])("DNS-1123 label %s = %s", (value, ok) => {
    expect(isDns1123Label(value)).toBe(ok);
    expect(dns1123LabelError("args.name", value) === undefined).toBe(ok);
  });
  it("tenant labels use the shared keys", () => {
    expect(tenantLabels("team-a", "sensitive")).toEqual({ [LABELS.tenant]: "team-a", [LABELS.tier]: "sensitive" });
  });
});
