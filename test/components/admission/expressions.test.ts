import { isCelError, parse, run } from "@bufbuild/cel";
import { LABELS, SENSITIVE_POOL } from "../../../policy-pack/baseline/labels";
import { TENANT_ROLE_RULES } from "../../../policy-pack/baseline/tenancy";
import { resource, violationsOf } from "../../support/rules";
import { allowsDockerHub, globToRegex, registryRegex } from "../../../components/admission/cel";
import {
  admissionParams,
  admissionPolicies,
  POD_SPEC_TARGETS,
  podSpecValidations,
  roleBindingValidations,
  roleValidations,
  serviceValidations,
  type AdmissionParams,
  type CelValidation,
} from "../../../components/admission/expressions";

const POOL = LABELS.pool;
const ECR_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2";

/** Evaluate one validation as the API server would: bind `object` and `namespaceObject`; a CEL error fails. */
function evaluate(v: CelValidation, object: unknown, namespaceObject: unknown): boolean {
  const result = run(v.expression, { object: object as never, namespaceObject: namespaceObject as never });
  if (isCelError(result)) throw new Error(`${v.rule}: CEL error ${result.message} in ${v.expression}`);
  if (typeof result !== "boolean") throw new Error(`${v.rule}: not a boolean: ${String(result)}`);
  return result;
}

/** Rule ids of the validations that deny `object`. */
function denied(validations: readonly CelValidation[], object: unknown, namespaceObject: unknown): string[] {
  return validations.filter((v) => !evaluate(v, object, namespaceObject)).map((v) => v.rule);
}

const ns = (tier: "standard" | "sensitive") => ({
  metadata: { name: `team-${tier}`, labels: { [LABELS.tenant]: "team", [LABELS.tier]: tier, "kubernetes.io/metadata.name": `team-${tier}` } },
});
const SENSITIVE = ns("sensitive");
const STANDARD = ns("standard");

const container = (image = ECR_IMAGE, extra: Record<string, unknown> = {}) => ({ name: "app", image, ...extra });
const toleration = { key: POOL, operator: "Equal", value: SENSITIVE_POOL, effect: "NoSchedule" };
const pinned = { nodeSelector: { [POOL]: SENSITIVE_POOL }, tolerations: [toleration] };
const affinity = (values: string[]) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: POOL, operator: "In", values }] }] },
  },
});

interface PodCase {
  readonly name: string;
  readonly ns: unknown;
  readonly spec: Record<string, unknown>;
  readonly deniedBy: string[];
}

