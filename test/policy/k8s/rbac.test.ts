import { coversResource, coversVerb, effectiveClusterRoleRules, clusterRoleData } from "../../../policy-pack/core/rbac";
import { violationsOf } from "../../support/rules";
import { T, binding, expectViolations, role } from "./fixtures";

const r = (rules: any[], extra: Record<string, any> = {}) => role(T.clusterRole, "r", rules, extra);
const sa = (name: string, namespace = "team-a") => ({ kind: "ServiceAccount", name, namespace });

describe("core/rbac coverage", () => {
  it.each([
    [{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }, "", "pods/exec", true],
    [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, "", "pods/exec", false],
    [{ apiGroups: ["*"], resources: ["pods/exec"], verbs: ["get"] }, "", "pods/exec", true],
    [{ apiGroups: ["apps"], resources: ["pods/exec"], verbs: ["get"] }, "", "pods/exec", false],
    [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }, "", "secrets", true],
    [{ apiGroups: ["apps"], resources: ["*/scale"], verbs: ["get"] }, "apps", "deployments/scale", true],
  ])("rule %j covers %s/%s = %s", (rule, group, res, expected) => {
    expect(coversResource(rule, group, res)).toBe(expected);
  });
  it("verb * covers every verb", () => {
    expect(coversVerb({ verbs: ["*"] }, "create")).toBe(true);
    expect(coversVerb({ verbs: ["get"] }, "create")).toBe(false);
  });
  it("aggregation collects labelled ClusterRoles", () => {
    const agg = clusterRoleData({ metadata: { name: "agg" }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "y" } }] } }, "agg");
    const part = clusterRoleData({ metadata: { name: "p", labels: { x: "y" } }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }] }, "p");
    expect(effectiveClusterRoleRules(agg, [agg, part])).toHaveLength(1);
  });
});

describe("RBAC-001 rbac-no-wildcard-verbs", () => {
  it("flags verbs *", () => expectViolations(violationsOf("RBAC-001", r([{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }])), "RBAC-001", "mandatory", "rules[0].verbs"));
  it("passes listed verbs", () => expect(violationsOf("RBAC-001", r([{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]))).toEqual([]));
  it("exempts platform roles", () =>
    expect(
      violationsOf("RBAC-001", r([{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }]), { platformRoles: [{ name: "r", justification: "CI deployer, reviewed quarterly by platform team" }] }),
    ).toEqual([]));
});

describe("RBAC-002 rbac-no-wildcard-resources", () => {
  it.each([
    [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }, "rules[0].resources"],
    [{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }, "rules[0].resources"],
    [{ apiGroups: ["*"], resources: ["pods"], verbs: ["get"] }, "rules[0].apiGroups"],
    [{ nonResourceURLs: ["*"], verbs: ["get"] }, "rules[0].nonResourceURLs"],
  ])("flags %j", (rule, field) => expectViolations(violationsOf("RBAC-002", r([rule])), "RBAC-002", "mandatory", field));
  it.each([
    ["enumerated", r([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] }])],
    ["aggregationRule without rules", r([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-view": "true" } }] } })],
  ])("passes %s", (_l, res) => expect(violationsOf("RBAC-002", res)).toEqual([]));
});

describe("RBAC-003 rbac-no-exec-attach-portforward", () => {
  it.each([
    [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }, "pods/exec"],
    [{ apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }, "pods/portforward"],
    [{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }, "pods/attach"],
    [{ apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch"] }, "pods/ephemeralcontainers"],
  ])("flags %j", (rule, field) => expectViolations(violationsOf("RBAC-003", r([rule])), "RBAC-003", "mandatory", field));
  it("passes pods get/list", () => expect(violationsOf("RBAC-003", r([{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] }]))).toEqual([]));
});

describe("RBAC-004 rbac-no-escalate-bind-impersonate", () => {
  it.each(["escalate", "bind", "impersonate"])("flags %s", (verb) =>
    expectViolations(violationsOf("RBAC-004", r([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: [verb] }])), "RBAC-004", "mandatory", "rules[0].verbs"),
  );
  it("passes read-only", () => expect(violationsOf("RBAC-004", r([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get"] }]))).toEqual([]));
});

describe("RBAC-005 rbac-no-cluster-wide-secret-read", () => {
  const secretReader = role(T.clusterRole, "secret-reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]);
  it("flags a ClusterRoleBinding to list secrets", () => {
    const crb = binding(T.clusterRoleBinding, "crb", { kind: "ClusterRole", name: "secret-reader" }, [{ kind: "Group", name: "ops" }]);
    const v = violationsOf("RBAC-005", [secretReader, crb]);
    expectViolations(v, "RBAC-005", "mandatory", "roleRef");
    expect(v[0].urn).toBe(crb.urn);
  });
  it("flags through an aggregated ClusterRole", () => {
    const part = role(T.clusterRole, "part", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }], { metadata: { labels: { agg: "yes" } } });
    const agg = role(T.clusterRole, "agg", [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: "yes" } }] } });
    const crb = binding(T.clusterRoleBinding, "crb", { kind: "ClusterRole", name: "agg" }, [{ kind: "Group", name: "ops" }]);
    expectViolations(violationsOf("RBAC-005", [part, agg, crb]), "RBAC-005", "mandatory", "secrets");
  });
  it.each([
    ["same ClusterRole through a RoleBinding", [secretReader, binding(T.roleBinding, "rb", { kind: "ClusterRole", name: "secret-reader" }, [{ kind: "Group", name: "ops" }], "team-a")]],
    ["ClusterRoleBinding to configmap reader", [role(T.clusterRole, "cm", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["list"] }]), binding(T.clusterRoleBinding, "crb", { kind: "ClusterRole", name: "cm" }, [{ kind: "Group", name: "ops" }])]],
  ])("passes %s", (_l, stack) => expect(violationsOf("RBAC-005", stack)).toEqual([]));
});

