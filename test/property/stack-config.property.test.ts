/**
 * Property: for randomly generated VALID platform stack configs (dev layout: no deployer, tenants composed in
 * the same stack), the platform program recorded under the mocks
 *   (0) registers every URN once and one EKS access entry per principal (a real deployment rejects both),
 *   (1) has zero mandatory violations from every rule of the pack, with the stack's own pack config,
 *   (2) gives every tenant namespace its full set of guards, and
 *   (3) opens security-group ingress only on ports of the port table's EKS rows or enabled add-on ports.
 * Recording costs ~5 ms per Kubernetes resource, so runs are few and split by tenant count (0, a few, ~50) so
 * each size is covered in every run of the suite.
 */
import * as fc from "fast-check";
import type { RecordedResource } from "../../engine/record";
import { parsePlatformConfig, type PlatformConfig } from "../../infra/config";
import { packConfigFor } from "../../infra/policy-config";
import { normaliseProtocol, rowsFor } from "../../policy-pack/baseline/ports";
import { PSA_LABELS, LABELS } from "../../policy-pack/baseline/labels";
import { ADDON_AGENT_NAMESPACES, DEFAULT_SERVICE_ACCOUNT, KUBE_DNS, REQUIRED_QUOTA_KEYS, TENANT_POLICY_NAMES, TENANT_ROLES, tenantRoleName } from "../../policy-pack/baseline/tenancy";
import { exemptionKey } from "../../policy-pack/core/exemptions";
import { judge } from "../infra/fixtures";
import { runPlatform } from "../infra/stack-config";
import { platformStackConfig, toConfigMap, type StackConfigCase, type TenantCount } from "./arbitraries/stack-config";
import { runs } from "./support/pack";

const K8S = {
  namespace: "kubernetes:core/v1:Namespace",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  quota: "kubernetes:core/v1:ResourceQuota",
  limitRange: "kubernetes:core/v1:LimitRange",
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  serviceAccountPatch: "kubernetes:core/v1:ServiceAccountPatch",
} as const;

/**
 * (0) What a real preview/update would reject although the mocks accept it: one URN registered twice (the
 * engine's "duplicate resource URN"), or two EKS access entries for one principal (EKS allows one per cluster).
 */
function registrationConflicts(resources: readonly RecordedResource[]): string[] {
  const repeated = (keys: readonly string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
  const entries = resources.filter((r) => r.type === "aws:eks/accessEntry:AccessEntry");
  return [
    ...repeated(resources.map((r) => r.urn)).map((urn) => `URN registered twice: ${urn}`),
    ...repeated(entries.map((r) => String(r.inputs.principalArn))).map((arn) => `two access entries for ${arn}: ${entries.filter((e) => e.inputs.principalArn === arn).map((e) => e.urn).join(", ")}`),
  ];
}

/** (1) Mandatory violations of every rule, judged as the preview engine does, with the stack's pack config. */
function mandatoryViolations(resources: readonly RecordedResource[], config: PlatformConfig): string[] {
  return judge(resources, packConfigFor(config))
    .violations.filter((v) => v.level === "mandatory")
    .map((v) => `${v.message} @ ${v.urn}`);
}

const isEmpty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);

