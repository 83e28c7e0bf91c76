import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { EKS_TYPES } from "./types";

/** EKS-001: the private API endpoint must be on. */
export const eks001 = nativeResourceRule({
  id: "EKS-001",
  name: "eks-private-endpoint-enabled",
  description: "EKS clusters must enable the private API endpoint (vpcConfig.endpointPrivateAccess: true).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4", "S0"],
  upstream: "@pulumi/aws ClusterVpcConfig; Security Hub EKS.1",
  remediation: "Set vpcConfig.endpointPrivateAccess: true.",
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report) {
    const v = fieldReader(resource.props, report)("vpcConfig.endpointPrivateAccess");
    if (v === UNKNOWN || v === true) return;
    report(`vpcConfig.endpointPrivateAccess is ${v === undefined ? "absent (provider default false)" : JSON.stringify(v)}; nodes and operators then reach the API over the public endpoint`);
  },
});
