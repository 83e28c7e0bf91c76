/**
 * Pod Security Standards data, mirrored from kubernetes/pod-security-admission (`policy/check_*.go`,
 * pinned in the rule catalog). Rules judge with it; components build compliant pods from
 * {@link RESTRICTED_POD_SECURITY_CONTEXT} and {@link RESTRICTED_CONTAINER_SECURITY_CONTEXT}.
 *
 * ## Profiles, groups and overrides (design choice)
 * PSA's restricted profile is "every baseline check, except those a restricted check overrides
 * (`OverrideCheckIDs`), plus every restricted check". The pack exposes profiles as rule groups:
 * - a baseline check that nothing overrides carries `pss-baseline`, `pss-restricted`, `pss`;
 * - a baseline check that a restricted check overrides (B04, B05, B10, B11) carries only `pss-baseline`, `pss`;
 * - a restricted check carries `pss-restricted`, `pss`.
 * So `scan --only pss-restricted` runs exactly the restricted profile without double reports. For that to
 * hold at every version and in every namespace, an overriding restricted check **subsumes** the baseline
 * check it overrides: where the restricted check itself does not run (version below its minimum, or a
 * namespace in `baselineOnlyNamespaces`) it runs the baseline check's logic instead (R06 → B04 below 1.22,
 * R05 → B11 below 1.19, R07 → B10 below 1.35, and all four in baseline-only namespaces). Where it does run,
 * it is strictly stronger: R06 allows `add` ⊆ {NET_BIND_SERVICE} (so NET_RAW and every non-baseline cap
 * still fail), R01 forbids hostPath with every other non-allowlisted volume, R05 forbids Unconfined.
 * With the whole pack (all groups) both the baseline and the restricted rule report, e.g. NET_RAW is
 * reported by PSS-B04 and by PSS-R06; that is intended (one finding per profile).
 */

/** A Pod Security Standards version: `v1.N`, or `latest` (newest semantics of every check). */
export interface PssVersion {
  /** Minor version; `Infinity` for `latest`. */
  readonly minor: number;
  /** The text it was parsed from (`latest`, `v1.33`). */
  readonly text: string;
}

/** The `latest` version: every check runs with its newest semantics. */
export const LATEST_PSS_VERSION: PssVersion = Object.freeze({ minor: Number.POSITIVE_INFINITY, text: "latest" });

const VERSION_PATTERN = /^v?1\.(0|[1-9][0-9]*)$/;

/** Versions already parsed (checks compare against a handful of fixed minimums on every workload). */
const parsedVersions = new Map<string, PssVersion>();

/**
 * Parse `latest`, `v1.N` (also `1.N`, the form used for minimum versions in this file).
 * Throws an Error naming the accepted forms on anything else.
 */
