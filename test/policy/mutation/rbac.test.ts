/**
 * Boundary and branch cases found by mutation testing (Stryker) for RBAC-001..009: each row pins a verdict
 * users rely on (which wildcard shapes are flagged, which subjects are forbidden, scope of platform-role
 * exemptions, how bindings resolve to roles) that the catalog tables did not yet exercise.
 */
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";
import { T, binding, expectViolations, role } from "../k8s/fixtures";

/** Internal API of @pulumi/policy 1.21.0 (pinned): the preview proxy and its unknown sentinels. */
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T extends object>(o: T): T; unknownStringValue: string; unknownArrayValue: string };
const previewed = (r: StackResource): StackResource => ({ ...r, props: proxy.unknownCheckingProxy(r.props) });

const cr = (rules: any[], name = "r") => role(T.clusterRole, name, rules);
const sa = (name: string, namespace?: string) => ({ kind: "ServiceAccount", name, ...(namespace ? { namespace } : {}) });
const platform = (name: string): Partial<PackConfig> => ({ platformRoles: [{ name, justification: "break-glass role reviewed by the platform team" }] });
const admin = { kind: "ClusterRole", name: "cluster-admin" };

interface Row {
  readonly title: string;
  readonly rule: string;
  readonly target: StackResource | StackResource[];
  readonly config?: Partial<PackConfig>;
  /** `null` = no finding; otherwise every finding is mandatory and names each string, and there are `count`. */
  readonly expect: null | { readonly names: readonly string[]; readonly count: number };
}

const flags = (count: number, ...names: string[]) => ({ names, count });

function run(rows: readonly Row[]): void {
  it.each(rows.map((r) => [r.title, r] as const))("%s", (_t, row) => {
    const vs = violationsOf(row.rule, row.target, row.config);
    if (row.expect === null) {
      expect(vs).toEqual([]);
      return;
    }
    expect(vs).toHaveLength(row.expect.count);
    for (const n of row.expect.names) expectViolations(vs, row.rule, "mandatory", n);
  });
}

