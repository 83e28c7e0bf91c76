import { fieldReader, has, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { NODE_TYPES } from "./types";

/** NODE-003 (resource part): a managed node group must name a launch template and its version. */
export const node003 = nativeResourceRule({
  id: "NODE-003",
  name: "nodegroup-uses-hardened-launch-template",
  description: "EKS node groups must attach a launch template (launchTemplate with id or name, and version).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3"],
  upstream: "@pulumi/aws NodeGroupArgs.launchTemplate; EKS security best practices",
  remediation: "Set launchTemplate: {id: lt.id, version: lt.latestVersion.apply(String)} using the component's hardened launch template.",
  resourceTypes: [NODE_TYPES.nodeGroup],
  check(resource, report) {
    if (!has(resource.props, "launchTemplate")) {
      report("launchTemplate is absent: EKS generates a template whose IMDS and EBS settings the stack cannot see");
      return;
    }
    if (!has(resource.props, "launchTemplate.id") && !has(resource.props, "launchTemplate.name")) {
      report({ message: "launchTemplate has neither id nor name", remediation: "Set launchTemplate.id: lt.id." });
    }
    if (!has(resource.props, "launchTemplate.version")) {
      report({ message: "launchTemplate.version is absent", remediation: "Set launchTemplate.version: lt.latestVersion.apply(String)." });
      return;
    }
    const version = fieldReader(resource.props, report)("launchTemplate.version");
    if (version === UNKNOWN) return;
    if (version === "") report({ message: "launchTemplate.version is empty", remediation: "Set launchTemplate.version: lt.latestVersion.apply(String)." });
  },
});
