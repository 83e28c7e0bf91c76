import { fieldReader, UNKNOWN } from "../../core/fields";
import { resourceRule } from "../../core/rule";
import { NODE_TYPES } from "./types";

const SSM = "resolve:ssm:";

/** True when a launch-template `imageId` is allowed by config `allowedImageIds` (exact id or `resolve:ssm:` prefix). */
export function imageAllowed(imageId: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => a === imageId || (a.startsWith(SSM) && imageId.startsWith(SSM) && imageId.startsWith(a)));
}

/** NODE-007: nodes run AL2023 or Bottlerocket (never AL2); custom images only from the allowlist. */
export const node007 = resourceRule({
  id: "NODE-007",
  name: "node-ami-family-allowed",
  description: "Node groups must set amiType to an allowed family (AL2023_*, BOTTLEROCKET_*; never AL2_*); custom images only from config allowedImageIds.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3.1", "S1 §5.3.4"],
  upstream: "EKS AL2 AMI deprecation FAQ (AL2 end of support 26 Nov 2025)",
  remediation: 'Set amiType: "AL2023_x86_64_STANDARD" (or a BOTTLEROCKET_* type).',
  resourceTypes: [NODE_TYPES.nodeGroup, NODE_TYPES.launchTemplate],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    if (resource.type === NODE_TYPES.launchTemplate) {
      const image = get("imageId");
      if (typeof image === "string" && image !== "" && !imageAllowed(image, config.allowedImageIds)) {
        report({
          message: `imageId = ${image} is not in config allowedImageIds (exact ids or resolve:ssm: prefixes)`,
          remediation: "Remove imageId and use an EKS-optimised AL2023/Bottlerocket amiType, or add the image to config allowedImageIds.",
        });
      }
      return;
    }
    const ami = get("amiType");
    if (ami === UNKNOWN) return;
    if (typeof ami !== "string" || ami === "") {
      report("amiType is absent: EKS picks the family (AL2 on older versions) instead of the stack");
      return;
    }
    if (ami.startsWith("AL2_")) {
      report(`amiType = ${ami}: Amazon Linux 2 EKS AMIs reached end of support (26 Nov 2025) and allow IMDSv1 by default`);
      return;
    }
    if (ami === "CUSTOM") {
      if (config.allowedImageIds.length === 0) {
        report({ message: "amiType = CUSTOM but config allowedImageIds is empty: no custom image is approved", remediation: "Use an AL2023_* or BOTTLEROCKET_* amiType, or list the image in config allowedImageIds." });
      }
      return;
    }
    if (!config.allowedAmiTypes.some((p) => ami.startsWith(p))) {
      report(`amiType = ${ami} does not match config allowedAmiTypes (${config.allowedAmiTypes.join(", ")})`);
    }
  },
});
