import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../engine/record";
import { parsePlatformConfig } from "../../infra/config";
import { parseInClusterConfig } from "../../infra/in-cluster/config";
import { PLATFORM_OUTPUTS_READ } from "../../infra/in-cluster/context";
import { LBC_CLUSTER_OBJECT_NAMES, LBC_DEPLOYER_NAMESPACE_RULES, LBC_NAMESPACE, LBC_SERVICE_ACCOUNT } from "../../components/ingress";
import { inClusterPackConfig, renderInClusterPolicyConfig } from "../../infra/in-cluster/policy-config";
import { packConfigFor } from "../../infra/policy-config";
import { LABELS, PSA_LABELS } from "../../policy-pack/baseline/labels";
import type { TenantConfig } from "../../components/tenant";
import { DEPLOYER_CLUSTER_ROLE, DEPLOYER_GROUP } from "../../components/deployer/rbac";
import { VERIFICATION_DEPLOYER_ROLE } from "../../components/signing/deployer-grants";
import { dependsOnComponent, IN_CLUSTER_DIR, inClusterRun, judge, loadInClusterStackConfig, stackRun } from "./fixtures";
import { loadStackConfig, ofType } from "./stack-config";

const SPLIT = ["staging", "prod"] as const;
const NS = "kubernetes:core/v1:Namespace";

/** The committed StackReference stand-in of an environment's AWS stack. */
function committedOutputs(stack: (typeof SPLIT)[number]): Record<string, unknown> {
  const ref = parseInClusterConfig(loadInClusterStackConfig(stack)).platformStack;
  return JSON.parse(fs.readFileSync(path.join(IN_CLUSTER_DIR, ".hardened-cluster", "stack-outputs", `${ref.replace(/\//g, "_")}.json`), "utf8"));
}

/** Resolve an output (including nested outputs) to a plain value. */
async function resolved(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const o = value as unknown as { isKnown: Promise<boolean>; promise(withUnknowns?: boolean): Promise<unknown> };
    return (await o.isKnown) ? resolved(await o.promise(true)) : "<unknown>";
  }
  if (Array.isArray(value)) return Promise.all(value.map(resolved));
  if (value && typeof value === "object") return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolved(v)])));
  return value;
}

/** Assert that every namespace of `tenants` has its full hardened set among `resources`. */
function expectFullTenantSets(resources: readonly RecordedResource[], tenants: readonly TenantConfig[]): void {
  const inNs = (type: string, ns: string) => ofType(resources, type).filter((r) => r.inputs.metadata?.namespace === ns);
  for (const tenant of tenants) {
    for (const ns of tenant.namespaces) {
      const [namespace] = ofType(resources, NS).filter((r) => r.inputs.metadata?.name === ns);
      expect(namespace).toBeDefined();
      const labels = namespace.inputs.metadata.labels as Record<string, string>;
      expect(labels[LABELS.tenant]).toBe(tenant.name);
      expect(labels[LABELS.tier]).toBe(tenant.tier);
      for (const mode of ["enforce", "audit", "warn"] as const) {
        expect(labels[PSA_LABELS[mode]]).toBe("restricted");
        expect(labels[`${PSA_LABELS[mode]}-version`]).toBe(tenant.pssVersion);
      }
      const policies = inNs("kubernetes:networking.k8s.io/v1:NetworkPolicy", ns);
      const deny = policies.find((p) => Object.keys(p.inputs.spec.podSelector ?? {}).length === 0 && !p.inputs.spec.ingress && !p.inputs.spec.egress);
      expect(deny?.inputs.spec.policyTypes).toEqual(expect.arrayContaining(["Ingress", "Egress"]));
      expect(policies.length).toBeGreaterThanOrEqual(3);
      expect(inNs("kubernetes:core/v1:ResourceQuota", ns)).toHaveLength(1);
      expect(inNs("kubernetes:core/v1:LimitRange", ns)).toHaveLength(1);
      expect(inNs("kubernetes:rbac.authorization.k8s.io/v1:Role", ns)).toHaveLength(3);
      expect(inNs("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", ns)).toHaveLength(3);
      const [sa] = inNs("kubernetes:core/v1:ServiceAccountPatch", ns);
      expect(sa.inputs).toMatchObject({ metadata: { name: "default" }, automountServiceAccountToken: false });
    }
    // One access entry per principal, into the tenant's group, with no access policy (RBAC decides).
    for (const [role, arns] of Object.entries(tenant.roles)) {
      for (const arn of arns) {
        const entries = ofType(resources, "aws:eks/accessEntry:AccessEntry").filter((e) => e.inputs.principalArn === arn);
        expect(entries.map((e) => e.inputs.kubernetesGroups)).toEqual([[`${tenant.name}:${role}`]]);
      }
    }
  }
  // The only cluster-wide grants are the deployer's own scoped roles (split layout; the image-verification one
  // covers the verification custom resources only, components/signing/deployer-grants.ts), the load balancer
  // controller's and the Cluster Autoscaler's (upstream ClusterRoles, each bound to its own ServiceAccount only).
  const others = ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").filter((b) => ![DEPLOYER_CLUSTER_ROLE, VERIFICATION_DEPLOYER_ROLE].includes(b.inputs.metadata?.name));
  const ownServiceAccounts = [
    JSON.stringify([{ kind: "ServiceAccount", name: LBC_SERVICE_ACCOUNT, namespace: LBC_NAMESPACE }]),
    JSON.stringify([{ kind: "ServiceAccount", name: "cluster-autoscaler", namespace: "kube-system" }]),
  ];
  expect(others.map((b) => ownServiceAccounts.includes(JSON.stringify(b.inputs.subjects)))).toEqual(others.map(() => true));
  expect(others.filter((b) => b.inputs.roleRef.name === "cluster-autoscaler").map((b) => b.inputs.subjects)).toEqual([[{ kind: "ServiceAccount", name: "cluster-autoscaler", namespace: "kube-system" }]]);
  expect(others.length).toBeLessThanOrEqual(2);
}

