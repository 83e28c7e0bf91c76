import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { EKS_TYPES } from "./types";

/** EKS-006: access entries only (authenticationMode API), no aws-auth ConfigMap. */
export const eks006 = nativeResourceRule({
  id: "EKS-006",
  name: "eks-authentication-mode-api",
  description: "EKS clusters must use accessConfig.authenticationMode \"API\" (access entries, no aws-auth ConfigMap).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4.2", "S1 §5.4.4", "S0"],
  upstream: "@pulumi/aws ClusterAccessConfig; EKS CreateAccessConfigRequest",
  remediation: 'Set accessConfig.authenticationMode: "API" (migrate CONFIG_MAP → API_AND_CONFIG_MAP → API) and grant access with access entries.',
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report) {
    const mode = fieldReader(resource.props, report)("accessConfig.authenticationMode");
    if (mode === UNKNOWN || mode === "API") return;
    report(`accessConfig.authenticationMode is ${mode === undefined ? "absent (EKS default CONFIG_MAP)" : JSON.stringify(mode)}; the aws-auth ConfigMap can grant cluster access outside IAM review`);
  },
});
