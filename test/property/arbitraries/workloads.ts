/**
 * Compliant workloads of every owner type (pod specs built from the restricted security contexts of
 * baseline/pss.ts and ECR images) and single weakenings of them, each with the PSS/IMG rule ids that must
 * catch it.
 */
import * as fc from "fast-check";
import {
  BASELINE_ALLOWED_CAPABILITIES,
  RESTRICTED_ALLOWED_CAPABILITIES,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
  allowedSysctls,
  parsePssVersion,
} from "../../../policy-pack/baseline/pss";
import { DEFAULT_PACK_CONFIG } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource } from "../../support/rules";
import { pick, weakening, type Weakening } from "../support/pack";
import { accountId, awsRegion, dnsLabel, tenantNamespace } from "./common";

/** The owner types a pod spec can sit in (catalog W, without Patch variants). */
export const OWNER_TYPES = [
  "kubernetes:core/v1:Pod",
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:StatefulSet",
  "kubernetes:apps/v1:DaemonSet",
  "kubernetes:apps/v1:ReplicaSet",
  "kubernetes:batch/v1:Job",
  "kubernetes:batch/v1:CronJob",
] as const;

/** A semantic-version tag. */
const semver = fc.tuple(fc.nat(20), fc.nat(40), fc.nat(99)).map(([a, b, c]) => `${a}.${b}.${c}`);

/**
 * An allowed image: `<12 digits>.dkr.ecr.<region>.amazonaws.com/<repo>:<semver>`, sometimes digest-pinned too,
 * sometimes pinned by digest only (no tag: not `latest`), sometimes with a nested repository path.
 */
export const ecrImage: fc.Arbitrary<string> = fc
  .tuple(
    accountId,
    awsRegion,
    fc.array(dnsLabel, { minLength: 1, maxLength: 2 }),
    semver,
    fc.constantFrom("tag", "tag+digest", "digest"),
    fc.stringMatching(/^[a-f0-9]{64}$/),
  )
  .map(([account, region, path, tag, pin, digest]) => {
    const repo = `${account}.dkr.ecr.${region}.amazonaws.com/${path.join("/")}`;
    if (pin === "digest") return `${repo}@sha256:${digest}`;
    return `${repo}:${tag}${pin === "tag+digest" ? `@sha256:${digest}` : ""}`;
  });

/** Restricted container securityContext, with optional harmless variations the profile still accepts. */
const containerSecurityContext = fc
  .record({
    addBind: fc.boolean(),
    ownSeccomp: fc.boolean(),
    ownNonRoot: fc.boolean(),
    runAsUser: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    appArmor: fc.boolean(),
    seLinux: fc.option(fc.constantFrom("container_t", "container_init_t", "container_kvm_t"), { nil: undefined }),
    procMountDefault: fc.boolean(),
    localhostSeccomp: fc.boolean(),
    explicitNotPrivileged: fc.boolean(),
  })
  .map((o) => {
    const sc: Record<string, any> = structuredClone(RESTRICTED_CONTAINER_SECURITY_CONTEXT);
    if (o.addBind) sc.capabilities.add = [...RESTRICTED_ALLOWED_CAPABILITIES];
    if (!o.ownSeccomp) delete sc.seccompProfile; // the pod-level profile covers it
    if (!o.ownNonRoot) delete sc.runAsNonRoot; // the pod-level runAsNonRoot covers it
    if (o.runAsUser !== undefined) sc.runAsUser = o.runAsUser;
    if (o.appArmor) sc.appArmorProfile = { type: "RuntimeDefault" };
    if (o.seLinux) sc.seLinuxOptions = { type: o.seLinux };
    if (o.procMountDefault) sc.procMount = "Default";
    if (o.ownSeccomp && o.localhostSeccomp) sc.seccompProfile = { type: "Localhost", localhostProfile: "profiles/app.json" };
    if (!o.explicitNotPrivileged) delete sc.privileged; // absent is as good as false
    return sc;
  });

type Container = Record<string, any>;