describe.each(SPLIT)("the in-cluster stack file of %s", (stack) => {
  let run: Awaited<ReturnType<typeof inClusterRun>>;
  let tenants: TenantConfig[];
  beforeAll(async () => {
    run = await inClusterRun(stack);
    tenants = parseInClusterConfig(loadInClusterStackConfig(stack)).tenants;
  });

  test("declares realistic tenants whose principals are roles of the environment's account", () => {
    const accountId = parsePlatformConfig(loadStackConfig(stack)).accountId;
    expect(tenants.length).toBe(stack === "prod" ? 4 : 3);
    expect(tenants.filter((t) => t.tier === "sensitive").length).toBeGreaterThanOrEqual(stack === "prod" ? 2 : 1);
    for (const t of tenants) for (const arn of Object.values(t.roles).flat()) expect(arn).toMatch(new RegExp(`^arn:aws:iam::${accountId}:role/`));
  });

  test("zero mandatory violations through the pack with the in-cluster pack config", async () => {
    const config = (await resolved(run.outputs.policyConfig)) as Record<string, unknown>;
    expect(config).toEqual(inClusterPackConfig(packConfigFor(parsePlatformConfig(loadStackConfig(stack)))));
    const { violations } = judge(run.resources, config);
    expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.rule} ${v.message} @ ${v.urn}`)).toEqual([]);
  });

  test("every tenant namespace has its full set; access entries per principal; no cluster-wide grants", () => {
    expectFullTenantSets(run.resources, tenants);
  });

  test("the admission mirror binds its policies to tenant namespaces and enforces the platform's registry", async () => {
    const policies = ofType(run.resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy");
    const bindings = ofType(run.resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding");
    expect(policies.length).toBeGreaterThan(0);
    expect(bindings).toHaveLength(policies.length);
    const registry = (committedOutputs(stack).policyConfig as { allowedRegistries: string[] }).allowedRegistries[0];
    expect(JSON.stringify(policies.map((p) => p.inputs.spec))).toContain(`allowed registry (${registry})`);
    expect(await resolved(run.outputs.tenantNamespaces)).toEqual(tenants.flatMap((t) => t.namespaces));
  });

  test("W4: the deployer's Kubernetes rights are a scoped ClusterRole bound to its access-entry group, not cluster-admin", () => {
    const [binding] = ofType(run.resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").filter((b) => b.inputs.metadata?.name === DEPLOYER_CLUSTER_ROLE);
    expect(binding.inputs.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: DEPLOYER_CLUSTER_ROLE });
    expect(binding.inputs.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: DEPLOYER_GROUP }]);
    const [role] = ofType(run.resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").filter((r) => r.inputs.metadata?.name === DEPLOYER_CLUSTER_ROLE);
    const rules = role.inputs.rules as { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[];
    const granted = new Set(rules.flatMap((r) => r.resources));
    // Every kind the in-cluster stack creates is covered; nothing that reads secrets or runs code is, cluster-wide.
    // The load balancer controller's namespaced workload objects are covered by a Role in its namespace only.
    // Its kube-system Role: the platform add-on workloads it runs there (the Cluster Autoscaler), nowhere else.
    const kubeSystemRole = ofType(run.resources, "kubernetes:rbac.authorization.k8s.io/v1:Role").find((r) => r.inputs.metadata?.name === DEPLOYER_CLUSTER_ROLE)!;
    expect(kubeSystemRole.inputs.metadata.namespace).toBe("kube-system");
    const inKubeSystem = new Set((kubeSystemRole.inputs.rules as { resources: string[] }[]).flatMap((r) => r.resources));
    expect([...inKubeSystem].sort()).toEqual(["deployments", "serviceaccounts"]);
    // The image verification layer is covered by its own grants (test/infra/signing.test.ts), not by this ClusterRole.
    const verification = run.resources.find((x) => x.type === "hardened-cluster:signing:ImageVerification");
    const underVerification = (x: RecordedResource): boolean => x.parent !== null && x.parent !== undefined && (x.parent === verification?.urn || underVerification(run.resources.find((p) => p.urn === x.parent)!));
    const nsRules = (LBC_DEPLOYER_NAMESPACE_RULES as readonly { resources: readonly string[] }[]).flatMap((r) => r.resources);
    for (const r of run.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:") && !x.type.startsWith("kubernetes:rbac.authorization.k8s.io/v1:Cluster") && !underVerification(x))) {
      const kind = String(r.inputs.kind ?? r.type.split(":").pop());
      const plural = {
        Namespace: "namespaces", NetworkPolicy: "networkpolicies", ResourceQuota: "resourcequotas", LimitRange: "limitranges", Role: "roles", RoleBinding: "rolebindings", ServiceAccount: "serviceaccounts", ENIConfig: "eniconfigs",
        ValidatingAdmissionPolicy: "validatingadmissionpolicies", ValidatingAdmissionPolicyBinding: "validatingadmissionpolicybindings", CustomResourceDefinition: "customresourcedefinitions", IngressClass: "ingressclasses", IngressClassParams: "ingressclassparams",
        MutatingWebhookConfiguration: "mutatingwebhookconfigurations", ValidatingWebhookConfiguration: "validatingwebhookconfigurations", Deployment: "deployments", Service: "services", Secret: "secrets",
        SecretProviderClass: "secretproviderclasses", ServiceAccountPatch: "serviceaccounts", SecurityGroupPolicy: "securitygrouppolicies",
      }[kind];
      const inControllerNs = r.inputs.metadata?.namespace === LBC_NAMESPACE && plural !== undefined && nsRules.includes(plural);
      const inKubeSystemRole = r.inputs.metadata?.namespace === "kube-system" && plural !== undefined && inKubeSystem.has(plural);
      expect({ kind, covered: plural !== undefined && (granted.has(plural) || inControllerNs || inKubeSystemRole) }).toEqual({ kind, covered: true });
    }
    for (const forbidden of ["*", "secrets", "pods", "pods/exec", "deployments", "clusterrolebindings/*", "nodes/proxy"]) expect(granted.has(forbidden)).toBe(false);
    for (const r of rules) expect(r.verbs).not.toContain("*");
    // Webhook configurations, CRDs and ClusterRoles: only create (RBAC cannot limit create by name) and, by name, the controller's own.
    for (const r of rules.filter((x) => x.resources.some((res) => ["mutatingwebhookconfigurations", "validatingwebhookconfigurations", "customresourcedefinitions"].includes(res)))) {
      if (r.resourceNames === undefined) expect(r.verbs).toEqual(["create"]);
      else expect([...LBC_CLUSTER_OBJECT_NAMES.webhooks, ...LBC_CLUSTER_OBJECT_NAMES.crds]).toEqual(expect.arrayContaining(r.resourceNames));
    }
    // escalate/bind only on the tenant role names and the controller's own roles, and the deployer may touch only
    // its own and the controller's ClusterRole(Binding).
    const escalatable = ["tenant-admin", "tenant-developer", "tenant-viewer", ...LBC_CLUSTER_OBJECT_NAMES.clusterRoles, LBC_CLUSTER_OBJECT_NAMES.leaderElectionRole, "cluster-autoscaler"];
    for (const r of rules.filter((x) => x.verbs.includes("escalate") || x.verbs.includes("bind"))) expect(escalatable).toEqual(expect.arrayContaining(r.resourceNames ?? ["(unnamed)"]));
    for (const r of rules.filter((x) => x.resources.includes("clusterroles") && !x.verbs.includes("create"))) expect([DEPLOYER_CLUSTER_ROLE, ...LBC_CLUSTER_OBJECT_NAMES.clusterRoles, "cluster-autoscaler"]).toEqual(expect.arrayContaining(r.resourceNames ?? ["(unnamed)"]));
  });

  test("the committed policy-config file is the rendering of the in-cluster pack config", () => {
    const file = fs.readFileSync(path.join(IN_CLUSTER_DIR, "stacks", `policy-config.${stack}.json`), "utf8");
    expect(file).toBe(renderInClusterPolicyConfig(packConfigFor(parsePlatformConfig(loadStackConfig(stack)))));
  });
});

describe("the committed StackReference outputs cannot drift from the AWS stack", () => {
  test.each(SPLIT)("%s: exactly the keys the in-cluster program reads, each exported by the AWS stack with the same shape", async (stack) => {
    const committed = committedOutputs(stack);
    expect(Object.keys(committed).sort()).toEqual([...PLATFORM_OUTPUTS_READ].sort());
    const { outputs } = await stackRun(stack);
    const exported = (await resolved(outputs)) as Record<string, unknown>;
    for (const key of PLATFORM_OUTPUTS_READ) expect(exported[key]).toBeDefined();
    // Values the AWS program computes from config (not cloud-assigned ids) must match exactly.
    for (const key of ["environment", "region", "clusterName", "pools", "corednsVersion", "policyConfig", "podEgress"] as const) expect(committed[key]).toEqual(exported[key]);
    const literal = ({ clusterName, addonVersion, containerLogs, cpuThresholdPercent, memoryThresholdPercent, guardDutyAgent }: Record<string, unknown>) => ({ clusterName, addonVersion, containerLogs, cpuThresholdPercent, memoryThresholdPercent, guardDutyAgent });
    expect(literal(committed.observability as Record<string, unknown>)).toEqual(literal(exported.observability as Record<string, unknown>));
    const azs = (v: unknown) => (v as { availabilityZone: string; cidr: string }[]).map((s) => `${s.availabilityZone} ${s.cidr}`);
    expect(azs(committed.podSubnets)).toEqual(azs(exported.podSubnets));
    expect(Object.keys(committed.securityGroups as object).sort()).toEqual(Object.keys(exported.securityGroups as object).sort());
    const kubeconfig = JSON.parse(committed.kubeconfig as string);
    expect(kubeconfig.clusters[0].name).toBe(exported.clusterName);
    expect(committed.oidcProviderArn).toMatch(/^arn:aws:iam::\d{12}:oidc-provider\/oidc\.eks\./);
  });
});

describe("dev composes the in-cluster layer in the AWS stack", () => {
  test("two tenants (one sensitive), each namespace with its full set, plus the admission mirror", async () => {
    const { resources } = await stackRun("dev");
    const tenants = parsePlatformConfig(loadStackConfig("dev")).tenants;
    expect(tenants).toHaveLength(2);
    expect(tenants.some((t) => t.tier === "sensitive")).toBe(true);
    expectFullTenantSets(resources, tenants);
    expect(ofType(resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").length).toBeGreaterThan(0);
  });

  test("tenants wait for the node pools and CoreDNS", async () => {
    const { resources } = await stackRun("dev");
    const tenants = ofType(resources, "hardened-cluster:tenant:Tenant");
    const coredns = ofType(resources, "hardened-cluster:cluster:ClusterAddons").find((c) => c.name.endsWith("-dns"))!;
    expect(tenants).toHaveLength(2);
    for (const t of tenants) {
      expect(dependsOnComponent(resources, t, coredns)).toBe(true);
      for (const pool of ofType(resources, "hardened-cluster:node-pool:NodePool")) expect(dependsOnComponent(resources, t, pool)).toBe(true);
    }
  });

  test.each(SPLIT)("%s's AWS stack carries no tenants (single source: the in-cluster stack file)", (stack) => {
    expect(loadStackConfig(stack)["hardened-cluster:tenants"]).toBeUndefined();
  });
});