const POD_CASES: PodCase[] = [
  { name: "sensitive tenant pinned (toleration + nodeSelector)", ns: SENSITIVE, spec: { ...pinned, containers: [container()] }, deniedBy: [] },
  { name: "sensitive tenant toleration only", ns: SENSITIVE, spec: { tolerations: [toleration], containers: [container()] }, deniedBy: ["NODE-006"] },
  { name: "sensitive tenant nodeSelector only", ns: SENSITIVE, spec: { nodeSelector: { [POOL]: SENSITIVE_POOL }, containers: [container()] }, deniedBy: ["NODE-006"] },
  {
    name: "sensitive tenant toleration + required affinity In [sensitive]",
    ns: SENSITIVE,
    spec: { tolerations: [toleration], affinity: affinity([SENSITIVE_POOL]), containers: [container()] },
    deniedBy: [],
  },
  {
    name: "sensitive tenant affinity admitting another pool",
    ns: SENSITIVE,
    spec: { tolerations: [toleration], affinity: affinity([SENSITIVE_POOL, "general"]), containers: [container()] },
    deniedBy: ["NODE-006"],
  },
  {
    name: "sensitive tenant toleration with the wrong value",
    ns: SENSITIVE,
    spec: { tolerations: [{ ...toleration, value: "general" }], nodeSelector: { [POOL]: SENSITIVE_POOL }, containers: [container()] },
    deniedBy: ["NODE-006"],
  },
  { name: "standard tenant plain pod", ns: STANDARD, spec: { containers: [container()] }, deniedBy: [] },
  { name: "standard tenant selecting the sensitive pool", ns: STANDARD, spec: { nodeSelector: { [POOL]: SENSITIVE_POOL }, containers: [container()] }, deniedBy: ["NODE-006"] },
  { name: "standard tenant affinity to the sensitive pool", ns: STANDARD, spec: { affinity: affinity(["general", SENSITIVE_POOL]), containers: [container()] }, deniedBy: ["NODE-006"] },
  { name: "standard tenant tolerating the sensitive taint", ns: STANDARD, spec: { tolerations: [toleration], containers: [container()] }, deniedBy: ["NODE-006"] },
  { name: "standard tenant tolerating every taint", ns: STANDARD, spec: { tolerations: [{ operator: "Exists" }], containers: [container()] }, deniedBy: ["NODE-006"] },
  {
    name: "standard tenant tolerating an unrelated taint, selecting the general pool",
    ns: STANDARD,
    spec: { tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }], nodeSelector: { [POOL]: "general" }, containers: [container()] },
    deniedBy: [],
  },
  { name: "Docker Hub short name", ns: STANDARD, spec: { containers: [container("nginx:1.27")] }, deniedBy: ["IMG-001"] },
  { name: "explicit docker.io", ns: STANDARD, spec: { containers: [container("docker.io/library/nginx:1.27")] }, deniedBy: ["IMG-001"] },
  {
    name: "lookalike registry with ECR in the path",
    ns: STANDARD,
    spec: { containers: [container(`evil.example.com/${ECR_IMAGE}`)] },
    deniedBy: ["IMG-001"],
  },
  { name: "ECR image pinned by digest", ns: STANDARD, spec: { containers: [container(`123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${"a".repeat(64)}`)] }, deniedBy: [] },
  { name: "bad init container image", ns: STANDARD, spec: { containers: [container()], initContainers: [container("ghcr.io/x/y:1")] }, deniedBy: ["IMG-001"] },
  { name: "bad ephemeral container image", ns: STANDARD, spec: { containers: [container()], ephemeralContainers: [container("busybox:1")] }, deniedBy: ["IMG-001"] },
  {
    name: "privileged container",
    ns: STANDARD,
    spec: { containers: [container(ECR_IMAGE, { securityContext: { privileged: true } })] },
    deniedBy: ["PSS-B03"],
  },
  {
    name: "privileged: false",
    ns: STANDARD,
    spec: { containers: [container(ECR_IMAGE, { securityContext: { privileged: false, runAsNonRoot: true } })] },
    deniedBy: [],
  },
  {
    name: "privileged init container",
    ns: STANDARD,
    spec: { containers: [container()], initContainers: [container(ECR_IMAGE, { securityContext: { privileged: true } })] },
    deniedBy: ["PSS-B03"],
  },
  { name: "hostPath volume", ns: STANDARD, spec: { containers: [container()], volumes: [{ name: "h", hostPath: { path: "/" } }] }, deniedBy: ["PSS-B05"] },
  { name: "emptyDir volume", ns: STANDARD, spec: { containers: [container()], volumes: [{ name: "e", emptyDir: {} }] }, deniedBy: [] },
  { name: "hostNetwork", ns: STANDARD, spec: { containers: [container()], hostNetwork: true }, deniedBy: ["PSS-B02"] },
  { name: "hostPID", ns: SENSITIVE, spec: { ...pinned, containers: [container()], hostPID: true }, deniedBy: ["PSS-B02"] },
  { name: "hostIPC false", ns: STANDARD, spec: { containers: [container()], hostIPC: false }, deniedBy: [] },
];

/** Wrap a pod spec the way each target kind carries it. */
const WRAP: Record<string, (spec: unknown) => unknown> = {
  "tenant-pods": (spec) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec }),
  "tenant-workloads": (spec) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { template: { spec } } }),
  "tenant-cronjobs": (spec) => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "c" },
    spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { spec } } } },
  }),
};

const params = admissionParams();

