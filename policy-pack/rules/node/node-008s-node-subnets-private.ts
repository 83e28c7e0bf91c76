import { quietGet, UNKNOWN } from "../../core/fields";
import { nativeStackRule } from "../../core/native";
import { cannotVerify } from "../../core/unknowns";
import { NODE_TYPES } from "./types";

/**
 * NODE-008 (stack part), registered as `NODE-008S`: the subnets a node group launches into (reached through
 * `propertyDependencies.subnetIds`) must not set `mapPublicIpOnLaunch: true`, which gives every node a public IP.
 */
export const node008s = nativeStackRule({
  id: "NODE-008S",
  name: "node-subnets-no-public-ip",
  description: "Subnets that node groups use must not set mapPublicIpOnLaunch: true.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3.2", "S1 §5.4.1", "S0"],
  upstream: "@pulumi/aws ec2.Subnet mapPublicIpOnLaunch; EKS best practices (private subnets for nodes)",
  remediation: "Set mapPublicIpOnLaunch: false on node subnets (the Network component does) and keep public subnets for load balancers and NAT only.",
  resourceTypes: [NODE_TYPES.nodeGroup, NODE_TYPES.subnet],
  check(resources, report) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const reported = new Set<string>();
    for (const group of resources) {
      if (group.type !== NODE_TYPES.nodeGroup) continue;
      for (const urn of group.propertyDependencies.subnetIds ?? []) {
        const subnet = byUrn.get(urn);
        if (!subnet || subnet.type !== NODE_TYPES.subnet || reported.has(subnet.urn)) continue;
        const v = quietGet(subnet.props, "mapPublicIpOnLaunch");
        if (v === UNKNOWN) {
          report({ urn: subnet.urn, ...cannotVerify(`mapPublicIpOnLaunch of subnet ${subnet.name} (used by node group ${group.name})`) });
        } else if (v === true) {
          reported.add(subnet.urn);
          report({ urn: subnet.urn, message: `subnet ${subnet.name} sets mapPublicIpOnLaunch: true and node group ${group.name} launches into it: its nodes get public IPs` });
        }
      }
    }
  },
});
