/** Type tokens the node rules read. */
export const NODE_TYPES = {
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  /** Legacy EC2 Auto Scaling launch configuration (self-managed nodes): same IMDS fields, boolean EBS encryption. */
  launchConfiguration: "aws:ec2/launchConfiguration:LaunchConfiguration",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  subnet: "aws:ec2/subnet:Subnet",
} as const;

/** Types that define how node instances launch (IMDS, volumes, SSH key, public IP). */
export const LAUNCH_TYPES: readonly string[] = [NODE_TYPES.launchTemplate, NODE_TYPES.launchConfiguration];
