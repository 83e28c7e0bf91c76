import * as k8s from "@pulumi/kubernetes";
import { recordResources, type RecordedResource } from "../../../engine/record";
import { Tenant } from "../../../components/tenant";
import { PSA_LABELS } from "../../../policy-pack/baseline/labels";
import { TENANT_POLICY_NAMES } from "../../../policy-pack/baseline/tenancy";
import { evaluateAll } from "../../../policy-pack/core/evaluate";
import { findRule, RULES } from "../../../policy-pack/registry";
import { expectFullNamespace, inNamespace, judge, mandatory, T, tenantArgs, toStack, VPC_CNI_ADDON } from "./support";
import { constructUnderMocks } from "../../support/rejects";

const JUSTIFIED = "legacy agent needs baseline until Q3, ticket SEC-42, approved";

describe("one tenant", () => {
  let recorded: RecordedResource[];
  beforeAll(async () => {
    recorded = await recordResources(() => new Tenant("team-0", tenantArgs(0)));
  });

  test("every namespace has the full hardened set", () => {
    for (const ns of ["team-0-app", "team-0-jobs", "team-0-data"]) expectFullNamespace(recorded, ns, "team-0", "sensitive");
    const perType = (type: string) => recorded.filter((r) => r.type === type).length;
    expect([perType(T.namespace), perType(T.networkPolicy), perType(T.quota), perType(T.limitRange), perType(T.role), perType(T.roleBinding), perType(T.saPatch)]).toEqual([
      3, 9, 3, 3, 9, 9, 3,
    ]);
  });

  test("every child is parented to the component and every namespaced object sets metadata.namespace", () => {
    const component = recorded.find((r) => r.type === T.tenant)!;
    for (const r of recorded.filter((x) => x !== component)) {
      expect(r.parent).toBe(component.urn);
      if (r.type.startsWith("kubernetes:") && r.type !== T.namespace) expect(r.inputs.metadata.namespace).toMatch(/^team-0-/);
      if (r.type.startsWith("kubernetes:")) expect(r.inputs.metadata.name).toEqual(expect.any(String));
    }
  });

  test("access entries map principals to <tenant>:<role> groups, nothing cluster-scoped is granted", () => {
    const entries = recorded.filter((r) => r.type === T.accessEntry);
    expect(entries.map((e) => e.inputs.kubernetesGroups).sort()).toEqual([["team-0:admin"], ["team-0:developer"], ["team-0:viewer"]]);
    for (const e of entries) expect(e.inputs).toMatchObject({ clusterName: "prod", type: "STANDARD" });
    expect(JSON.stringify(recorded.map((r) => r.inputs))).not.toMatch(/system:masters/);
    const clusterScoped = recorded.filter((r) => /ClusterRole|AccessPolicyAssociation|Webhook/.test(r.type));
    expect(clusterScoped).toEqual([]);
  });

  test("the pack passes it: zero violations, mandatory or advisory", () => {
    expect(judge(toStack(recorded)).map((v) => `${v.level} ${v.message} @ ${v.urn}`)).toEqual([]);
  });

  const stackRuleTest = (id: string) => (findRule(id) ? test : test.skip);
  const ns = "team-0-jobs";
  const omissions: [string, string, (stack: ReturnType<typeof toStack>) => ReturnType<typeof toStack>, boolean][] = [
    ["delete the quota", "QT-001", (s) => s.filter((r) => !(r.type === T.quota && r.props.metadata.namespace === ns)), true],
    ["delete the limit range", "QT-003", (s) => s.filter((r) => !(r.type === T.limitRange && r.props.metadata.namespace === ns)), true],
    [
      "delete default-deny",
      "NP-001",
      (s) => s.filter((r) => !(r.type === T.networkPolicy && r.props.metadata.namespace === ns && r.props.metadata.name === TENANT_POLICY_NAMES.defaultDeny)),
      true,
    ],
    [
      "weaken PSA",
      "NS-001",
      (s) => {
        inNamespace(s, T.namespace, ns)[0].props.metadata.labels[PSA_LABELS.enforce] = "baseline";
        return s;
      },
      true,
    ],
    [
      "add pods/exec",
      "RBAC-003",
      (s) => {
        inNamespace(s, T.role, ns)
          .find((r) => r.props.metadata.name === "tenant-developer")!
          .props.rules.push({ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] });
        return s;
      },
      true,
    ],
    [
      "widen egress",
      "NP-002",
      (s) => {
        inNamespace(s, T.networkPolicy, ns)
          .find((r) => r.props.metadata.name === TENANT_POLICY_NAMES.intraTenant)!
          .props.spec.egress.push({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] });
        return s;
      },
      false,
    ],
    ["drop the default SA patch", "SA-001", (s) => s.filter((r) => !(r.type === T.saPatch && r.props.metadata.namespace === ns)), true],
  ];
  describe.each(omissions)("single omission: %s", (_what, id, mutate, isMandatory) => {
    stackRuleTest(id)(`is caught by ${id}`, () => {
      const violations = judge(mutate(toStack(recorded))).filter((v) => v.rule === id);
      expect(violations.length).toBeGreaterThan(0);
      if (isMandatory) expect(violations.some((v) => v.level === "mandatory")).toBe(true);
      // Attached to a resource in (or the namespace of) the mutated namespace.
      expect(violations.some((v) => v.urn.includes(ns) || v.message.includes(ns))).toBe(true);
    });
  });
});

