import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import type { Report } from "../../core/rule";
import { LAUNCH_TYPES, NODE_TYPES } from "./types";

/**
 * A launch configuration: `rootBlockDevice.encrypted` and every `ebsBlockDevices[i].encrypted` must be `true`
 * (booleans here). A launch configuration cannot name a KMS key for its volumes, so config requireCustomerKey
 * cannot be met by one: the fix is a launch template.
 */
function launchConfiguration(props: Record<string, any>, report: Report, requireCustomerKey: boolean): void {
  const get = fieldReader(props, report);
  const root = get("rootBlockDevice");
  if (root !== UNKNOWN) {
    if (root === undefined || root === null) {
      report({ message: "rootBlockDevice is absent: the root volume's encryption comes from the AMI, unseen by the stack", remediation: 'Set rootBlockDevice: {encrypted: true, volumeType: "gp3"}.' });
    } else {
      const encrypted = get("rootBlockDevice.encrypted");
      if (encrypted !== UNKNOWN && encrypted !== true) {
        report({ message: `rootBlockDevice.encrypted is ${encrypted === undefined ? "absent" : JSON.stringify(encrypted)}: the root volume is not encrypted`, remediation: "Set rootBlockDevice.encrypted: true." });
      }
    }
  }
  const devices = get("ebsBlockDevices");
  if (Array.isArray(devices)) {
    for (let i = 0; i < devices.length; i++) {
      const encrypted = get(`ebsBlockDevices.${i}.encrypted`);
      if (encrypted !== UNKNOWN && encrypted !== true) {
        report({ message: `ebsBlockDevices[${i}].encrypted is ${encrypted === undefined ? "absent" : JSON.stringify(encrypted)}: the volume is not encrypted`, remediation: `Set ebsBlockDevices[${i}].encrypted: true.` });
      }
    }
  }
  if (requireCustomerKey) {
    report({
      message: "a launch configuration cannot name a customer KMS key for its volumes (config requireCustomerKey is true)",
      remediation: 'Replace the launch configuration with an aws.ec2.LaunchTemplate mapping the root device with ebs: {encrypted: "true", kmsKeyId: key.arn}.',
    });
  }
}

/** NODE-002: root device mapped explicitly, every EBS mapping encrypted (with a customer key). */
export const node002 = nativeResourceRule({
  id: "NODE-002",
  name: "node-root-volume-encrypted",
  description: "Launch templates must map the root device explicitly with ebs.encrypted \"true\" and, when config requireCustomerKey, ebs.kmsKeyId.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.9", "S1 §5.12"],
  upstream: "@pulumi/aws LaunchTemplateBlockDeviceMappingEbs; pulumi-aws#2257",
  remediation: 'Map the root device: blockDeviceMappings: [{deviceName: "/dev/xvda", ebs: {encrypted: "true", kmsKeyId: key.arn, volumeType: "gp3"}}].',
  resourceTypes: LAUNCH_TYPES,
  check(resource, report, config) {
    if (resource.type === NODE_TYPES.launchConfiguration) return launchConfiguration(resource.props, report, config.requireCustomerKey);
    const get = fieldReader(resource.props, report);
    const mappings = get("blockDeviceMappings");
    if (mappings === UNKNOWN) return;
    if (!Array.isArray(mappings) || mappings.length === 0) {
      report("blockDeviceMappings is absent or empty: the root volume's encryption comes from the AMI, unseen by the stack");
      return;
    }
    let rootSeen = false;
    let rootUnknown = false;
    // Index loop, not forEach: at preview forEach reads each element itself, so an unknown mapping would throw past `get`.
    for (let i = 0; i < mappings.length; i++) {
      const device = get(`blockDeviceMappings.${i}.deviceName`);
      if (device === UNKNOWN) rootUnknown = true;
      else if (typeof device === "string" && config.rootDeviceNames.includes(device)) rootSeen = true;
      const ebs = get(`blockDeviceMappings.${i}.ebs`);
      if (ebs === UNKNOWN || ebs === undefined || ebs === null) continue;
      const encrypted = get(`blockDeviceMappings.${i}.ebs.encrypted`);
      if (encrypted !== UNKNOWN && encrypted !== "true") {
        report({
          message: `blockDeviceMappings[${i}].ebs.encrypted is ${encrypted === undefined ? "absent" : JSON.stringify(encrypted)}; it must be the string "true"`,
          remediation: `Set blockDeviceMappings[${i}].ebs.encrypted: "true".`,
        });
      }
      if (config.requireCustomerKey) {
        const key = get(`blockDeviceMappings.${i}.ebs.kmsKeyId`);
        if (key === undefined || key === null || key === "") {
          report({
            message: `blockDeviceMappings[${i}].ebs.kmsKeyId is absent: the AWS-managed EBS key is used (config requireCustomerKey is true)`,
            remediation: `Set blockDeviceMappings[${i}].ebs.kmsKeyId: key.arn.`,
          });
        }
      }
    }
    if (!rootSeen && !rootUnknown) {
      report(`no blockDeviceMappings entry has deviceName in config rootDeviceNames (${config.rootDeviceNames.join(", ")}): the root volume is not covered`);
    }
  },
});
