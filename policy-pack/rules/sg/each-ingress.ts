import type { PackConfig } from "../../core/config";
import type { Report, ResourceUnderTest } from "../../core/rule";
import { ingressView, type IngressRule, type IngressSource, type TargetRole } from "../../core/security-groups";

/** Visit every (ingress rule, source) pair of an SG resource in any of the three forms. */
export function eachIngressSource(
  resource: ResourceUnderTest,
  config: PackConfig,
  report: Report,
  visit: (rule: IngressRule, source: IngressSource, role: TargetRole) => void,
): void {
  const view = ingressView(resource, config, report);
  for (const rule of view.rules) for (const source of rule.sources) visit(rule, source, view.role);
}

/** Types SG-001…SG-007 apply to. */
export { INGRESS_TYPES } from "../../core/security-groups";