describe("RBAC-006 rbac-no-pod-create-with-secret-read", () => {
  const creator = role(T.role, "creator", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }], {}, "team-a");
  const reader = role(T.role, "reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }], {}, "team-a");
  it("flags the union across two bindings", () => {
    const b1 = binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci")], "team-a");
    const b2 = binding(T.roleBinding, "b2", { kind: "Role", name: "reader" }, [sa("ci")], "team-a");
    const v = violationsOf("RBAC-006", [creator, reader, b1, b2]);
    expectViolations(v, "RBAC-006", "mandatory", 'subjects ServiceAccount "team-a/ci"');
    expect(v[0].urn).toBe(b1.urn);
  });
  it("flags create pods + cluster-wide secret read", () => {
    const podCreator = role(T.role, "pc", [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }], {}, "team-b");
    const cr = role(T.clusterRole, "sr", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]);
    const b1 = binding(T.roleBinding, "b1", { kind: "Role", name: "pc" }, [sa("ci", "team-b")], "team-b");
    const b2 = binding(T.clusterRoleBinding, "b2", { kind: "ClusterRole", name: "sr" }, [sa("ci", "team-b")]);
    expectViolations(violationsOf("RBAC-006", [podCreator, cr, b1, b2]), "RBAC-006", "mandatory", "create pods");
  });
  it.each([
    ["different service accounts", [binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("deployer")], "team-a"), binding(T.roleBinding, "b2", { kind: "Role", name: "reader" }, [sa("reader")], "team-a")]],
    ["group subjects", [binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [{ kind: "Group", name: "devs" }], "team-a"), binding(T.roleBinding, "b2", { kind: "Role", name: "reader" }, [{ kind: "Group", name: "devs" }], "team-a")]],
  ])("passes %s", (_l, bindings) => expect(violationsOf("RBAC-006", [creator, reader, ...bindings])).toEqual([]));
  it("passes non-overlapping namespaces", () => {
    const readerB = role(T.role, "reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }], {}, "team-b");
    const b1 = binding(T.roleBinding, "b1", { kind: "Role", name: "creator" }, [sa("ci")], "team-a");
    const b2 = binding(T.roleBinding, "b2", { kind: "Role", name: "reader" }, [sa("ci")], "team-b");
    expect(violationsOf("RBAC-006", [creator, readerB, b1, b2])).toEqual([]);
  });
});

describe("RBAC-007 rbac-no-cluster-admin-for-sa-or-system-groups", () => {
  const admin = { kind: "ClusterRole", name: "cluster-admin" };
  it.each([
    [sa("default", "kube-system")],
    [{ kind: "Group", name: "system:authenticated" }],
    [{ kind: "Group", name: "system:serviceaccounts:team-a" }],
    [{ kind: "User", name: "system:anonymous" }],
  ])("flags %j", (subject) => expectViolations(violationsOf("RBAC-007", binding(T.clusterRoleBinding, "b", admin, [subject])), "RBAC-007", "mandatory", "subjects[0]"));
  it.each([
    [binding(T.clusterRoleBinding, "b", admin, [{ kind: "Group", name: "platform-admins" }])],
    [binding(T.clusterRoleBinding, "b", { kind: "ClusterRole", name: "view" }, [sa("x")])],
  ])("passes %#", (b) => expect(violationsOf("RBAC-007", b)).toEqual([]));
});

describe("RBAC-008 rbac-no-anonymous-bindings", () => {
  it.each([[{ kind: "Group", name: "system:unauthenticated" }], [{ kind: "User", name: "system:anonymous" }]])("flags %j", (subject) =>
    expectViolations(violationsOf("RBAC-008", binding(T.roleBinding, "b", { kind: "ClusterRole", name: "view" }, [subject], "team-a")), "RBAC-008", "mandatory", "subjects[0]"),
  );
  it("passes named groups", () => expect(violationsOf("RBAC-008", binding(T.roleBinding, "b", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", name: "devs" }], "team-a"))).toEqual([]));
});

describe("RBAC-009 rbac-no-escalation-resources", () => {
  it.each([
    [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }, "nodes/proxy"],
    [{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] }, "serviceaccounts/token"],
    [{ apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"] }, "certificatesigningrequests/approval"],
    [{ apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingwebhookconfigurations"], verbs: ["delete"] }, "validatingwebhookconfigurations"],
    [{ apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations"], verbs: ["create"] }, "mutatingwebhookconfigurations"],
    [{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create"] }, "persistentvolumes"],
    [{ apiGroups: [""], resources: ["namespaces"], verbs: ["patch"] }, "namespaces"],
  ])("flags %j", (rule, field) => expectViolations(violationsOf("RBAC-009", r([rule])), "RBAC-009", "mandatory", field));
  it.each([
    [{ apiGroups: [""], resources: ["namespaces", "persistentvolumes"], verbs: ["get", "list"] }],
    [{ apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingwebhookconfigurations"], verbs: ["get"] }],
  ])("passes %j", (rule) => expect(violationsOf("RBAC-009", r([rule]))).toEqual([]));
});