describe("pod-spec validations", () => {
  for (const target of POD_SPEC_TARGETS) {
    const validations = podSpecValidations(target.path, params);
    test.each(POD_CASES)(`${target.suffix}: $name`, ({ ns: namespaceObject, spec, deniedBy }) => {
      expect(denied(validations, WRAP[target.suffix](spec), namespaceObject).sort()).toEqual([...deniedBy].sort());
    });
  }
});

describe("registry allowlist from pack config", () => {
  test("glob conversion escapes dots and keeps * inside one segment", () => {
    expect(globToRegex("*.dkr.ecr.*.amazonaws.com")).toBe("[^/]*\\.dkr\\.ecr\\.[^/]*\\.amazonaws\\.com");
    expect(new RegExp(registryRegex(["*.dkr.ecr.*.amazonaws.com"])).test(`${ECR_IMAGE}`)).toBe(true);
    expect(new RegExp(registryRegex(["*.dkr.ecr.*.amazonaws.com"])).test("a/b.dkr.ecr.x.amazonaws.com/app:1")).toBe(false);
    expect(new RegExp(registryRegex([])).test(ECR_IMAGE)).toBe(false);
    expect(allowsDockerHub(["docker.io"])).toBe(true);
    expect(allowsDockerHub(["*.dkr.ecr.*.amazonaws.com"])).toBe(false);
  });

  const withHub: AdmissionParams = admissionParams({ allowedRegistries: ["docker.io", "*.dkr.ecr.*.amazonaws.com"] });
  const imageRule = podSpecValidations("object.spec", withHub).filter((v) => v.rule === "IMG-001");
  test.each([
    ["nginx:1.27", true],
    ["library/nginx:1.27", true],
    ["docker.io/library/nginx:1.27", true],
    [ECR_IMAGE, true],
    ["ghcr.io/org/app:1", false],
    ["localhost/app:1", false],
    ["localhost:5000/app:1", false],
  ])("docker.io allowed: %s → %s", (image, allowed) => {
    expect(denied(imageRule, { spec: { containers: [container(image)] } }, STANDARD)).toEqual(allowed ? [] : ["IMG-001"]);
  });
});

describe("service validations", () => {
  const validations = serviceValidations(
    admissionParams({ allowedExternalServices: [{ name: "team-standard/edge", justification: "shared edge proxy for the team, reviewed" }] }),
  );
  const svc = (name: string, spec: Record<string, unknown>) => ({ metadata: { name, namespace: "team-standard" }, spec });
  test.each([
    ["no type (ClusterIP)", svc("a", { ports: [{ port: 80 }] }), []],
    ["ClusterIP", svc("a", { type: "ClusterIP" }), []],
    ["NodePort", svc("a", { type: "NodePort" }), ["SVC-001"]],
    ["LoadBalancer", svc("a", { type: "LoadBalancer" }), ["SVC-001"]],
    ["allow-listed LoadBalancer", svc("edge", { type: "LoadBalancer" }), []],
    ["externalIPs", svc("a", { type: "ClusterIP", externalIPs: ["10.0.0.5"] }), ["SVC-002"]],
    ["empty externalIPs", svc("a", { externalIPs: [] }), []],
    ["allow-listed LoadBalancer with externalIPs", svc("edge", { type: "LoadBalancer", externalIPs: ["10.0.0.5"] }), ["SVC-002"]],
  ])("%s", (_name, object, deniedBy) => {
    expect(denied(validations, object, STANDARD)).toEqual(deniedBy);
  });
});

