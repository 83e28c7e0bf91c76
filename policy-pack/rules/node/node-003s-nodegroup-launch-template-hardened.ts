import { quietGet, UNKNOWN } from "../../core/fields";
import { type Finding, type ResourceRule } from "../../core/rule";
import { nativeStackRule } from "../../core/native";
import { cannotVerify } from "../../core/unknowns";
import { node001 } from "./node-001-imdsv2-hop-limit-1";
import { node002 } from "./node-002-root-volume-encrypted";
import { node004 } from "./node-004-no-ssh-access";
import { NODE_TYPES } from "./types";

const TEMPLATE_RULES: readonly ResourceRule[] = [node001, node002, node004];

/**
 * NODE-003 (stack part), registered as its own rule `NODE-003S`: the launch template a node group reaches
 * through `propertyDependencies.launchTemplate` must be in the stack and pass NODE-001, NODE-002 and NODE-004,
 * unless the template is listed in config `externalLaunchTemplates`.
 */
export const node003s = nativeStackRule({
  id: "NODE-003S",
  name: "nodegroup-launch-template-hardened",
  description: "A node group's launch template must be in the stack and pass NODE-001, NODE-002 and NODE-004 (or be listed in config externalLaunchTemplates).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.3"],
  upstream: "@pulumi/aws NodeGroupArgs.launchTemplate; EKS security best practices",
  remediation: "Attach the component's hardened launch template (launchTemplate: {id: lt.id, version: lt.latestVersion}); list templates owned elsewhere in config externalLaunchTemplates with a justification.",
  resourceTypes: [NODE_TYPES.nodeGroup, NODE_TYPES.launchTemplate],
  check(resources, report, config) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const group of resources) {
      if (group.type !== NODE_TYPES.nodeGroup) continue;
      const lt = quietGet(group.props, "launchTemplate");
      if (lt === undefined || lt === null) continue; // the resource part reports it
      const templates = (group.propertyDependencies.launchTemplate ?? []).map((u) => byUrn.get(u)).filter((r) => r?.type === NODE_TYPES.launchTemplate);
      if (templates.length === 0) {
        const id = quietGet(group.props, "launchTemplate.id");
        const name = quietGet(group.props, "launchTemplate.name");
        if (id === UNKNOWN || name === UNKNOWN) {
          report({ urn: group.urn, ...cannotVerify(id === UNKNOWN ? "launchTemplate.id" : "launchTemplate.name") });
          continue;
        }
        const external = config.externalLaunchTemplates.some((e) => e.name === id || e.name === name);
        if (!external) {
          report({
            urn: group.urn,
            message: `launchTemplate ${String(id ?? name)} is not a LaunchTemplate in this stack and not listed in config externalLaunchTemplates`,
          });
        }
        continue;
      }
      for (const template of templates) {
        if (!template) continue;
        for (const rule of TEMPLATE_RULES) {
          rule.check(
            template,
            (f: Finding | string) => {
              const finding = typeof f === "string" ? { message: f } : f;
              report({ ...finding, urn: group.urn, message: `launchTemplate → ${template.name} fails ${rule.id}: ${finding.message}` });
            },
            config,
          );
        }
      }
    }
  },
});