const container = (name: string): fc.Arbitrary<Container> =>
  fc
    .record({
      image: ecrImage,
      securityContext: containerSecurityContext,
      ports: fc.array(
        fc.record({ containerPort: fc.integer({ min: 1024, max: 65535 }), protocol: fc.constantFrom("TCP", "UDP"), hostPort: fc.constantFrom(0, undefined) }, { requiredKeys: ["containerPort", "protocol"] }),
        { maxLength: 2 },
      ),
    })
    .map(({ image, securityContext, ports }) => ({ name, image, securityContext, ...(ports.length > 0 ? { ports } : {}) }));

const containers = (list: string, min: number, max: number): fc.Arbitrary<Container[]> =>
  fc.integer({ min, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => container(`${list}-${i}`))));

/** Volume sources the restricted profile allows. */
const volume = (name: string) =>
  fc.constantFrom<Record<string, any>>(
    { emptyDir: {} },
    { configMap: { name: "config" } },
    { secret: { secretName: "creds" } },
    { projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600 } }] } },
    { persistentVolumeClaim: { claimName: "data" } },
    { downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
    { csi: { driver: "secrets-store.csi.k8s.io", readOnly: true } },
    { ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } } },
  ).map((source) => ({ name, ...source }));

const SAFE_SYSCTLS = allowedSysctls(parsePssVersion(DEFAULT_PACK_CONFIG.podSecurityVersion));

/** A pod spec that passes every baseline and restricted check at the default PSS version. */
export const compliantPodSpec: fc.Arbitrary<Record<string, any>> = fc
  .record({
    containers: containers("c", 1, 3),
    initContainers: containers("init", 0, 2),
    ephemeralContainers: containers("debug", 0, 1),
    volumes: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => volume(`v${i}`)))),
    uid: fc.integer({ min: 1000, max: 65535 }),
    sysctls: fc.subarray([...SAFE_SYSCTLS], { maxLength: 2 }),
    serviceAccountName: fc.option(dnsLabel, { nil: undefined }),
    explicitHostFalse: fc.subarray(["hostNetwork", "hostPID", "hostIPC"]),
  })
  .map((o) => {
    const securityContext: Record<string, any> = { ...structuredClone(RESTRICTED_POD_SECURITY_CONTEXT), runAsUser: o.uid, runAsGroup: o.uid, fsGroup: o.uid };
    if (o.sysctls.length > 0) securityContext.sysctls = o.sysctls.map((name) => ({ name, value: "1" }));
    const spec: Record<string, any> = { securityContext, containers: o.containers, automountServiceAccountToken: false };
    if (o.initContainers.length > 0) spec.initContainers = o.initContainers;
    if (o.ephemeralContainers.length > 0) spec.ephemeralContainers = o.ephemeralContainers;
    if (o.volumes.length > 0) spec.volumes = o.volumes;
    if (o.serviceAccountName) spec.serviceAccountName = o.serviceAccountName;
    for (const field of o.explicitHostFalse) spec[field] = false; // explicit false is allowed (PSS-B02)
    return spec;
  });

/** Wrap a pod spec in an owner of `type` (pod-spec path per core/workloads.ts). */
export function wrapPodSpec(type: (typeof OWNER_TYPES)[number], name: string, namespace: string, spec: Record<string, any>): StackResource {
  const metadata = { name, namespace, labels: { app: name } };
  const template = { metadata: { labels: { app: name } }, spec };
  const selector = { matchLabels: { app: name } };
  let props: Record<string, any>;
  switch (type) {
    case "kubernetes:core/v1:Pod":
      props = { metadata, spec };
      break;
    case "kubernetes:batch/v1:Job":
      props = { metadata, spec: { template: { ...template, spec: { ...spec, restartPolicy: "Never" } } } };
      break;
    case "kubernetes:batch/v1:CronJob":
      props = { metadata, spec: { schedule: "*/15 * * * *", jobTemplate: { spec: { template: { ...template, spec: { ...spec, restartPolicy: "OnFailure" } } } } } };
      break;
    case "kubernetes:apps/v1:StatefulSet":
      props = { metadata, spec: { serviceName: name, selector, template } };
      break;
    default:
      props = { metadata, spec: { replicas: 2, selector, template } };
  }
  return resource(type, name, props);
}