/** (2) What is missing from each tenant namespace's guards. */
function missingGuards(resources: readonly RecordedResource[], config: PlatformConfig): string[] {
  const inNs = new Map<string, RecordedResource[]>();
  for (const r of resources) {
    const ns = r.inputs?.metadata?.namespace;
    if (typeof ns === "string") inNs.set(ns, [...(inNs.get(ns) ?? []), r]);
  }
  const problems: string[] = [];
  const tenantNamespaces = config.tenants.flatMap((t) => t.namespaces);
  // The platform's own add-on namespaces (strict-mode policies, SystemNetworkPolicies) are not tenants.
  const platformNamespaces: string[] = Object.values(ADDON_AGENT_NAMESPACES).map((a) => a.namespace);
  const namespaces = resources.filter((r) => r.type === K8S.namespace && !platformNamespaces.includes(r.inputs.metadata?.name));
  if (namespaces.length !== tenantNamespaces.length) problems.push(`expected ${tenantNamespaces.length} Namespaces, got ${namespaces.length}`);
  for (const t of config.tenants) {
    const level = t.podSecurity?.level ?? "restricted";
    for (const ns of t.namespaces) {
      const miss = (what: string) => problems.push(`${t.name}/${ns}: ${what}`);
      const namespace = namespaces.find((r) => r.inputs.metadata?.name === ns);
      if (!namespace) {
        miss("no Namespace");
      } else {
        const labels: Record<string, string> = namespace.inputs.metadata.labels ?? {};
        for (const mode of ["enforce", "audit", "warn"] as const) {
          if (labels[PSA_LABELS[mode]] !== level) miss(`PSA ${mode} label is ${labels[PSA_LABELS[mode]]}, expected ${level}`);
          if (labels[PSA_LABELS[`${mode}Version`]] !== t.pssVersion) miss(`PSA ${mode}-version label is ${labels[PSA_LABELS[`${mode}Version`]]}, expected ${t.pssVersion}`);
        }
        if (labels[LABELS.tenant] !== t.name || labels[LABELS.tier] !== t.tier) miss("tenant/tier labels");
        if (t.podSecurity && namespace.inputs.metadata.annotations?.[exemptionKey("NS-001")] !== t.podSecurity.justification) miss("weakened PSA without its exemption annotation");
      }
      const here = inNs.get(ns) ?? [];
      const of = (type: string) => here.filter((r) => r.type === type);
      const policies = of(K8S.networkPolicy);
      const deny = policies.find((p) => p.inputs.metadata.name === TENANT_POLICY_NAMES.defaultDeny);
      const denySpec = deny?.inputs.spec;
      if (!denySpec || Object.keys(denySpec.podSelector ?? { x: 1 }).length > 0 || [...(denySpec.policyTypes ?? [])].sort().join() !== "Egress,Ingress" || !isEmpty(denySpec.ingress) || !isEmpty(denySpec.egress)) {
        miss("no default-deny NetworkPolicy (podSelector {}, Ingress+Egress, no rules)");
      }
      const dns = policies.find((p) => p.inputs.metadata.name === TENANT_POLICY_NAMES.dnsEgress)?.inputs.spec;
      const dnsOk =
        dns?.egress?.length === 1 &&
        dns.egress[0].to?.every((peer: any) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === KUBE_DNS.namespace && peer.podSelector?.matchLabels?.["k8s-app"] === "kube-dns") &&
        dns.egress[0].ports?.every((p: any) => p.port === KUBE_DNS.port);
      if (!dnsOk) miss("no DNS egress NetworkPolicy limited to kube-dns:53");
      const quotas = of(K8S.quota);
      if (quotas.length !== 1 || REQUIRED_QUOTA_KEYS.some((k) => quotas[0].inputs.spec?.hard?.[k] === undefined)) miss(`ResourceQuota with ${REQUIRED_QUOTA_KEYS.join(", ")}`);
      if (of(K8S.limitRange).length !== 1) miss("LimitRange");
      const roles = of(K8S.role).map((r) => r.inputs.metadata.name).sort();
      if (roles.join() !== TENANT_ROLES.map(tenantRoleName).sort().join()) miss(`Roles ${TENANT_ROLES.map(tenantRoleName).join(", ")} (got ${roles.join(", ")})`);
      const bindings = of(K8S.roleBinding);
      for (const role of TENANT_ROLES) {
        const ok = bindings.some(
          (b) => b.inputs.roleRef?.kind === "Role" && b.inputs.roleRef?.name === tenantRoleName(role) && b.inputs.subjects?.length === 1 && b.inputs.subjects[0].kind === "Group" && b.inputs.subjects[0].name === `${t.name}:${role}`,
        );
        if (!ok) miss(`RoleBinding of ${tenantRoleName(role)} to group ${t.name}:${role}`);
      }
      if (bindings.length !== TENANT_ROLES.length) miss(`${TENANT_ROLES.length} RoleBindings (got ${bindings.length})`);
      const sa = of(K8S.serviceAccountPatch).filter((s) => s.inputs.metadata.name === DEFAULT_SERVICE_ACCOUNT);
      if (sa.length !== 1 || sa[0].inputs.automountServiceAccountToken !== false) miss("default ServiceAccountPatch with automountServiceAccountToken: false");
    }
  }
  return problems;
}

/** One ingress rule in any of the three forms (standalone vpc rule, ec2 SecurityGroupRule, inline). */
interface Ingress {
  readonly urn: string;
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
}