export function parsePssVersion(text: string): PssVersion {
  const known = parsedVersions.get(text);
  if (known !== undefined) return known;
  const trimmed = String(text).trim();
  if (trimmed === "latest") return LATEST_PSS_VERSION;
  const m = VERSION_PATTERN.exec(trimmed);
  if (!m) throw new Error(`invalid Pod Security Standards version "${text}": use "latest" or "v1.N" (e.g. "v1.33")`);
  const version = Object.freeze({ minor: Number(m[1]), text: trimmed.startsWith("v") ? trimmed : `v${trimmed}` });
  parsedVersions.set(text, version);
  return version;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer (`latest` is newest). */
export function compareVersions(a: PssVersion | string, b: PssVersion | string): number {
  const x = typeof a === "string" ? parsePssVersion(a) : a;
  const y = typeof b === "string" ? parsePssVersion(b) : b;
  if (x.minor === y.minor) return 0;
  return x.minor < y.minor ? -1 : 1;
}

/** True when `version` is at least `minimum` (e.g. `atLeast(v, "1.25")`). */
export function atLeast(version: PssVersion, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** PSA profile level of a check. */
export type PssLevel = "baseline" | "restricted";

/** Catalog id of a PSS check. */
export type PssCheckId =
  | "PSS-B01" | "PSS-B02" | "PSS-B03" | "PSS-B04" | "PSS-B05" | "PSS-B06" | "PSS-B07" | "PSS-B08" | "PSS-B09" | "PSS-B10" | "PSS-B11" | "PSS-B12"
  | "PSS-R01" | "PSS-R02" | "PSS-R03" | "PSS-R04" | "PSS-R05" | "PSS-R06" | "PSS-R07";

/** One PSA check: its upstream id, level, minimum version and the baseline check it overrides. */
export interface PssCheckSpec {
  /** PSA `CheckID` (`policy/check_<psaId>.go`). */
  readonly psaId: string;
  readonly level: PssLevel;
  /** Lowest version the check runs at (`1.N`). */
  readonly minVersion: string;
  /** Baseline check this restricted check replaces (PSA `OverrideCheckIDs`). */
  readonly overrides?: PssCheckId;
}

/** Every PSS check, keyed by catalog id, in catalog order. */
export const PSS_CHECKS: Readonly<Record<PssCheckId, PssCheckSpec>> = {
  "PSS-B01": { psaId: "windowsHostProcess", level: "baseline", minVersion: "1.0" },
  "PSS-B02": { psaId: "hostNamespaces", level: "baseline", minVersion: "1.0" },
  "PSS-B03": { psaId: "privileged", level: "baseline", minVersion: "1.0" },
  "PSS-B04": { psaId: "capabilities_baseline", level: "baseline", minVersion: "1.0" },
  "PSS-B05": { psaId: "hostPathVolumes", level: "baseline", minVersion: "1.0" },
  "PSS-B06": { psaId: "hostPorts", level: "baseline", minVersion: "1.0" },
  "PSS-B07": { psaId: "hostProbesAndHostLifecycle", level: "baseline", minVersion: "1.34" },
  "PSS-B08": { psaId: "appArmorProfile", level: "baseline", minVersion: "1.0" },
  "PSS-B09": { psaId: "seLinuxOptions", level: "baseline", minVersion: "1.0" },
  "PSS-B10": { psaId: "procMount", level: "baseline", minVersion: "1.0" },
  // Upstream runs an annotation-based version from 1.0 and the field-based one from 1.19 (see PSS-B11).
  "PSS-B11": { psaId: "seccompProfile_baseline", level: "baseline", minVersion: "1.0" },
  "PSS-B12": { psaId: "sysctls", level: "baseline", minVersion: "1.0" },
  "PSS-R01": { psaId: "restrictedVolumes", level: "restricted", minVersion: "1.0", overrides: "PSS-B05" },
  "PSS-R02": { psaId: "allowPrivilegeEscalation", level: "restricted", minVersion: "1.8" },
  "PSS-R03": { psaId: "runAsNonRoot", level: "restricted", minVersion: "1.0" },
  "PSS-R04": { psaId: "runAsUser", level: "restricted", minVersion: "1.23" },
  "PSS-R05": { psaId: "seccompProfile_restricted", level: "restricted", minVersion: "1.19", overrides: "PSS-B11" },
  "PSS-R06": { psaId: "capabilities_restricted", level: "restricted", minVersion: "1.22", overrides: "PSS-B04" },
  "PSS-R07": { psaId: "procMount_restricted", level: "restricted", minVersion: "1.35", overrides: "PSS-B10" },
};

/** Baseline checks replaced by a restricted check under the restricted profile. */
export const OVERRIDDEN_BASELINE_CHECKS: readonly PssCheckId[] = Object.values(PSS_CHECKS)
  .map((c) => c.overrides)
  .filter((id): id is PssCheckId => id !== undefined);

/** Rule groups of a PSS check (see the module comment for why overridden baseline checks lack `pss-restricted`). */
export function pssGroups(id: PssCheckId): readonly string[] {
  const spec = PSS_CHECKS[id];
  if (spec.level === "restricted") return ["pss-restricted", "pss"];
  return OVERRIDDEN_BASELINE_CHECKS.includes(id) ? ["pss-baseline", "pss"] : ["pss-baseline", "pss-restricted", "pss"];
}

/** Version from which Windows pods are exempt from R02, R05, R06 (`*_1_25` upstream). */
export const WINDOWS_EXEMPT_SINCE = "1.25";
/** Version from which user-namespace pods (`hostUsers: false`) are exempt from R03/R04 and relaxed in B10. */
export const USER_NAMESPACE_RELAXED_SINCE = "1.35";
/** Version from which seccomp is judged on fields rather than alpha annotations. */
export const SECCOMP_FIELDS_SINCE = "1.19";

/** Capabilities a baseline container may add (`capabilities_baseline`); NET_RAW is deliberately absent. */
export const BASELINE_ALLOWED_CAPABILITIES: readonly string[] = [
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
  "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
];

/** Capabilities a restricted container may add (`capabilities_restricted`). */
export const RESTRICTED_ALLOWED_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];

/** The value `capabilities.drop` must include under the restricted profile. */
export const RESTRICTED_REQUIRED_DROP = "ALL";

/** The allowlist per version text (computed once per version). */
const sysctlsByVersion = new Map<string, readonly string[]>();

/** Sysctl allowlist additions by the version that introduced them (cumulative). */
export const SYSCTL_ALLOWLIST_STEPS: readonly { readonly since: string; readonly names: readonly string[] }[] = [
  {
    since: "1.0",
    names: [
      "kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range",
      "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range",
      "net.ipv4.ip_unprivileged_port_start",
    ],
  },
  { since: "1.27", names: ["net.ipv4.ip_local_reserved_ports"] },
  {
    since: "1.29",
    names: ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"],
  },
  { since: "1.32", names: ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"] },
  // Upstream main (per the catalog's pinned PSA commit).
  { since: "1.37", names: ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"] },
];

/** Sysctls allowed at `version`. */
export function allowedSysctls(version: PssVersion): readonly string[] {
  let allowed = sysctlsByVersion.get(version.text);
  if (allowed === undefined) {
    allowed = Object.freeze(SYSCTL_ALLOWLIST_STEPS.filter((s) => atLeast(version, s.since)).flatMap((s) => s.names));
    sysctlsByVersion.set(version.text, allowed);
  }
  return allowed;
}

/** Inline volume sources the restricted profile allows (`restrictedVolumes`). */
export const RESTRICTED_ALLOWED_VOLUME_TYPES: readonly string[] = [
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
];

/** Seccomp profile types allowed when set (baseline) and required (restricted). */
export const ALLOWED_SECCOMP_TYPES: readonly string[] = ["RuntimeDefault", "Localhost"];

/** Pre-1.19 seccomp alpha annotations and their allowed values (`seccompProfileBaseline_1_0`). */
export const SECCOMP_ANNOTATIONS = {
  pod: "seccomp.security.alpha.kubernetes.io/pod",
  containerPrefix: "container.seccomp.security.alpha.kubernetes.io/",
  allowedValues: ["runtime/default", "docker/default"],
  allowedPrefix: "localhost/",
} as const;

/** AppArmor profile types allowed in `securityContext.appArmorProfile.type`. */
export const ALLOWED_APPARMOR_TYPES: readonly string[] = ["RuntimeDefault", "Localhost"];

/** Deprecated AppArmor annotations on pod metadata and their allowed values (`""` is allowed too). */
export const APPARMOR_ANNOTATIONS = {
  prefix: "container.apparmor.security.beta.kubernetes.io/",
  allowedValues: ["", "runtime/default"],
  allowedPrefix: "localhost/",
} as const;

/** SELinux types allowed by version (cumulative); `""` means unset. */
export const SELINUX_TYPE_STEPS: readonly { readonly since: string; readonly types: readonly string[] }[] = [
  { since: "1.0", types: ["", "container_t", "container_init_t", "container_kvm_t"] },
  { since: "1.31", types: ["container_engine_t"] },
];

/** SELinux types allowed at `version`. */
export function allowedSeLinuxTypes(version: PssVersion): readonly string[] {
  return SELINUX_TYPE_STEPS.filter((s) => atLeast(version, s.since)).flatMap((s) => s.types);
}

/** The only `procMount` value allowed (absent is allowed too), except the 1.35 user-namespace relaxation in B10. */
export const ALLOWED_PROC_MOUNT = "Default";

/** Probe and lifecycle handler fields whose `host` must be absent or `""` (`hostProbesAndHostLifecycle`). */
export const HOST_FIELD_HANDLERS = {
  probes: ["livenessProbe", "readinessProbe", "startupProbe"],
  lifecycle: ["postStart", "preStop"],
  actions: ["httpGet", "tcpSocket"],
} as const;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A container `securityContext` that passes every baseline and restricted check (frozen; spread to extend). */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT: {
  allowPrivilegeEscalation: boolean;
  privileged: boolean;
  readOnlyRootFilesystem: boolean;
  runAsNonRoot: boolean;
  capabilities: { drop: string[] };
  seccompProfile: { type: string };
} = deepFreeze({
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: [RESTRICTED_REQUIRED_DROP] },
  seccompProfile: { type: "RuntimeDefault" },
});

/** A pod `securityContext` that passes every baseline and restricted check (frozen; spread to extend). */
export const RESTRICTED_POD_SECURITY_CONTEXT: {
  runAsNonRoot: boolean;
  runAsUser: number;
  runAsGroup: number;
  fsGroup: number;
  seccompProfile: { type: string };
} = deepFreeze({
  runAsNonRoot: true,
  runAsUser: 65532,
  runAsGroup: 65532,
  fsGroup: 65532,
  seccompProfile: { type: "RuntimeDefault" },
});
