import { AUDIT_SIGNALS, auditSignals } from "../../../components/detection/audit-signals";
import { MAX_FILTER_PATTERN_LENGTH, matchesFilterPattern, parseFilterPattern } from "../../../components/detection/filter-pattern";
import { SAMPLE_EVENTS, auditEvent } from "./audit-events";

/** Round-trip through JSON, as CloudWatch sees the event (undefined fields vanish). */
const asLogged = (e: unknown) => JSON.parse(JSON.stringify(e));

describe("audit signals", () => {
  it("lists the six signals of the issue, in order", () => {
    expect(AUDIT_SIGNALS.map((s) => s.name)).toEqual([
      "secret-change",
      "container-exec",
      "privileged-binding",
      "auth-failures",
      "anonymous-request",
      "tenant-networkpolicy-change",
    ]);
  });

  it("keeps the exact patterns (the alarms' contract)", () => {
    const byName = Object.fromEntries(AUDIT_SIGNALS.map((s) => [s.name, s.pattern]));
    expect(byName["secret-change"]).toBe(
      '{ ($.objectRef.resource = "secrets") && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch") || ($.verb = "delete") || ($.verb = "deletecollection")) }',
    );
    expect(byName["container-exec"]).toBe(
      '{ ($.objectRef.resource = "pods") && (($.objectRef.subresource = "exec") || ($.objectRef.subresource = "attach") || ($.objectRef.subresource = "portforward")) }',
    );
    expect(byName["privileged-binding"]).toBe(
      '{ (($.objectRef.resource = "clusterrolebindings") || ($.objectRef.resource = "rolebindings")) && ($.objectRef.apiGroup = "rbac.authorization.k8s.io") && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch")) && (($.requestObject.roleRef.name = "cluster-admin") || ($.requestObject.roleRef.name = "admin") || ($.requestObject.roleRef.name = "edit") || ($.requestObject.roleRef.name = "system:masters")) }',
    );
    expect(byName["auth-failures"]).toBe("{ (($.responseStatus.code = 401) || ($.responseStatus.code = 403)) }");
    expect(byName["anonymous-request"]).toBe(
      '{ (($.user.username = "system:anonymous") || ($.user.groups[0] = "system:unauthenticated") || ($.user.groups[1] = "system:unauthenticated")) && ($.requestURI != "/healthz*") && ($.requestURI != "/livez*") && ($.requestURI != "/readyz*") && ($.requestURI != "/version*") }',
    );
    expect(byName["tenant-networkpolicy-change"]).toBe(
      '{ ($.objectRef.resource = "networkpolicies") && ($.objectRef.apiGroup = "networking.k8s.io") && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch") || ($.verb = "delete") || ($.verb = "deletecollection")) && ($.objectRef.namespace != "kube-system") && ($.objectRef.namespace != "kube-public") && ($.objectRef.namespace != "kube-node-lease") && ($.objectRef.namespace != "amazon-cloudwatch") && ($.objectRef.namespace != "amazon-guardduty") }',
    );
  });

  it.each(AUDIT_SIGNALS.map((s) => [s.name, s] as const))("%s: parses, fits CloudWatch's length limit, has sane alarm data", (_n, s) => {
    expect(() => parseFilterPattern(s.pattern)).not.toThrow();
    expect(s.pattern.length).toBeLessThanOrEqual(MAX_FILTER_PATTERN_LENGTH);
    expect(s.threshold).toBeGreaterThanOrEqual(1);
    expect(s.period % 60).toBe(0);
    expect(s.evaluationPeriods).toBeGreaterThanOrEqual(1);
    expect(s.seed.length).toBeGreaterThan(0);
  });

  it("alarms on the first secret change, exec, binding, anonymous request and NetworkPolicy change, and on 20 auth failures per 5 minutes", () => {
    expect(Object.fromEntries(AUDIT_SIGNALS.map((s) => [s.name, [s.threshold, s.period, s.evaluationPeriods]]))).toEqual({
      "secret-change": [1, 300, 1],
      "container-exec": [1, 300, 1],
      "privileged-binding": [1, 300, 1],
      "auth-failures": [20, 300, 1],
      "anonymous-request": [1, 300, 1],
      "tenant-networkpolicy-change": [1, 300, 1],
    });
  });

  it.each(SAMPLE_EVENTS.map((s) => [s.label, s] as const))("%s triggers exactly its labelled signals", (_l, sample) => {
    const fired = AUDIT_SIGNALS.filter((s) => matchesFilterPattern(s.pattern, asLogged(sample.event))).map((s) => s.name);
    expect(fired.sort()).toEqual([...sample.signals].sort());
  });

  it.each(AUDIT_SIGNALS.map((s) => [s.name] as const))("%s has at least one matching and one non-matching sample", (name) => {
    expect(SAMPLE_EVENTS.some((e) => e.signals.includes(name))).toBe(true);
    expect(SAMPLE_EVENTS.some((e) => !e.signals.includes(name))).toBe(true);
  });

  it("builds the binding pattern from the configured privileged roles", () => {
    const [, , custom] = auditSignals({ privilegedRoles: ["platform-operator"] });
    const ev = (role: string) => asLogged(auditEvent({
      verb: "create",
      objectRef: { resource: "clusterrolebindings", apiGroup: "rbac.authorization.k8s.io", name: "b" },
      requestObject: { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role } },
    }));
    expect(matchesFilterPattern(custom.pattern, ev("platform-operator"))).toBe(true);
    expect(matchesFilterPattern(custom.pattern, ev("cluster-admin"))).toBe(false);
  });

  it("exempts only the configured platform namespaces from the NetworkPolicy signal", () => {
    const signal = auditSignals({ platformNamespaces: ["ops"] }).find((s) => s.name === "tenant-networkpolicy-change")!;
    const ev = (namespace: string) => asLogged(auditEvent({ verb: "create", objectRef: { resource: "networkpolicies", apiGroup: "networking.k8s.io", namespace, name: "x" } }));
    expect(matchesFilterPattern(signal.pattern, ev("ops"))).toBe(false);
    expect(matchesFilterPattern(signal.pattern, ev("kube-system"))).toBe(true);
  });
});