function ingressRules(resources: readonly RecordedResource[]): Ingress[] {
  return resources.flatMap((r): Ingress[] => {
    const i = r.inputs;
    switch (r.type) {
      case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        return [{ urn: r.urn, protocol: i.ipProtocol, fromPort: i.fromPort, toPort: i.toPort }];
      case "aws:ec2/securityGroupRule:SecurityGroupRule":
        return i.type === "ingress" ? [{ urn: r.urn, protocol: i.protocol, fromPort: i.fromPort, toPort: i.toPort }] : [];
      case "aws:ec2/securityGroup:SecurityGroup":
      case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
        return ((i.ingress ?? []) as Record<string, unknown>[]).map((x) => ({ urn: r.urn, protocol: x.protocol, fromPort: x.fromPort, toPort: x.toPort }));
      default:
        return [];
    }
  });
}

/** (3) Ingress rules whose protocol/port range lies in no EKS row of the port table and no enabled add-on port. */
function portsOutsideTable(resources: readonly RecordedResource[], config: PlatformConfig): string[] {
  const rows = rowsFor("eks");
  const addons = config.addonPorts.filter((a) => a.enabled);
  return ingressRules(resources)
    .filter((rule) => {
      const protocol = normaliseProtocol(rule.protocol);
      if (protocol === "all") return !rows.some((row) => row.protocols.includes("all"));
      const from = Number(rule.fromPort);
      const to = Number(rule.toPort);
      if (protocol === undefined || !Number.isInteger(from) || !Number.isInteger(to) || from > to) return true;
      const inRow = rows.some((row) => row.protocols.includes(protocol) && row.fromPort <= from && to <= row.toPort);
      const inAddon = addons.some((a) => a.protocol === protocol && a.port === from && a.port === to);
      return !inRow && !inAddon;
    })
    .map((rule) => `${String(rule.protocol)} ${String(rule.fromPort)}-${String(rule.toPort)} @ ${rule.urn}`);
}

/** Run one generated stack and throw with every broken property (fast-check prints the config). */
async function checkStack(c: StackConfigCase): Promise<void> {
  const raw = toConfigMap(c);
  const config = parsePlatformConfig(raw); // the generator only makes valid configs: a throw here is a generator bug
  const { resources } = await runPlatform(raw, config.environment);
  const failures = {
    registrationConflicts: registrationConflicts(resources),
    mandatoryViolations: mandatoryViolations(resources, config),
    missingGuards: missingGuards(resources, config),
    portsOutsideTable: portsOutsideTable(resources, config),
  };
  const broken = Object.entries(failures).filter(([, list]) => list.length > 0);
  if (broken.length > 0) {
    throw new Error(broken.map(([k, list]) => `${k}:\n${list.slice(0, 20).map((l) => `  ${l}`).join("\n")}${list.length > 20 ? `\n  … ${list.length - 20} more` : ""}`).join("\n"));
  }
}

/**
 * Tenant-count buckets, each with its own runs so every suite run covers 0, a few and a dozen tenants. The ~50-tenant
 * bucket (a 50-tenant config records ~1,650 resources: tens of seconds on a loaded machine) is a scale run kept out
 * of `npm test`: `STACK_CONFIG_SCALE=1 npx jest test/property/stack-config` runs it instead of the dozen. Scale the
 * run counts with `PROPERTY_SCALE`.
 */
const LARGE: readonly [string, TenantCount, number] =
  process.env.STACK_CONFIG_SCALE === "1" ? ["~50", { min: 45, max: 50 }, 1] : ["~12", { min: 10, max: 12 }, 1];
const BUCKETS: readonly (readonly [string, TenantCount, number])[] = [
  ["no", { min: 0, max: 0 }, 1],
  ["a few", { min: 1, max: 6 }, 4],
  LARGE,
];

/** `STACK_CONFIG_KNOWN_FINDINGS=1` also generates the reported corners (arbitraries KNOWN_FINDINGS), to check a fix. */
const options = { includeKnownFindings: process.env.STACK_CONFIG_KNOWN_FINDINGS === "1" };

describe("platform stack config properties", () => {
  test.each(BUCKETS)(
    "valid configs with %s tenants: no registration conflict, no mandatory violation, every namespace guarded, SG ports in the table",
    async (_label, count, numRuns) => {
      await fc.assert(
        fc.asyncProperty(platformStackConfig(count, options), checkStack),
        // Shrinking re-records the program each step; cap it so a failure reports instead of timing out.
        { ...runs(numRuns), plugins: [fc.interruptAfterTimeLimit(180_000)] },
      );
    },
    240_000,
  );
});