describe("RBAC-001..004, 009 role rules: shapes and indices", () => {
  run([
    { title: "RBAC-001 ✘ only the wildcard rule is reported, with its index", rule: "RBAC-001", target: cr([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: [""], resources: ["pods"], verbs: ["get", "*"] }]), expect: flags(1, "rules[1].verbs") },
    { title: "RBAC-001 ✔ a platform role named in config is exempt, another role is not", rule: "RBAC-001", target: cr([{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }], "other"), config: platform("r"), expect: flags(1, "rules[0].verbs") },
    { title: "RBAC-002 ✘ */scale (prefix wildcard)", rule: "RBAC-002", target: cr([{ apiGroups: ["apps"], resources: ["*/scale"], verbs: ["get"] }]), expect: flags(1, `rules[0].resources contains "*/scale"`) },
    { title: "RBAC-002 ✘ every wildcard resource is listed in one finding", rule: "RBAC-002", target: cr([{ apiGroups: [""], resources: ["pods/*", "pods", "*"], verbs: ["get"] }]), expect: flags(1, `"pods/*", "*"`) },
    { title: "RBAC-002 ✔ a name merely containing * inside is not a resource wildcard", rule: "RBAC-002", target: cr([{ apiGroups: [""], resources: ["pods/log"], verbs: ["get"] }]), expect: null },
    { title: "RBAC-002 ✘ nonResourceURLs with a trailing /* wildcard", rule: "RBAC-002", target: cr([{ nonResourceURLs: ["/healthz", "/api/*"], verbs: ["get"] }]), expect: flags(1, "rules[0].nonResourceURLs") },
    { title: "RBAC-002 ✔ exact nonResourceURLs", rule: "RBAC-002", target: cr([{ nonResourceURLs: ["/healthz", "/version"], verbs: ["get"] }]), expect: null },
    { title: "RBAC-002 ✘ resources, apiGroups and URLs wildcards: three findings", rule: "RBAC-002", target: cr([{ apiGroups: ["*"], resources: ["*"], nonResourceURLs: ["*"], verbs: ["get"] }]), expect: flags(3, "rules[0]") },
    { title: "RBAC-003 ✘ names every interactive subresource covered by pods/*", rule: "RBAC-003", target: cr([{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }]), expect: flags(1, "pods/exec, pods/attach, pods/portforward, pods/ephemeralcontainers") },
    { title: "RBAC-003 ✘ only the offending rule index", rule: "RBAC-003", target: cr([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: [""], resources: ["pods/attach"], verbs: ["create"] }]), expect: flags(1, "rules[1]", "pods/attach") },
    { title: "RBAC-003 ✔ pods/exec in a non-core API group", rule: "RBAC-003", target: cr([{ apiGroups: ["apps"], resources: ["pods/exec"], verbs: ["get"] }]), expect: null },
    { title: "RBAC-004 ✘ lists all forbidden verbs of a rule, not the allowed ones", rule: "RBAC-004", target: cr([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get", "bind", "escalate"] }]), expect: flags(1, `rules[0].verbs contains "bind", "escalate"`) },
    { title: "RBAC-009 ✘ nodes/proxy: any verb, core group not prefixed", rule: "RBAC-009", target: cr([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["list"] }]), expect: flags(1, "rules[0] grants any verb on nodes/proxy") },
    { title: "RBAC-009 ✘ CSR approval names its API group and verbs", rule: "RBAC-009", target: cr([{ apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["patch"] }]), expect: flags(1, "update/patch on certificates.k8s.io certificatesigningrequests/approval") },
    { title: "RBAC-009 ✔ serviceaccounts/token get (only create mints tokens)", rule: "RBAC-009", target: cr([{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["get"] }]), expect: null },
    { title: "RBAC-009 ✔ persistentvolumes in another API group", rule: "RBAC-009", target: cr([{ apiGroups: ["storage.k8s.io"], resources: ["persistentvolumes"], verbs: ["create"] }]), expect: null },
    { title: "RBAC-009 ✔ exempt platform role", rule: "RBAC-009", target: cr([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]), config: platform("r"), expect: null },
    { title: "RBAC-009 ✘ two escalation grants in one rule: two findings", rule: "RBAC-009", target: cr([{ apiGroups: [""], resources: ["namespaces", "persistentvolumes"], verbs: ["create", "patch"] }]), expect: flags(2, "rules[0]") },
  ]);
  it.each(["RBAC-001", "RBAC-002", "RBAC-003", "RBAC-004", "RBAC-009"])("%s an unknown rules list is deferred (advisory naming rules), never a pass or a mandatory", (rule) => {
    const vs = violationsOf(rule, previewed(role(T.role, "r", proxy.unknownArrayValue as any, {}, "team-a")));
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("rules");
  });
});

