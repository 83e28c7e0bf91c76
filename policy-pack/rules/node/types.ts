/** Type tokens the node rules read. */
export const NODE_TYPES = {
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
} as const;
