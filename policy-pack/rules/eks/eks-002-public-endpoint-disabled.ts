import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { EKS_TYPES } from "./types";

/** EKS-002: the public API endpoint must be off unless config allowPublicEndpoint. */
export const eks002 = nativeResourceRule({
  id: "EKS-002",
  name: "eks-public-endpoint-disabled",
  description: "EKS clusters must disable the public API endpoint (vpcConfig.endpointPublicAccess: false) unless config allowPublicEndpoint is true.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4.1", "S3"],
  upstream: "@pulumi/aws ClusterVpcConfig (default true); Security Hub EKS.1",
  remediation: "Set vpcConfig.endpointPublicAccess: false and reach the API through a VPN or bastion inside the VPC.",
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report, config) {
    if (config.allowPublicEndpoint) return;
    const v = fieldReader(resource.props, report)("vpcConfig.endpointPublicAccess");
    if (v === UNKNOWN || v === false) return;
    report(`vpcConfig.endpointPublicAccess is ${v === undefined ? "absent (provider default true)" : JSON.stringify(v)}: the Kubernetes API is reachable from the internet`);
  },
});
