import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { LAUNCH_TYPES, NODE_TYPES } from "./types";

const FIX_TEMPLATE = 'Remove networkInterfaces[].associatePublicIpAddress (or set it to "false"); nodes reach AWS APIs through VPC endpoints or the NAT gateway.';

/**
 * NODE-008: nodes get no public IP from their launch definition: launch template `networkInterfaces[i].associatePublicIpAddress`
 * (a string in @pulumi/aws, a boolean in aws-native) and launch configuration `associatePublicIpAddress`.
 */
export const node008 = nativeResourceRule({
  id: "NODE-008",
  name: "node-no-public-ip",
  description: "Launch templates and launch configurations must not give nodes a public IP (associatePublicIpAddress).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3.2", "S1 §5.4.1", "S0"],
  upstream: "@pulumi/aws LaunchTemplateNetworkInterface.associatePublicIpAddress, LaunchConfigurationArgs.associatePublicIpAddress; EKS best practices (private subnets for nodes)",
  remediation: FIX_TEMPLATE,
  resourceTypes: LAUNCH_TYPES,
  check(resource, report) {
    const get = fieldReader(resource.props, report);
    if (resource.type === NODE_TYPES.launchConfiguration) {
      const v = get("associatePublicIpAddress");
      if (v !== UNKNOWN && (v === true || v === "true")) {
        report({ message: "associatePublicIpAddress is true: every node gets a public IP and is reachable from the internet past the VPC", remediation: "Set associatePublicIpAddress: false (or remove it) and launch nodes in private subnets." });
      }
      return;
    }
    const interfaces = get("networkInterfaces");
    if (!Array.isArray(interfaces)) return;
    for (let i = 0; i < interfaces.length; i++) {
      const v = get(`networkInterfaces.${i}.associatePublicIpAddress`);
      if (v !== UNKNOWN && (v === true || v === "true")) {
        report({ message: `networkInterfaces[${i}].associatePublicIpAddress is "true": every node gets a public IP and is reachable from the internet past the VPC`, remediation: FIX_TEMPLATE });
      }
    }
  },
});
