import { has } from "../../core/fields";
import { cannotVerify, readUnknownPath } from "../../core/unknowns";
import { nativeResourceRule } from "../../core/native";
import { LAUNCH_TYPES, NODE_TYPES } from "./types";

/** NODE-004: no SSH to nodes (NodeGroup remoteAccess, LaunchTemplate keyName). */
export const node004 = nativeResourceRule({
  id: "NODE-004",
  name: "node-no-ssh-access",
  description: "Nodes must not accept SSH: no NodeGroup remoteAccess, no LaunchTemplate/LaunchConfiguration keyName (an aws.ec2.KeyPair installed on nodes).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3.2", "S1 §5.2"],
  upstream: "@pulumi/aws NodeGroupRemoteAccess, LaunchTemplateArgs.keyName",
  remediation: "Remove SSH access (remoteAccess / keyName); use SSM Session Manager for break-glass access.",
  resourceTypes: [NODE_TYPES.nodeGroup, ...LAUNCH_TYPES],
  check(resource, report) {
    if (resource.type === NODE_TYPES.nodeGroup && has(resource.props, "remoteAccess")) {
      const scoped = has(resource.props, "remoteAccess.sourceSecurityGroupIds");
      report({
        message: `remoteAccess is set: SSH (port 22) is opened to the nodes${scoped ? "" : " from 0.0.0.0/0 (no remoteAccess.sourceSecurityGroupIds)"}`,
        remediation: "Remove remoteAccess from the node group; use SSM Session Manager.",
      });
    }
    if (!LAUNCH_TYPES.includes(resource.type) || !has(resource.props, "keyName")) return;
    const keyName = readUnknownPath(() => resource.props.keyName);
    // keyName itself unknown at preview is still a key pair (a definite violation); an unknown enclosing object
    // (aws-native launchTemplateData) leaves open whether there is one.
    if (!keyName.known && keyName.path !== undefined && !keyName.path.endsWith("keyName")) {
      report(cannotVerify("keyName"));
      return;
    }
    if (!keyName.known || (typeof keyName.value === "string" && keyName.value !== "")) {
      report({ message: "keyName is set: an SSH key pair (aws.ec2.KeyPair) is installed on every node", remediation: "Remove keyName (and the aws.ec2.KeyPair it names); use SSM Session Manager." });
    }
  },
});
