import type { Rule } from "../../core/rule";
import { pssB01HostProcess } from "./pss-b01-host-process";
import { pssB02HostNamespaces } from "./pss-b02-host-namespaces";
import { pssB03Privileged } from "./pss-b03-privileged";
import { pssB04CapabilitiesBaseline } from "./pss-b04-capabilities-baseline";
import { pssB05HostPath } from "./pss-b05-host-path";
import { pssB06HostPorts } from "./pss-b06-host-ports";
import { pssB07HostProbes } from "./pss-b07-host-probes";
import { pssB08AppArmor } from "./pss-b08-apparmor";
import { pssB09SeLinux } from "./pss-b09-selinux";
import { pssB10ProcMount } from "./pss-b10-proc-mount";
import { pssB11SeccompBaseline } from "./pss-b11-seccomp-baseline";
import { pssB12Sysctls } from "./pss-b12-sysctls";
import { pssR01RestrictedVolumes } from "./pss-r01-restricted-volumes";
import { pssR02NoPrivilegeEscalation } from "./pss-r02-no-privilege-escalation";
import { pssR03RunAsNonRoot } from "./pss-r03-run-as-non-root";
import { pssR04RunAsUserNotRoot } from "./pss-r04-run-as-user-not-root";
import { pssR05SeccompRestricted } from "./pss-r05-seccomp-restricted";
import { pssR06CapabilitiesRestricted } from "./pss-r06-capabilities-restricted";
import { pssR07ProcMountRestricted } from "./pss-r07-proc-mount-restricted";
import { pssX01HelmReleaseOpaque } from "./pss-x01-helm-release-opaque";

/** Rules of the `pss` family, in catalog order. */
export const pssRules: readonly Rule[] = [
  pssB01HostProcess,
  pssB02HostNamespaces,
  pssB03Privileged,
  pssB04CapabilitiesBaseline,
  pssB05HostPath,
  pssB06HostPorts,
  pssB07HostProbes,
  pssB08AppArmor,
  pssB09SeLinux,
  pssB10ProcMount,
  pssB11SeccompBaseline,
  pssB12Sysctls,
  pssR01RestrictedVolumes,
  pssR02NoPrivilegeEscalation,
  pssR03RunAsNonRoot,
  pssR04RunAsUserNotRoot,
  pssR05SeccompRestricted,
  pssR06CapabilitiesRestricted,
  pssR07ProcMountRestricted,
  pssX01HelmReleaseOpaque,
];