describe("RBAC-007/008 bindings: which subjects are forbidden", () => {
  run([
    { title: "RBAC-007 ✘ Group system:unauthenticated", rule: "RBAC-007", target: binding(T.clusterRoleBinding, "b", admin, [{ kind: "Group", name: "system:unauthenticated" }]), expect: flags(1, "subjects[0]", `Group "system:unauthenticated"`) },
    { title: "RBAC-007 ✘ Group system:serviceaccounts", rule: "RBAC-007", target: binding(T.clusterRoleBinding, "b", admin, [{ kind: "Group", name: "system:serviceaccounts" }]), expect: flags(1, `Group "system:serviceaccounts"`) },
    { title: "RBAC-007 ✘ ServiceAccount message names namespace:name", rule: "RBAC-007", target: binding(T.clusterRoleBinding, "b", admin, [sa("ci", "team-a")]), expect: flags(1, `ServiceAccount "team-a:ci"`) },
    { title: "RBAC-007 ✘ ServiceAccount without namespace", rule: "RBAC-007", target: binding(T.clusterRoleBinding, "b", admin, [sa("ci")]), expect: flags(1, `ServiceAccount "ci"`) },
    { title: "RBAC-007 ✘ only forbidden subjects, by index", rule: "RBAC-007", target: binding(T.clusterRoleBinding, "b", admin, [{ kind: "Group", name: "platform-admins" }, { kind: "User", name: "system:anonymous" }]), expect: flags(1, "subjects[1]") },
    { title: "RBAC-007 ✔ a User named like a system group is a named user", rule: "RBAC-007", target: binding(T.clusterRoleBinding, "b", admin, [{ kind: "User", name: "system:authenticated" }]), expect: null },
    { title: "RBAC-007 ✔ a Role (not ClusterRole) named cluster-admin", rule: "RBAC-007", target: binding(T.roleBinding, "b", { kind: "Role", name: "cluster-admin" }, [sa("ci", "team-a")], "team-a"), expect: null },
    { title: "RBAC-007 ✘ RoleBinding to ClusterRole cluster-admin counts too", rule: "RBAC-007", target: binding(T.roleBinding, "b", admin, [sa("ci", "team-a")], "team-a"), expect: flags(1, "subjects[0]") },
    { title: "RBAC-007 ✔ a binding without roleRef has nothing to judge", rule: "RBAC-007", target: resource(T.clusterRoleBinding, "b", { metadata: { name: "b" }, subjects: [sa("ci", "team-a")] }), expect: null },
    { title: "RBAC-008 ✔ Group named system:anonymous (only the User is anonymous)", rule: "RBAC-008", target: binding(T.roleBinding, "b", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", name: "system:anonymous" }], "team-a"), expect: null },
    { title: "RBAC-008 ✔ User named system:unauthenticated (only the Group is)", rule: "RBAC-008", target: binding(T.roleBinding, "b", { kind: "ClusterRole", name: "view" }, [{ kind: "User", name: "system:unauthenticated" }], "team-a"), expect: null },
    { title: "RBAC-008 ✘ index of the anonymous subject", rule: "RBAC-008", target: binding(T.clusterRoleBinding, "b", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", name: "devs" }, { kind: "User", name: "system:anonymous" }]), expect: flags(1, `subjects[1] is User "system:anonymous"`) },
  ]);
  it.each(["RBAC-007", "RBAC-008"])("%s unknown subjects are deferred (advisory), never a pass", (rule) => {
    const vs = violationsOf(rule, previewed(binding(T.clusterRoleBinding, "b", admin, proxy.unknownArrayValue as any)));
    expect(vs.map((v) => v.level)).toEqual(["advisory"]);
  });
});

describe("RBAC-005/006 stack graph: role resolution and scopes", () => {
  const secretReader = cr([{ apiGroups: [""], resources: ["secrets"], verbs: ["watch"] }], "secret-reader");
  const crbTo = (roleName: string, subjects: any[] = [{ kind: "Group", name: "ops" }]) => binding(T.clusterRoleBinding, `crb-${roleName}`, { kind: "ClusterRole", name: roleName }, subjects);
  const creator = (ns: string) => role(T.role, "creator", [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }], {}, ns);
  run([
    { title: "RBAC-005 ✘ watch secrets, message names the role and its verbs", rule: "RBAC-005", target: [secretReader, crbTo("secret-reader")], expect: flags(1, `ClusterRole "secret-reader"`, `["watch"]`) },
    { title: "RBAC-005 ✔ secrets in a non-core group", rule: "RBAC-005", target: [cr([{ apiGroups: ["example.com"], resources: ["secrets"], verbs: ["list"] }], "x"), crbTo("x")], expect: null },
    { title: "RBAC-005 ✔ create secrets is not a read", rule: "RBAC-005", target: [cr([{ apiGroups: [""], resources: ["secrets"], verbs: ["create"] }], "x"), crbTo("x")], expect: null },
    { title: "RBAC-005 ✔ exempt platform ClusterRole", rule: "RBAC-005", target: [secretReader, crbTo("secret-reader")], config: platform("secret-reader"), expect: null },
    { title: "RBAC-005 ✔ ClusterRoleBinding to a role not in the stack", rule: "RBAC-005", target: [crbTo("elsewhere")], expect: null },
    { title: "RBAC-005 ✘ the second rule of the role reads secrets", rule: "RBAC-005", target: [cr([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }], "two"), crbTo("two")], expect: flags(1, `["get","list"]`) },
    {
      title: "RBAC-006 ✘ ClusterRoleBinding subject without namespace counts as default/<name>",
      rule: "RBAC-006",
      target: [creator("default"), secretReader, binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci")], "default"), crbTo("secret-reader", [sa("ci")])],
      expect: flags(1, `ServiceAccount "default/ci"`, "scope cluster"),
    },
    {
      title: "RBAC-006 ✘ message names create and the read verbs",
      rule: "RBAC-006",
      target: [creator("team-a"), secretReader, binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci", "team-a")], "team-a"), crbTo("secret-reader", [sa("ci", "team-a")])],
      expect: flags(1, "create pods", "watch secrets", `scope "team-a"`),
    },
    {
      title: "RBAC-006 ✔ one role in an exempt platform role",
      rule: "RBAC-006",
      target: [creator("team-a"), secretReader, binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci", "team-a")], "team-a"), crbTo("secret-reader", [sa("ci", "team-a")])],
      config: platform("secret-reader"),
      expect: null,
    },
    {
      title: "RBAC-006 ✔ a Role bound from another namespace does not resolve",
      rule: "RBAC-006",
      target: [creator("team-b"), secretReader, binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci", "team-a")], "team-a"), crbTo("secret-reader", [sa("ci", "team-a")])],
      expect: null,
    },
    {
      title: "RBAC-006 ✘ one role granting both, bound once: one finding",
      rule: "RBAC-006",
      target: [role(T.role, "both", [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }, { apiGroups: [""], resources: ["secrets"], verbs: ["*"] }], {}, "team-a"), binding(T.roleBinding, "b", { kind: "Role", name: "both" }, [sa("ci", "team-a")], "team-a")],
      expect: flags(1, "get/list/watch secrets"),
    },
    {
      title: "RBAC-006 ✘ a RoleBinding named like its Role still resolves to the Role",
      rule: "RBAC-006",
      target: [role(T.role, "app", [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }], {}, "team-a"), binding(T.roleBinding, "app", { kind: "Role", name: "app" }, [sa("ci", "team-a")], "team-a"), crbTo("secret-reader", [sa("ci", "team-a")]), secretReader],
      expect: flags(1, "create pods"),
    },
    {
      title: "RBAC-006 ✘ cluster-wide create overlaps a namespaced secret read; RoleBinding subject without namespace is in the binding's namespace",
      rule: "RBAC-006",
      target: [cr([{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["create"] }], "job-creator"), crbTo("job-creator", [sa("ci", "team-a")]), role(T.role, "reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }], {}, "team-a"), binding(T.roleBinding, "rb", { kind: "Role", name: "reader" }, [sa("ci")], "team-a")],
      expect: flags(1, `ServiceAccount "team-a/ci"`, "create jobs", "list secrets"),
    },
    {
      title: "RBAC-006 ✘ message names bindings by metadata.name",
      rule: "RBAC-006",
      target: [creator("team-a"), secretReader, { ...binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci", "team-a")], "team-a"), name: "logical-b1" }, crbTo("secret-reader", [sa("ci", "team-a")])],
      expect: flags(1, `RoleBinding "b1"`),
    },
    {
      title: "RBAC-006 ✔ bindings to roles outside the stack and bindings without roleRef are skipped",
      rule: "RBAC-006",
      target: [binding(T.roleBinding, "b1", { kind: "Role", name: "elsewhere" }, [sa("ci", "team-a")], "team-a"), resource(T.clusterRoleBinding, "noref", { metadata: { name: "noref" }, subjects: [sa("ci", "team-a")] }), crbTo("secret-reader", [sa("ci", "team-a")]), secretReader],
      expect: null,
    },
    { title: "RBAC-005 ✔ a ClusterRoleBinding without roleRef", rule: "RBAC-005", target: [secretReader, resource(T.clusterRoleBinding, "noref", { metadata: { name: "noref" }, subjects: [] })], expect: null },
  ]);
  it("RBAC-005 an unknown ClusterRole is deferred with its urn, known ones are still judged", () => {
    const unknownRole = previewed(cr(proxy.unknownArrayValue as any, "u"));
    const vs = violationsOf("RBAC-005", [unknownRole, secretReader, crbTo("secret-reader")]);
    expect(vs.map((v) => [v.level, v.urn])).toEqual([["advisory", unknownRole.urn], ["mandatory", crbTo("secret-reader").urn]]);
  });
  it("RBAC-005 an unknown ClusterRoleBinding is deferred with its urn", () => {
    const crb = previewed(binding(T.clusterRoleBinding, "crb", admin, proxy.unknownArrayValue as any));
    const vs = violationsOf("RBAC-005", [secretReader, crb]);
    expect(vs.map((v) => [v.level, v.urn])).toEqual([["advisory", crb.urn]]);
  });
});
