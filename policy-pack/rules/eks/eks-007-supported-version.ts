import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { EKS_TYPES } from "./types";

function minor(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** EKS-007: pinned Kubernetes version at or above config minKubernetesVersion. */
export const eks007 = nativeResourceRule({
  id: "EKS-007",
  name: "eks-supported-version",
  description: "EKS clusters must pin `version` to a minor at or above config minKubernetesVersion.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["eks", "aws"],
  seed: ["S1 §5.8", "S1 §5.3.4"],
  upstream: "EKS version lifecycle; Security Hub EKS.2 / Config eks-cluster-supported-version",
  remediation: "Pin version to a supported minor, e.g. version: \"1.34\".",
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    const version = get("version");
    if (version === UNKNOWN) return;
    const support = get("upgradePolicy.supportType");
    const extended = support === "EXTENDED" ? " (upgradePolicy.supportType EXTENDED only buys time on paid extended support; it does not make the version current)" : "";
    const fix = { remediation: `Set version: "${config.minKubernetesVersion}" or newer.` };
    if (typeof version !== "string" || version === "") {
      report({ message: `version is absent: EKS picks the latest at creation and never upgrades it${extended}`, ...fix });
      return;
    }
    const have = minor(version);
    const min = minor(config.minKubernetesVersion);
    if (!have || !min) {
      report({ message: `version = ${JSON.stringify(version)} is not a major.minor version${extended}`, ...fix });
      return;
    }
    if (have[0] < min[0] || (have[0] === min[0] && have[1] < min[1])) {
      report({ message: `version = "${version}" is older than config minKubernetesVersion "${config.minKubernetesVersion}"${extended}`, ...fix });
    }
  },
});
