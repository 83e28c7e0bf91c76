import { isWorld, parseCidr, withinAny } from "../../core/cidr";
import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { EKS_TYPES } from "./types";

/** EKS-003: a public endpoint must be limited to trusted CIDRs. */
export const eks003 = nativeResourceRule({
  id: "EKS-003",
  name: "eks-public-cidrs-not-open",
  description: "When the public endpoint is on, vpcConfig.publicAccessCidrs must list only CIDRs inside config trustedCidrs.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["eks", "aws"],
  seed: ["S1 §5.4.1", "S3"],
  upstream: "@pulumi/aws ClusterVpcConfig (EKS defaults publicAccessCidrs to 0.0.0.0/0)",
  remediation: "Set vpcConfig.publicAccessCidrs to office/VPN CIDRs listed in config trustedCidrs (or endpointPublicAccess: false).",
  resourceTypes: [EKS_TYPES.cluster],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    const pub = get("vpcConfig.endpointPublicAccess");
    if (pub === UNKNOWN || pub === false) return;
    const cidrs = get("vpcConfig.publicAccessCidrs");
    if (cidrs === UNKNOWN) return;
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
      report("vpcConfig.publicAccessCidrs is absent or empty while the public endpoint is on: EKS opens the API to 0.0.0.0/0");
      return;
    }
    // Index loop, not forEach: forEach reads each element itself, so an unknown entry would throw before `get`.
    for (let i = 0; i < cidrs.length; i++) {
      const c = get(`vpcConfig.publicAccessCidrs.${i}`);
      if (c === UNKNOWN) continue;
      if (isWorld(String(c))) report(`vpcConfig.publicAccessCidrs[${i}] = ${c} opens the API to the internet`);
      else if (!parseCidr(c)) report(`vpcConfig.publicAccessCidrs[${i}] = ${JSON.stringify(c)} is not a valid CIDR`);
      else if (!withinAny(String(c), config.trustedCidrs)) report(`vpcConfig.publicAccessCidrs[${i}] = ${c} is not inside config trustedCidrs (${config.trustedCidrs.join(", ") || "empty"})`);
    }
  },
});
