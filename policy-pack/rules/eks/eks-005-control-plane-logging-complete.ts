import { fieldReader, listAt, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { EKS_TYPES } from "./types";

/** The five control-plane log types, in EKS spelling. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** EKS-005: all five control-plane log types enabled. */
export const eks005 = nativeResourceRule({
  id: "EKS-005",
  name: "eks-control-plane-logging-complete",
  description: "EKS clusters must enable all control-plane log types: api, audit, authenticator, controllerManager, scheduler.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["eks", "aws"],
  seed: ["S1 §5.2", "S1 §5.10", "S3"],
  upstream: "@pulumi/aws Cluster enabledClusterLogTypes; Security Hub EKS.8",
  remediation: `Set enabledClusterLogTypes: ${JSON.stringify(EKS_LOG_TYPES)} and create the log group first (LOG-003).`,
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report) {
    const get = fieldReader(resource.props, report);
    const types = get("enabledClusterLogTypes");
    if (types === UNKNOWN) return;
    const list = listAt(get, "enabledClusterLogTypes");
    if (list.includes(UNKNOWN)) return; // an unknown entry may be any type: deferred (reported by get)
    const missing = EKS_LOG_TYPES.filter((t) => !list.includes(t));
    if (missing.length > 0) {
      report(`enabledClusterLogTypes ${types === undefined ? "is absent" : `= ${JSON.stringify(list)}`}; missing ${missing.join(", ")}`);
    }
  },
});