describe("role and rolebinding validations", () => {
  const role = (rules: unknown[]) => ({ metadata: { name: "r", namespace: "team-standard" }, rules });
  test.each([
    ["read pods", role([{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] }]), []],
    ["no rules", { metadata: { name: "r" } }, []],
    ["pods/exec get", role([{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }]), ["RBAC-003"]],
    ["pods/portforward create", role([{ apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] }]), ["RBAC-003"]],
    ["pods/attach", role([{ apiGroups: [""], resources: ["pods/attach"], verbs: ["create"] }]), ["RBAC-003"]],
    ["pods/*", role([{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }]), ["RBAC-003"]],
    ["* in core via * group", role([{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }]), ["RBAC-003"]],
    ["* resources in apps only", role([{ apiGroups: ["apps"], resources: ["*"], verbs: ["get"] }]), []],
    ["bind", role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind"] }]), ["RBAC-004"]],
    ["impersonate", role([{ apiGroups: [""], resources: ["users"], verbs: ["impersonate"] }]), ["RBAC-004"]],
    ["wildcard verbs", role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }]), ["RBAC-001"]],
  ])("Role %s", (_name, object, deniedBy) => {
    expect(denied(roleValidations(), object, STANDARD)).toEqual(deniedBy);
  });

  const binding = (kind: string, name: string) => ({
    metadata: { name: "b", namespace: "team-standard" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind, name },
    subjects: [{ kind: "Group", name: "team:viewer" }],
  });
  test.each([
    ["Role", binding("Role", "tenant-viewer"), []],
    ["ClusterRole view", binding("ClusterRole", "view"), []],
    ["ClusterRole edit (grants pods/exec)", binding("ClusterRole", "edit"), ["RBAC-003"]],
    ["ClusterRole admin", binding("ClusterRole", "admin"), ["RBAC-003"]],
  ])("RoleBinding to %s", (_name, object, deniedBy) => {
    expect(denied(roleBindingValidations(params), object, STANDARD)).toEqual(deniedBy);
  });
});

describe("every generated expression", () => {
  const all = admissionPolicies(params).flatMap((p) => p.validations.map((v) => [p.suffix, v.rule, v] as const));
  test.each(all)("%s %s parses and avoids non-Kubernetes CEL syntax", (_suffix, _rule, v) => {
    expect(() => parse(v.expression)).not.toThrow();
    expect(v.expression).not.toMatch(/\.\?|optional\.|\?\[/);
    expect(v.message.startsWith(`${v.rule}:`)).toBe(true);
  });

  test("policies cover pods, workloads, cronjobs, services, roles and rolebindings", () => {
    const resources = admissionPolicies(params).flatMap((p) => p.resourceRules.flatMap((r) => r.resources));
    for (const r of ["pods", "deployments", "statefulsets", "daemonsets", "jobs", "cronjobs", "services", "roles", "rolebindings"]) {
      expect(resources).toContain(r);
    }
  });
});

describe("parity with the pack's preview-time rules (same data, same verdict)", () => {
  const podValidations = podSpecValidations("object.spec", params);
  const PARITY_RULES = ["IMG-001", "PSS-B02", "PSS-B03", "PSS-B05"];
  test.each(POD_CASES)("Pod: $name", ({ ns: namespaceObject, spec }) => {
    const pod = { metadata: { name: "p", namespace: "team-standard" }, spec };
    const cel = denied(podValidations, pod, namespaceObject).filter((r) => PARITY_RULES.includes(r));
    const pack = PARITY_RULES.filter((id) => violationsOf(id, resource("kubernetes:core/v1:Pod", "p", pod)).length > 0);
    expect(cel.sort()).toEqual(pack.sort());
  });

  const role = (rules: unknown[]) => ({ metadata: { name: "r", namespace: "team-standard" }, rules });
  test.each([
    ...Object.entries(TENANT_ROLE_RULES).map(([name, rules]) => [`tenant ${name} role`, role(JSON.parse(JSON.stringify(rules)))] as const),
    ["pods/exec", role([{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }])] as const,
    ["bind", role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind"] }])] as const,
    ["wildcard verbs", role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }])] as const,
  ])("Role: %s", (_name, object) => {
    const cel = denied(roleValidations(), object, STANDARD);
    const pack = ["RBAC-001", "RBAC-003", "RBAC-004"].filter(
      (id) => violationsOf(id, resource("kubernetes:rbac.authorization.k8s.io/v1:Role", "r", object)).length > 0,
    );
    expect(cel.sort()).toEqual(pack.sort());
  });
});
