import { has, quietGet, UNKNOWN } from "../../core/fields";
import { resourceRule } from "../../core/rule";
import { NODE_TYPES } from "./types";

/** NODE-004: no SSH to nodes (NodeGroup remoteAccess, LaunchTemplate keyName). */
export const node004 = resourceRule({
  id: "NODE-004",
  name: "node-no-ssh-access",
  description: "Nodes must not accept SSH: no NodeGroup remoteAccess, no LaunchTemplate keyName.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3.2", "S1 §5.2"],
  upstream: "@pulumi/aws NodeGroupRemoteAccess, LaunchTemplateArgs.keyName",
  remediation: "Remove SSH access (remoteAccess / keyName); use SSM Session Manager for break-glass access.",
  resourceTypes: [NODE_TYPES.nodeGroup, NODE_TYPES.launchTemplate],
  check(resource, report) {
    if (resource.type === NODE_TYPES.nodeGroup && has(resource.props, "remoteAccess")) {
      const scoped = has(resource.props, "remoteAccess.sourceSecurityGroupIds");
      report({
        message: `remoteAccess is set: SSH (port 22) is opened to the nodes${scoped ? "" : " from 0.0.0.0/0 (no remoteAccess.sourceSecurityGroupIds)"}`,
        remediation: "Remove remoteAccess from the node group; use SSM Session Manager.",
      });
    }
    const keyName = resource.type === NODE_TYPES.launchTemplate && has(resource.props, "keyName") ? quietGet(resource.props, "keyName") : undefined;
    // Present but unknown at preview is still a key pair: a definite violation.
    if (keyName === UNKNOWN || (typeof keyName === "string" && keyName !== "")) {
      report({ message: "keyName is set: an SSH key pair is installed on every node", remediation: "Remove keyName from the launch template; use SSM Session Manager." });
    }
  },
});
