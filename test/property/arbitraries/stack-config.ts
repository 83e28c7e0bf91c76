/**
 * Arbitraries of VALID platform stack configs in the dev layout (no deployer, so tenants are composed in the
 * same stack), derived from stacks/Pulumi.dev.yaml and every key and constraint of infra/schema.ts (plus the
 * tenant, detection and registry schemas it embeds). Each value is the raw `config:` map as Pulumi holds it:
 * `aws:region` and `hardened-cluster:<key>` → text (objects as JSON text).
 *
 * Where a component enforces a narrower range than the schema (Network: VPC /16–/20 RFC 1918, pod /16–/22
 * private; Cluster: unique admin names; Firewall: extraEgress fromPort ≤ toPort), the generator stays inside it.
 */
import * as fc from "fast-check";
import { principalSlug } from "../../../components/tenant/rbac";
import { SELF_MANAGED_ONLY_PORTS, portRow } from "../../../policy-pack/baseline/ports";
import { cidrOverlaps } from "../../../policy-pack/core/cidr";
import { EKS_DEFAULT_SERVICE_CIDRS } from "../../../components/network/cidr";
import type { TenantConfigInput } from "../../../components/tenant/config";

/** A generated stack: the raw config map plus the parsed-in values, kept for readable counterexamples. */
export interface StackConfigCase {
  readonly region: string;
  /** Values of the `hardened-cluster` namespace (before schema defaults). */
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Corners the schema accepts but the platform mishandles (found by this property; reported, not yet fixed).
 * {@link platformStackConfig} avoids them unless asked to include them (`includeKnownFindings`), so the suite
 * stays green and deterministic; include them to check a fix.
 */
export const KNOWN_FINDINGS = {
  /** An enabled addonPorts entry on etcd/6443/10257/10259 or a NodePort opens an SG rule SG-003/SG-007 reject. */
  addonPortOnForbiddenPort: "addonPorts[].port in 2379-2380, 6443, 10257, 10259 or 30000-32767 (enabled)",
  /** Two principals of one tenant role whose access-entry slugs match (`role/a.b`, `role/a_b`) register one URN twice. */
  principalSlugCollision: "tenants[].roles.<role> with two ARNs that differ only in characters principalSlug folds",
  /** Two extraEgress entries with one name, protocol and CIDR register one SG egress URN twice. */
  duplicateExtraEgressName: "extraEgress[] with a repeated name",
  /** A cluster admin's roleArn also listed in a tenant role: two EKS access entries for one principal. */
  adminAlsoTenantPrincipal: "admins[].roleArn repeated in tenants[].roles.<role>",
} as const;

/** Options of {@link platformStackConfig}. */
export interface StackConfigOptions {
  /** Also generate the {@link KNOWN_FINDINGS} corners (expect failures until they are fixed). Default false. */
  readonly includeKnownFindings?: boolean;
}

/** Ports an enabled add-on must not take on EKS (SG-003 self-managed-only ports, SG-007 NodePorts). */
const FORBIDDEN_ADDON_PORTS = [...SELF_MANAGED_ONLY_PORTS, { fromPort: portRow("nodeport").fromPort, toPort: portRow("nodeport").toPort }];
const forbiddenAddonPort = (port: number) => FORBIDDEN_ADDON_PORTS.some((r) => r.fromPort <= port && port <= r.toPort);

/** One generated tenant: the stack-file input form the Tenant schema validates. */
export type TenantInput = TenantConfigInput;

/** The `<namespace>:<key>` → text map Pulumi hands the program (what `recordResources` takes as `config`). */
export function toConfigMap(c: StackConfigCase): Record<string, string> {
  const out: Record<string, string> = { "aws:region": c.region };
  for (const [k, v] of Object.entries(c.values)) out[`hardened-cluster:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

/** Tenants of a generated case (empty when the key is absent). */
export function tenantsOf(c: StackConfigCase): TenantInput[] {
  return (c.values.tenants ?? []) as TenantInput[];
}

const REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2"] as const;
// Minors in EKS standard support on components/cluster/version.ts CALENDAR_AS_OF.
const K8S_VERSIONS = ["1.35"] as const;
const JUSTIFICATIONS = [
  "The API server calls this add-on's admission webhook.",
  "Payments must reach the card processor's settlement API.",
  "Required by the audit team for the quarterly access review.",
  "Legacy batch job needs this until the Q3 migration lands.",
  "Platform engineers administer the cluster through SSO.",
] as const;

const justification = fc.constantFrom(...JUSTIFICATIONS);
const optional = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });
/** Drop `undefined` members so the JSON text holds only keys that were chosen. */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A DNS-1123 label (the schema's rule: ≤ 63 chars, alphanumeric at both ends); may start with a digit. */
const dns1123Label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
/** A tenant name: DNS-1123 and not an EKS-reserved group prefix. */
const tenantName = dns1123Label.filter((n) => !["system", "eks", "amazon", "aws"].includes(n));
/** A tenant namespace: DNS-1123, not `default` and not `kube-*`. */
const namespaceName = dns1123Label.filter((n) => n !== "default" && !n.startsWith("kube-"));

/** A lower-case hyphenated name (`^[a-z][a-z0-9-]*$`) as admins/addonPorts/extraEgress take. */
const lowerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/);

/** An IAM role name with every character IAM allows (`[\w+=,.@-]`), optionally under a path. */
const iamRoleName = fc.tuple(optional(fc.stringMatching(/^[a-z]{1,6}\/$/), 4), fc.stringMatching(/^[\w+=,.@-]{1,24}$/)).map(([path, n]) => `${path ?? ""}${n}`);

const addonVersion = (versions: readonly string[]) => fc.constantFrom(...versions);

/** An aligned private (RFC 1918) VPC block of /16–/20, as the Network accepts. */
const vpcCidr: fc.Arbitrary<string> = fc.integer({ min: 16, max: 20 }).chain((prefix) => {
  const step = 2 ** (24 - prefix);
  const third = fc.integer({ min: 0, max: 256 / step - 1 }).map((k) => k * step);
  return fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 255 }), third).map(([b, c]) => `10.${b}.${c}.0/${prefix}`),
    fc.tuple(fc.integer({ min: 16, max: 31 }), third).map(([b, c]) => `172.${b}.${c}.0/${prefix}`),
    third.map((c) => `192.168.${c}.0/${prefix}`),
  );
});

/** An aligned private pod block of /16–/22 (mostly RFC 6598 100.64.0.0/10, sometimes RFC 1918), clear of EKS's Service ranges. */
const podCidr: fc.Arbitrary<string> = fc
  .integer({ min: 16, max: 22 })
  .chain((prefix) => {
    const step = 2 ** (24 - prefix);
    const third = fc.integer({ min: 0, max: 256 / step - 1 }).map((k) => k * step);
    return fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 64, max: 127 }), third).map(([b, c]) => `100.${b}.${c}.0/${prefix}`) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 255 }), third).map(([b, c]) => `10.${b}.${c}.0/${prefix}`) },
    );
  })
  .filter((c) => !EKS_DEFAULT_SERVICE_CIDRS.some((svc) => cidrOverlaps(c, svc)));

/** A trusted (never /0) office/VPN CIDR, any prefix 8–32. */
const trustedCidr: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 32 }))
  .map(([a, b, c, d, prefix]) => {
    const ip = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
    const net = prefix === 32 ? ip : Math.floor(ip / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
    return `${[24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join(".")}/${prefix}`;
  });

const network = fc
  .record({
    region: fc.constantFrom(...REGIONS),
    azs: fc.shuffledSubarray(["a", "b", "c"], { minLength: 2, maxLength: 3 }),
    cidr: vpcCidr,
    podCidr: podCidr,
    privateOnly: optional(fc.boolean(), 1),
    singleNatGateway: optional(fc.boolean(), 1),
  })
  .filter((n) => !cidrOverlaps(n.cidr, n.podCidr))
  .map((n) => ({
    region: n.region,
    network: compact({ cidr: n.cidr, podCidr: n.podCidr, availabilityZones: n.azs.map((z) => `${n.region}${z}`), privateOnly: n.privateOnly, singleNatGateway: n.singleNatGateway }),
  }));

const endpoint = fc.oneof(
  fc.record({ publicAccess: fc.constant(true), publicAccessCidrs: fc.uniqueArray(trustedCidr, { minLength: 1, maxLength: 3 }), privateAccessCidrs: fc.uniqueArray(trustedCidr, { maxLength: 3 }) }),
  fc.record({ publicAccess: fc.constant(false), privateAccessCidrs: fc.uniqueArray(trustedCidr, { maxLength: 3 }) }),
  fc.constant(undefined),
);

/** Instance types per architecture, with the AMI types that boot on them. */
const ARCH = {
  x86: { types: ["t3.medium", "t3.large", "m6i.large", "m6i.2xlarge", "c6i.xlarge", "r6i.large"], amis: ["AL2023_x86_64_STANDARD", "BOTTLEROCKET_x86_64"] },
  arm: { types: ["m7g.large", "c7g.xlarge", "t4g.large"], amis: ["AL2023_ARM_64_STANDARD", "BOTTLEROCKET_ARM_64"] },
} as const;

const pool = fc
  .record({
    arch: fc.constantFrom("x86", "arm" as const),
    minSize: fc.integer({ min: 0, max: 4 }),
    extra: fc.integer({ min: 0, max: 4 }),
    extraMax: fc.integer({ min: 0, max: 8 }),
    amiIndex: optional(fc.integer({ min: 0, max: 1 })),
    diskSizeGiB: optional(fc.integer({ min: 20, max: 500 })),
    metadataHopLimit: optional(fc.constant(1 as const), 3),
    capacityType: optional(fc.constantFrom("ON_DEMAND", "SPOT")),
    typeSeed: fc.integer({ min: 0, max: 1000 }),
    typeCount: fc.integer({ min: 1, max: 3 }),
  })
  .map((p) => {
    const { types, amis } = ARCH[p.arch];
    const instanceTypes = [...new Set(Array.from({ length: p.typeCount }, (_, i) => types[(p.typeSeed + i * 7) % types.length]))];
    const desiredSize = p.minSize + p.extra;
    return compact({
      instanceTypes,
      minSize: p.minSize,
      maxSize: Math.max(1, desiredSize + p.extraMax),
      desiredSize,
      amiType: p.amiIndex === undefined ? undefined : amis[p.amiIndex],
      diskSizeGiB: p.diskSizeGiB,
      metadataHopLimit: p.metadataHopLimit,
      capacityType: p.capacityType,
    });
  });

const roleArnIn = (account: string) => iamRoleName.map((n) => `arn:aws:iam::${account}:role/${n}`);

const admins = (account: string) =>
  fc.uniqueArray(fc.record({ name: lowerName, roleName: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/), justification }), { maxLength: 2, selector: (a) => a.name }).map((list) =>
    list.map((a) => ({ name: a.name, roleArn: `arn:aws:iam::${account}:role/platform-${a.roleName}-admin`, justification: a.justification })),
  );

/** Any port, biased towards the port table's neighbourhood (webhooks, kubelet, etcd, NodePorts). */
const anyPort = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 1, arbitrary: fc.constantFrom(443, 2379, 2380, 6443, 8443, 9443, 10250, 10251, 10257, 10259, 30000, 32767) },
);

const addonPorts = (includeKnown: boolean) =>
  fc.uniqueArray(
    fc
      .record({ name: lowerName, enabled: fc.boolean(), protocol: optional(fc.constantFrom("tcp", "udp" as const)), port: anyPort, justification })
      .filter((a) => includeKnown || !a.enabled || !forbiddenAddonPort(a.port))
      .map(compact),
    { maxLength: 2, selector: (a) => a.name },
  );

const egressAllowance = (name: fc.Arbitrary<string>) =>
  fc
    .record({
      name,
      protocol: fc.constantFrom("tcp", "udp" as const),
      a: fc.integer({ min: 1, max: 65535 }),
      b: fc.integer({ min: 1, max: 65535 }),
      cidr: fc.oneof(trustedCidr, fc.constant("0.0.0.0/0")),
      justification,
    })
    .map(({ a, b, ...e }) => ({ ...e, fromPort: Math.min(a, b), toPort: Math.max(a, b) }));

/** extraEgress entries (fromPort ≤ toPort, as the Firewall demands); names unique unless known findings are included. */
const extraEgress = (includeKnown: boolean) =>
  includeKnown
    ? fc.array(egressAllowance(fc.constantFrom("partner", "backup")).map((e) => ({ ...e, cidr: "10.0.0.0/8", protocol: "tcp" as const })), { maxLength: 2 })
    : fc.uniqueArray(egressAllowance(lowerName), { maxLength: 2, selector: (e) => e.name });

const tags = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.stringMatching(/^[a-z0-9 ._-]{0,20}$/), { maxKeys: 3 });

const QUANTITIES = { cpu: ["100m", "250m", "500m", "1", "2", "4"], memory: ["128Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi"] } as const;
/** Container limits that a real LimitRange accepts: defaultRequest ≤ default ≤ max, per resource. */
const limits = fc
  .record({ cpu: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), memory: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }) })
  .map(({ cpu, memory }) => {
    const [c0, c1, c2] = [...cpu].sort((x, y) => x - y).map((i) => QUANTITIES.cpu[i]);
    const [m0, m1, m2] = [...memory].sort((x, y) => x - y).map((i) => QUANTITIES.memory[i]);
    return { defaultRequest: { cpu: c0, memory: m0 }, default: { cpu: c1, memory: m1 }, max: { cpu: c2, memory: m2 } };
  });

/** A tenant egress entry the pod SG can carry (IPv4, TCP/UDP; IPv6 and SCTP are config errors: the SGs cannot pass them). */
const egressEntry = fc.record({
  cidr: fc.oneof({ weight: 4, arbitrary: trustedCidr }, { weight: 1, arbitrary: fc.constant("0.0.0.0/0") }),
  ports: fc.array(fc.record({ port: fc.integer({ min: 1, max: 65535 }), protocol: optional(fc.constantFrom("TCP", "UDP" as const)) }).map(compact), { minLength: 1, maxLength: 3 }),
  justification,
});

/** The extraEgress entries that open every tenant egress port on the pod SG (the schema demands the coverage). */
const coveringEgress = (tenantList: readonly TenantInput[]) =>
  tenantList.flatMap((t, i) =>
    (t.egress ?? []).flatMap((e, j) =>
      e.ports.map((p, k) => ({ name: `tenant-${i}-${j}-${k}`, protocol: (p.protocol ?? "TCP").toLowerCase() as "tcp" | "udp", fromPort: p.port, toPort: p.port, cidr: e.cidr, justification: e.justification })),
    ),
  );

/** Per-tenant settings other than name, namespaces and principals. */
const tenantExtras = (k8sVersion: string) =>
  fc.record({
    nsCount: fc.integer({ min: 1, max: 3 }),
    tier: optional(fc.constantFrom("standard", "sensitive" as const), 4),
    pssVersion: fc.constantFrom(`v${k8sVersion}`, `v${k8sVersion}`, "v1.32"),
    size: optional(fc.constantFrom("small", "medium", "large" as const)),
    quota: optional(fc.constantFrom<Record<string, string>>({ "count/secrets": "50" }, { pods: "40", "requests.cpu": "8" }), 4),
    exposed: optional(fc.constant(true as const), 8),
    limits: optional(limits, 4),
    podSecurity: optional(fc.record({ level: fc.constantFrom("baseline", "privileged" as const), justification }), 8),
    egress: optional(fc.array(egressEntry, { minLength: 1, maxLength: 2 }), 3),
    roleCounts: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
  });

/** `n` tenants with unique names, 1–3 namespaces each (unique across the stack), principals unique across the stack. */
const tenants = (n: number, account: string, k8sVersion: string, includeKnown: boolean): fc.Arbitrary<TenantInput[]> =>
  n === 0
    ? fc.constant([])
    : fc
        .tuple(
          fc.uniqueArray(tenantName, { minLength: n, maxLength: n }),
          fc.uniqueArray(namespaceName, { minLength: 3 * n, maxLength: 3 * n }),
          fc.uniqueArray(roleArnIn(account), { minLength: 6 * n, maxLength: 6 * n, selector: includeKnown ? (arn) => arn : principalSlug }),
          fc.array(tenantExtras(k8sVersion), { minLength: n, maxLength: n }),
        )
        .map(([names, namespaces, principals, extras]) =>
          names.map((name, i) => {
            const e = extras[i];
            const [a, d, v] = e.roleCounts;
            const mine = principals.slice(6 * i, 6 * i + 6);
            const quota = e.exposed ? { ...(e.quota ?? {}), "services.loadbalancers": "1" } : e.quota;
            return compact({
              name,
              namespaces: namespaces.slice(3 * i, 3 * i + e.nsCount),
              tier: e.tier,
              pssVersion: e.pssVersion,
              size: e.size,
              quota,
              quotaJustification: e.exposed ? JUSTIFICATIONS[1] : undefined,
              limits: e.limits,
              podSecurity: e.podSecurity,
              egress: e.egress,
              roles: { admin: mine.slice(0, a), developer: mine.slice(2, 2 + d), viewer: mine.slice(4, 4 + v) },
            });
          }),
        );

const detection = (environment: string) =>
  fc
    .record({
      alertEmails: optional(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}@example\.com$/), { maxLength: 2 })),
      alertWebhooks: optional(fc.constantFrom(["https://events.pagerduty.com/integration/0123456789abcdef/enqueue"], [])),
      observabilityAddonVersion: fc.constantFrom("v4.1.0-eksbuild.1", "v4.2.0-eksbuild.1"),
      cpuThresholdPercent: optional(fc.integer({ min: 1, max: 99 })),
      memoryThresholdPercent: optional(fc.integer({ min: 1, max: 99 })),
      containerLogs: optional(fc.boolean()),
      privilegedRoles: optional(fc.constantFrom(["cluster-admin", "admin", "edit"], ["cluster-admin"])),
      platformNamespaces: optional(fc.constantFrom(["amazon-cloudwatch"], ["platform-system", "amazon-cloudwatch"])),
      guardDuty: fc.record({
        // Prod cannot turn GuardDuty off (schema); elsewhere any setting.
        enabled: optional(environment === "prod" ? fc.constant(true) : fc.boolean(), 1),
        detectorId: optional(fc.stringMatching(/^[0-9a-f]{32}$/), 4),
        minSeverity: optional(fc.integer({ min: 1, max: 10 })),
        // The platform installs the GuardDuty agent add-on: a pinned version (required when GuardDuty is on).
        agentAddonVersion: fc.constantFrom("v1.12.1-eksbuild.2", "v1.11.0-eksbuild.1"),
      }),
    })
    .map((d) => compact({ ...d, guardDuty: compact(d.guardDuty) }));

const registry = (account: string) =>
  fc
    .record({
      repositories: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{2,10}(\/[a-z0-9]{1,10})?$/), { minLength: 1, maxLength: 4 }),
      push: fc.uniqueArray(fc.stringMatching(/^ci-[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 2 }),
      pull: optional(fc.uniqueArray(fc.stringMatching(/^pull-[a-z0-9-]{1,12}$/), { maxLength: 2 })),
      untaggedExpiryDays: optional(fc.integer({ min: 1, max: 365 })),
      keepImages: optional(fc.integer({ min: 1, max: 10000 })),
      enhancedScanning: optional(fc.boolean()),
    })
    .map((r) =>
      compact({
        repositories: r.repositories,
        ciPushPrincipalArns: r.push.map((n) => `arn:aws:iam::${account}:role/${n}`),
        extraPullPrincipalArns: r.pull?.map((n) => `arn:aws:iam::${account}:role/${n}`),
        untaggedExpiryDays: r.untaggedExpiryDays,
        keepImages: r.keepImages,
        enhancedScanning: r.enhancedScanning,
      }),
    );

/** Bounds of the tenant count of {@link platformStackConfig}. */
export interface TenantCount {
  readonly min: number;
  readonly max: number;
}

/**
 * A valid dev-layout platform stack config with `tenants.min`–`tenants.max` tenants. Environment, network,
 * endpoint, pools, add-on ports, egress, detection and registry vary over what the schema accepts; prod keeps
 * `protect: true` and GuardDuty on, as the schema demands.
 */
export function platformStackConfig(count: TenantCount, options: StackConfigOptions = {}): fc.Arbitrary<StackConfigCase> {
  const known = options.includeKnownFindings === true;
  return fc
    .record({
      environment: fc.constantFrom("dev", "staging", "prod" as const),
      clusterName: fc.stringMatching(/^[a-z][a-z0-9-]{1,38}$/),
      accountId: fc.stringMatching(/^[0-9]{12}$/),
      kubernetesVersion: fc.constantFrom(...K8S_VERSIONS),
      net: network,
      tenantCount: fc.integer({ min: count.min, max: count.max }),
    })
    .chain((base) =>
      fc
        .record({
          endpoint,
          kms: optional(fc.record({ deletionWindowInDays: fc.integer({ min: 30, max: 30 }) }), 4),
          logRetentionDays: optional(fc.constantFrom(365, 400, 545, 731, 1096, 1827, 3653)),
          admins: admins(base.accountId),
          addons: fc.record({
            vpcCni: addonVersion(["v1.20.4-eksbuild.1", "v1.19.6-eksbuild.7"]),
            coredns: addonVersion(["v1.12.1-eksbuild.2", "v1.11.4-eksbuild.14"]),
            kubeProxy: addonVersion([`v${base.kubernetesVersion}.3-eksbuild.4`]),
            podIdentityAgent: addonVersion(["v1.3.8-eksbuild.2"]),
          }),
          addonPorts: optional(addonPorts(known), 1),
          extraEgress: optional(extraEgress(known), 2),
          // The sensitive pool runs security groups for pods: trunk-capable (non-`t`) types only (infra/schema-pools.ts).
          nodePools: fc.record({ system: pool, general: pool, sensitive: pool.map((p) => ({ ...p, instanceTypes: p.instanceTypes.map((t) => (/^t\d/.test(t) ? (t.includes("g.") ? "m7g.large" : "m6i.large") : t)) })) }),
          nodeSsmAccess: optional(fc.boolean()),
          protect: base.environment === "prod" ? fc.constant(true) : optional(fc.boolean(), 1),
          tags: optional(tags, 1),
          tenants: tenants(base.tenantCount, base.accountId, base.kubernetesVersion, known),
          detection: detection(base.environment),
          registry: optional(registry(base.accountId), 1),
        })
        .map((rest) => {
          const [first, ...others] = rest.tenants;
          if (!known || rest.admins.length === 0 || !first) return rest;
          // Known finding: make a cluster admin also the first tenant's admin (generated values are not mutated).
          const admin = [rest.admins[0].roleArn, ...(first.roles?.admin ?? []).slice(1)];
          return { ...rest, tenants: [{ ...first, roles: { ...first.roles, admin } }, ...others] };
        })
        // Tenant allowlists must get through the pod SG: cover each generated entry with an extraEgress entry.
        .map((rest) => {
          const covering = coveringEgress(rest.tenants);
          return covering.length === 0 ? rest : { ...rest, extraEgress: [...(rest.extraEgress ?? []), ...covering] };
        })
        .map((rest) => (rest.nodeSsmAccess === true ? { ...rest, nodeSsmJustification: "Break-glass node access through Session Manager with session logging." } : rest))
        .map((rest) => ({
          region: base.net.region,
          values: compact({
            environment: base.environment,
            clusterName: base.clusterName,
            accountId: base.accountId,
            kubernetesVersion: base.kubernetesVersion,
            network: base.net.network,
            ...rest,
          }) as Record<string, unknown>,
        })),
    );
}