/** A compliant workload of a random owner type in a random non-default, non-exempt namespace. */
export const compliantWorkload: fc.Arbitrary<StackResource> = fc
  .tuple(fc.constantFrom(...OWNER_TYPES), dnsLabel, tenantNamespace, compliantPodSpec)
  .map(([type, name, namespace, spec]) => wrapPodSpec(type, name, namespace, spec));

/** Where {@link wrapPodSpec} puts the pod spec, per owner type (written independently of core/workloads.ts). */
const POD_SPEC_PATH: Readonly<Record<(typeof OWNER_TYPES)[number], readonly string[]>> = {
  "kubernetes:core/v1:Pod": ["spec"],
  "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
  "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** The pod spec inside a workload (the same object, so mutations land in the workload). */
export function podSpecIn(workload: StackResource): Record<string, any> {
  const path = POD_SPEC_PATH[workload.type as (typeof OWNER_TYPES)[number]];
  if (!path) throw new Error(`${workload.type} is not a generated workload`);
  return path.reduce<Record<string, any>>((node, key) => node[key], workload.props);
}

type W = Weakening<StackResource>;

/**
 * Every container of a pod spec: containers, initContainers, ephemeralContainers (enumerated here rather than
 * with the pack's visitor, so a visitor that skipped a list would show up as a missed weakening).
 */
export function allContainers(spec: Record<string, any>): Record<string, any>[] {
  return (["containers", "initContainers", "ephemeralContainers"] as const).flatMap((list) => (Array.isArray(spec[list]) ? spec[list] : []));
}

/** Apply `mutate` to the `i`-th container (modulo) among containers, initContainers and ephemeralContainers. */
function onContainer(i: number, mutate: (c: Record<string, any>) => void): (w: StackResource) => void {
  return (w) => mutate(pick(allContainers(podSpecIn(w)), i));
}

function sc(c: Record<string, any>): Record<string, any> {
  c.securityContext = c.securityContext ?? {};
  return c.securityContext;
}

/** Capabilities outside the baseline allowlist (PSS-B04 and PSS-R06 both catch them). */
export const NON_BASELINE_CAPABILITIES = [
  "NET_RAW", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "BPF", "PERFMON", "SYS_TIME", "DAC_READ_SEARCH", "SYS_RAWIO", "ALL",
  // PSA compares names exactly: other spellings are not on the allowlist either.
  "CAP_NET_RAW", "net_raw", "CAP_SYS_ADMIN",
];
/** Capabilities baseline allows but restricted does not (only PSS-R06 catches them). */
export const BASELINE_ONLY_CAPABILITIES = BASELINE_ALLOWED_CAPABILITIES.filter((c) => !RESTRICTED_ALLOWED_CAPABILITIES.includes(c));

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** Docker Hub (or other unapproved) images with a version tag: IMG-001 only. */
const UNAPPROVED_IMAGES = ["nginx:1.27", "docker.io/library/redis:7.2.4", "ghcr.io/acme/app:1.0.0", "quay.io/prometheus/node-exporter:v1.8.1", "localhost:5000/app:2.1.0"];

/** Every single weakening of a workload, with the rule ids that must catch it. */
export const workloadWeakening: fc.Arbitrary<W> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...NON_BASELINE_CAPABILITIES)).map(([i, cap]) =>
    weakening<StackResource>(`add capability ${cap} to container #${i}`, ["PSS-B04", "PSS-R06"], onContainer(i, (c) => {
      const caps = (sc(c).capabilities = sc(c).capabilities ?? {});
      caps.add = [...(caps.add ?? []), cap];
    })),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...BASELINE_ONLY_CAPABILITIES)).map(([i, cap]) =>
    weakening<StackResource>(
      `add baseline-only capability ${cap} to container #${i}`,
      ["PSS-R06"],
      onContainer(i, (c) => {
        const caps = (sc(c).capabilities = sc(c).capabilities ?? {});
        caps.add = [...(caps.add ?? []), cap];
      }),
      ["PSS-B04"],
    ),
  ),
  fc.tuple(fc.nat(), fc.constantFrom("delete drop", "empty drop", "drop NET_RAW only", "drop lower-case all", "delete capabilities")).map(([i, how]) =>
    weakening<StackResource>(`${how} on container #${i}`, ["PSS-R06"], onContainer(i, (c) => {
      const s = sc(c);
      if (how === "delete capabilities") delete s.capabilities;
      else if (how === "delete drop") delete s.capabilities.drop;
      else s.capabilities.drop = how === "empty drop" ? [] : how === "drop lower-case all" ? ["all"] : ["NET_RAW"];
    })),
  ),
  fc.nat().map((i) => weakening<StackResource>(`privileged on container #${i}`, ["PSS-B03"], onContainer(i, (c) => (sc(c).privileged = true)))),
  fc.constantFrom(...HOST_NAMESPACES).map((field) => weakening<StackResource>(`${field}: true`, ["PSS-B02"], (w) => (podSpecIn(w)[field] = true))),
  fc.constantFrom("/", "/var/run/docker.sock", "/etc", "/var/log").map((path) =>
    weakening<StackResource>(`hostPath volume ${path}`, ["PSS-B05", "PSS-R01"], (w) => {
      const spec = podSpecIn(w);
      spec.volumes = [...(spec.volumes ?? []), { name: "host", hostPath: { path } }];
    }),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 65535 })).map(([i, port]) =>
    weakening<StackResource>(`hostPort ${port} on container #${i}`, ["PSS-B06"], onContainer(i, (c) => {
      c.ports = [...(c.ports ?? []), { containerPort: port, hostPort: port, protocol: "TCP" }];
    })),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, absent]) =>
    weakening<StackResource>(`allowPrivilegeEscalation ${absent ? "absent" : "true"} on container #${i}`, ["PSS-R02"], onContainer(i, (c) => {
      if (absent) delete sc(c).allowPrivilegeEscalation;
      else sc(c).allowPrivilegeEscalation = true;
    })),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, podLevel]) =>
    weakening<StackResource>(`runAsUser 0 on ${podLevel ? "the pod" : `container #${i}`}`, ["PSS-R04"], (w) => {
      if (podLevel) podSpecIn(w).securityContext.runAsUser = 0;
      else onContainer(i, (c) => (sc(c).runAsUser = 0))(w);
    }),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, podLevel]) =>
    weakening<StackResource>(`runAsNonRoot false on ${podLevel ? "the pod" : `container #${i}`}`, ["PSS-R03"], (w) => {
      if (podLevel) podSpecIn(w).securityContext.runAsNonRoot = false;
      else onContainer(i, (c) => (sc(c).runAsNonRoot = false))(w);
    }),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, podLevel]) =>
    weakening<StackResource>(`seccomp Unconfined on ${podLevel ? "the pod" : `container #${i}`}`, ["PSS-B11", "PSS-R05"], (w) => {
      if (podLevel) podSpecIn(w).securityContext.seccompProfile = { type: "Unconfined" };
      else onContainer(i, (c) => (sc(c).seccompProfile = { type: "Unconfined" }))(w);
    }),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, untagged]) =>
    weakening<StackResource>(`image ${untagged ? "without tag" : ":latest"} on container #${i}`, ["IMG-002"], onContainer(i, (c) => {
      const repo = String(c.image).replace(/@.*$/, "").replace(/:[^/]*$/, "");
      c.image = untagged ? repo : `${repo}:latest`;
    })),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...UNAPPROVED_IMAGES)).map(([i, image]) =>
    weakening<StackResource>(`image ${image} on container #${i}`, ["IMG-001"], onContainer(i, (c) => (c.image = image)), ["IMG-002"]),
  ),
);
