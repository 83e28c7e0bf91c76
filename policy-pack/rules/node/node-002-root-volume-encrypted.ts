import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { NODE_TYPES } from "./types";

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
  resourceTypes: [NODE_TYPES.launchTemplate],
  check(resource, report, config) {
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
