import { fieldReader, has, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { LAUNCH_TYPES } from "./types";

/** NODE-001: IMDSv2 required with hop limit 1 (pods cannot reach node credentials). */
export const node001 = nativeResourceRule({
  id: "NODE-001",
  name: "node-imdsv2-hop-limit-1",
  description: "Launch templates and launch configurations must require IMDSv2 (httpTokens: required) with httpPutResponseHopLimit: 1, or disable the metadata endpoint.",
  enforcementLevel: "mandatory",
  severity: "critical",
  groups: ["node", "aws"],
  seed: ["S1 §5.2", "S1 §5.9"],
  upstream: "@pulumi/aws LaunchTemplateMetadataOptions, LaunchConfigurationMetadataOptions; EKS security best practices",
  remediation: 'Set metadataOptions: {httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1}.',
  resourceTypes: LAUNCH_TYPES,
  check(resource, report) {
    if (!has(resource.props, "metadataOptions")) {
      report("metadataOptions is absent: IMDSv1 stays available and pods can reach node credentials");
      return;
    }
    const get = fieldReader(resource.props, report);
    const endpoint = get("metadataOptions.httpEndpoint");
    if (endpoint === UNKNOWN || endpoint === "disabled") return;
    const tokens = get("metadataOptions.httpTokens");
    if (tokens !== UNKNOWN && tokens !== "required") {
      report({
        message: `metadataOptions.httpTokens is ${tokens === undefined ? "absent (default optional)" : JSON.stringify(tokens)}: IMDSv1 (no session token) is allowed`,
        remediation: 'Set metadataOptions.httpTokens: "required".',
      });
    }
    const hops = get("metadataOptions.httpPutResponseHopLimit");
    if (hops !== UNKNOWN && hops !== 1) {
      report({
        message: `metadataOptions.httpPutResponseHopLimit is ${hops === undefined ? "absent" : JSON.stringify(hops)}: pods behind the extra hop can fetch node credentials`,
        remediation: "Set metadataOptions.httpPutResponseHopLimit: 1.",
      });
    }
  },
});