describe("weakenings", () => {
  test("justified baseline PSA and open egress are labelled, annotated and exempted, not failed", async () => {
    const recorded = await recordResources(
      () =>
        new Tenant("legacy", {
          ...tenantArgs(1, { roles: {} }),
          podSecurity: { level: "baseline", justification: JUSTIFIED },
          egress: [{ cidr: "0.0.0.0/0", ports: [{ port: 443 }], justification: JUSTIFIED }],
        }),
    );
    const stack = toStack(recorded);
    const ns = inNamespace(stack, T.namespace, "team-1-app")[0];
    expect(ns.props.metadata.labels[PSA_LABELS.enforce]).toBe("baseline");
    expect(ns.props.metadata.annotations["hardened-cluster.io/exempt.NS-001"]).toBe(JUSTIFIED);
    const allow = inNamespace(stack, T.networkPolicy, "team-1-app").find((p) => p.props.metadata.name === "allow-egress-allowlist")!;
    expect(allow.props.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
    expect(recorded.filter((r) => r.type === T.accessEntry)).toEqual([]);
    expect(mandatory(judge(stack))).toEqual([]);
    const exempted = evaluateAll(RULES, [...stack, VPC_CNI_ADDON]).exemptions;
    expect(exempted).toEqual(expect.arrayContaining([expect.objectContaining({ rule: "NS-001", urn: ns.urn, reason: expect.stringContaining(JUSTIFIED) })]));
  });

  test("an egress allowlist of private CIDRs adds one policy and keeps the pack green", async () => {
    const recorded = await recordResources(
      () => new Tenant("db", tenantArgs(2, { egress: [{ cidr: "10.20.0.0/16", ports: [{ port: 5432 }], justification: JUSTIFIED }] })),
    );
    const stack = toStack(recorded);
    expect(inNamespace(stack, T.networkPolicy, "team-2-data")).toHaveLength(4);
    expect(judge(stack).filter((v) => v.rule === "NP-002")).toEqual([]);
    expect(mandatory(judge(stack))).toEqual([]);
  });
});

describe("bad args", () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["reserved namespace", { namespaces: ["kube-system"] }, /Tenant\(bad\)\.args\.namespaces\[0\]: .*reserved/],
    ["unpinned PSS version", { pssVersion: "latest" }, /Tenant\(bad\)\.args\.pssVersion/],
    ["principals without clusterName", { clusterName: undefined }, /Tenant\(bad\)\.args\.clusterName/],
    ["PSA weakening without justification", { podSecurity: { level: "privileged" } }, /Tenant\(bad\)\.args\.podSecurity\.justification/],
  ])("%s throws before any resource registers", async (_name, patch, message) => {
    const { error, registered } = await constructUnderMocks(() => new Tenant("bad", { ...tenantArgs(3), ...patch } as never));
    expect(String(error)).toMatch(message);
    expect(registered).toEqual([]);
  });
});

describe("provider", () => {
  test("an explicit Kubernetes provider reaches every Kubernetes child, never the AWS ones", async () => {
    const recorded = await recordResources(() => {
      const provider = new k8s.Provider("prod-k8s", { kubeconfig: "{}" });
      new Tenant("team-5", { ...tenantArgs(5), provider });
    });
    const children = recorded.filter((r) => r.type.startsWith("kubernetes:"));
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) expect(c.provider).toMatch(/pulumi:providers:kubernetes::prod-k8s/);
    for (const e of recorded.filter((r) => r.type === T.accessEntry)) expect(e.provider ?? "").not.toMatch(/kubernetes/);
  });
});
