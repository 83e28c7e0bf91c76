import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { amiTypeAllowed, isEksOptimisedParameter, SUPPORTED_AMI_TYPES } from "./ami-types";
import { NODE_TYPES } from "./types";

const SSM = "resolve:ssm:";

/**
 * True when a launch-template `imageId` is allowed: the `resolve:ssm:` public parameter of an EKS-optimised AL2023 or
 * Bottlerocket image, or an entry of config `allowedImageIds` (exact id or `resolve:ssm:` prefix).
 */
export function imageAllowed(imageId: string, allowed: readonly string[]): boolean {
  if (isEksOptimisedParameter(imageId)) return true;
  return allowed.some((a) => a === imageId || (a.startsWith(SSM) && imageId.startsWith(SSM) && imageId.startsWith(a)));
}

/** NODE-007: nodes run AL2023 or Bottlerocket (never AL2); custom images only from the allowlist. */
export const node007 = nativeResourceRule({
  id: "NODE-007",
  name: "node-ami-family-allowed",
  description:
    "Node groups must set amiType to a supported AL2023 or Bottlerocket type (never AL2_*); launch-template images only from the EKS-optimised AL2023/Bottlerocket SSM parameters or config allowedImageIds.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3.1", "S1 §5.3.4"],
  upstream: "EKS API Nodegroup.amiType; EKS user guide: retrieve recommended AL2023 / Bottlerocket AMI IDs; EKS AL2 AMI deprecation FAQ (AL2 end of support 26 Nov 2025)",
  remediation: 'Set amiType: "AL2023_x86_64_STANDARD" (or a BOTTLEROCKET_* type).',
  resourceTypes: [NODE_TYPES.nodeGroup, NODE_TYPES.launchTemplate],
  check(resource, report, config) {
    const get = fieldReader(resource.props, report);
    if (resource.type === NODE_TYPES.launchTemplate) {
      const image = get("imageId");
      if (typeof image === "string" && image !== "" && !imageAllowed(image, config.allowedImageIds)) {
        report({
          message: `imageId = ${image} is not in config allowedImageIds (exact ids or resolve:ssm: prefixes)`,
          remediation:
            "Set imageId to resolve:ssm:/aws/service/eks/optimized-ami/<version>/amazon-linux-2023/x86_64/standard/recommended/image_id (or the Bottlerocket parameter), or add the image to config allowedImageIds.",
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
    // CUSTOM: the image is the launch template's imageId, judged by this rule on the template (EKS-optimised
    // AL2023/Bottlerocket SSM parameters are always approved there, so CUSTOM alone is no violation).
    if (ami === "CUSTOM") return;
    if (!amiTypeAllowed(ami, config.allowedAmiTypes)) {
      report(`amiType = ${ami} is not a supported type of an allowed family (config allowedAmiTypes ${config.allowedAmiTypes.join(", ")}; supported: ${SUPPORTED_AMI_TYPES.join(", ")})`);
    }
  },
});
