import { PSA_LABELS } from "../../../policy-pack/baseline/labels";
import { defaultDenyPolicySpec } from "../../../policy-pack/baseline/tenancy";
import type { StackResource } from "../../../policy-pack/core/rule";
import { violationsOf } from "../../support/rules";
import { T, binding, deployment, inNs, role, tenantNs } from "./fixtures";

/** Internal API of @pulumi/policy 1.21.0 (pinned): the preview proxy and its unknown sentinels. */
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(o: T): T;
  unknownStringValue: string;
  unknownArrayValue: string;
};
const S = proxy.unknownStringValue;
const A = proxy.unknownArrayValue;
const previewed = (r: StackResource): StackResource => ({ ...r, props: proxy.unknownCheckingProxy(r.props) });

const cases: { title: string; rule: string; target: StackResource | StackResource[]; field: string }[] = [
  { title: "NS-001 unknown enforce label", rule: "NS-001", target: previewed(tenantNs("team-a", "standard", { [PSA_LABELS.enforce]: S })), field: PSA_LABELS.enforce },
  { title: "NS-004 unknown namespace (never a silent default)", rule: "NS-004", target: previewed(inNs(T.service, "s", S)), field: "metadata.namespace" },
  { title: "SVC-002 unknown externalIPs", rule: "SVC-002", target: previewed(inNs(T.service, "s", "team-a", { spec: { externalIPs: A } })), field: "spec.externalIPs" },
  { title: "IMG-001 unknown image", rule: "IMG-001", target: previewed(deployment("w", "team-a", { containers: [{ name: "c", image: S }] })), field: "image" },
  { title: "RBAC-001 unknown rules", rule: "RBAC-001", target: previewed(role(T.clusterRole, "r", A as any)), field: "rules" },
  {
    title: "NP-001 unknown policy namespace",
    rule: "NP-001",
    target: [tenantNs("team-a"), previewed(inNs(T.networkPolicy, "deny", S, { spec: defaultDenyPolicySpec() }))],
    field: "metadata.namespace",
  },
  {
    title: "RBAC-006 unknown subjects",
    rule: "RBAC-006",
    target: [role(T.role, "x", [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }], {}, "team-a"), previewed(binding(T.roleBinding, "b", { kind: "Role", name: "x" }, A as any, "team-a"))],
    field: "subjects",
  },
];

describe("preview unknowns: advisory 'cannot verify', never a silent pass or a false mandatory", () => {
  it.each(cases)("$title", ({ rule, target, field }) => {
    const v = violationsOf(rule, target);
    expect(v.length).toBeGreaterThan(0);
    for (const x of v) {
      expect(x.level).toBe("advisory");
      expect(x.message).toContain("cannot verify");
      expect(x.message).toContain(field);
    }
  });
});
